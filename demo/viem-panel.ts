/**
 * The demo dApp's "viem" panel: viem's wallet client over wc-elements' EIP-1193 provider, signing a
 * message and verifying who signed it. Built by demo/rollup.config.mjs into dist/demo-viem.js (viem
 * stays out of the library's bundle); demo/dapp.js loads it on the first click.
 */
import { createWalletClient, custom, verifyMessage, type EIP1193Provider } from 'viem';

export interface ViemSignature {
  readonly address: string;
  readonly chainId: number;
  readonly message: string;
  readonly signature: string;
  /** viem's `verifyMessage` of the signature against `address`. */
  readonly verified: boolean;
}

/** Asks for the accounts (connecting when there is no session), signs `message` with the first, verifies it. */
export async function signWithViem(provider: unknown, message: string): Promise<ViemSignature> {
  const client = createWalletClient({ transport: custom(provider as EIP1193Provider) });
  const [address] = await client.requestAddresses();
  if (!address) throw new Error('the wallet granted no account');
  const chainId = await client.getChainId();
  const signature = await client.signMessage({ account: address, message });
  const verified = await verifyMessage({ address, message, signature });
  return { address, chainId, message, signature, verified };
}
