/**
 * A test wallet that really signs: a real wallet SignClient (test/helpers/peers.ts) with a throwaway
 * key, answering every request with the demo wallet's own signing code (demo/signer.ts).
 */
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { perform } from '../../demo/signer.js';
import { connectAndApprove, makeDapp, makeWallet, type Grant, type TestWallet } from './peers.js';
import type { SessionController } from '../../src/controller/session-controller.js';
import type { NamespaceRequest, SessionView } from '../../src/types.js';

export interface SigningWallet {
  readonly wallet: TestWallet;
  readonly account: PrivateKeyAccount;
  /** What to grant so the session's EVM accounts are this key's address. */
  readonly grant: Grant;
}

/** A wallet whose requests are answered by the demo signer (an error it throws goes back as -32602). */
export async function makeSigningWallet(): Promise<SigningWallet> {
  const wallet = await makeWallet();
  const account = privateKeyToAccount(generatePrivateKey());
  wallet.client.events.on('session_request', (request) => {
    const { method, params } = request.params.request;
    void perform(account, method, Array.isArray(params) ? params : [])
      .then(
        (result) => wallet.respond(request, result),
        (error: unknown) => wallet.rejectRequest(request, -32602, error instanceof Error ? error.message : String(error)),
      )
      .catch(() => {}); // the wallet closed meanwhile (cleanup): the dApp's request expires on its own
  });
  return { wallet, account, grant: { address: account.address } };
}

/** A fresh dApp and a signing wallet with one approved session (`request`, everything granted). */
export async function signingPair(
  request?: NamespaceRequest,
): Promise<{ dapp: SessionController; wallet: TestWallet; account: PrivateKeyAccount; session: SessionView }> {
  const dapp = await makeDapp();
  const { wallet, account, grant } = await makeSigningWallet();
  const session = await connectAndApprove(dapp, wallet, request, grant);
  return { dapp, wallet, account, session };
}
