/**
 * What the demo wallet does with a request, given its throwaway key: signs personal_sign and
 * eth_signTypedData_v4 for real, answers eth_sendTransaction with a FAKE hash (nothing is signed or
 * broadcast). Shared by the demo wallet (demo/wallet.ts) and the signing test wallet
 * (test/helpers/peers.ts), so the library tests verify the signatures the demo makes.
 */
import { isHex } from 'viem';
import type { PrivateKeyAccount } from 'viem/accounts';

type TypedData = Parameters<PrivateKeyAccount['signTypedData']>[0];

/** The methods `perform` answers. */
export const SIGNER_METHODS: ReadonlySet<string> = new Set(['personal_sign', 'eth_signTypedData_v4', 'eth_sendTransaction']);

export function fakeHash(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `0x${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Answers one request for `account`; throws (with a message for the dApp) when the request is malformed or not its own. */
export async function perform(account: PrivateKeyAccount, method: string, params: unknown[]): Promise<string> {
  const ownAddress = (value: unknown) => {
    if (typeof value !== 'string' || value.toLowerCase() !== account.address.toLowerCase()) {
      throw new Error('the request names an account this wallet does not hold');
    }
  };
  switch (method) {
    case 'personal_sign': {
      const [text, address] = params;
      ownAddress(address);
      if (typeof text !== 'string') throw new Error('personal_sign: the message is not a string');
      return account.signMessage({ message: isHex(text) ? { raw: text } : text });
    }
    case 'eth_signTypedData_v4': {
      const [address, data] = params;
      ownAddress(address);
      const typed: unknown = typeof data === 'string' ? JSON.parse(data) : data;
      return account.signTypedData(typed as TypedData);
    }
    case 'eth_sendTransaction': {
      const [tx] = params;
      ownAddress(typeof tx === 'object' && tx !== null ? (tx as { from?: unknown }).from : undefined);
      return fakeHash(); // a TEST wallet: nothing is signed or broadcast
    }
  }
  throw new Error(`${method} is not supported by the demo wallet`);
}
