/**
 * One-Click Auth (wc_sessionAuthenticate) for browser tests: the test wallet answers sign-in
 * requests with CACAOs signed by a real throwaway key (viem), the way wallets do with the SDK's
 * `populateAuthPayload` / `buildAuthObject`. Nothing is mocked; forgeries are signed by another key.
 */
import type { AuthTypes, SignClientTypes } from '@walletconnect/types';
import { buildAuthObject, populateAuthPayload } from '@walletconnect/utils';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import type { TestWallet } from './peers.js';

type AuthRequest = SignClientTypes.EventArguments['session_authenticate'];

export interface AuthAnswerOptions {
  /** Signs with this account but names `account` as the issuer: a forged CACAO. */
  readonly signer?: PrivateKeyAccount;
  /** Change the payload after the wallet read it (a replayed or tampered message). */
  readonly tamper?: (payload: AuthTypes.PayloadParams) => AuthTypes.PayloadParams;
  /** Sends the wallet's answer unchecked: the wallet SDK refuses to send a CACAO that fails its own check. */
  readonly bypassWalletCheck?: boolean;
}

/** A test wallet that supports One-Click Auth: a throwaway key, and the sign-in requests it receives. */
export class AuthWallet {
  readonly wallet: TestWallet;
  readonly account = privateKeyToAccount(generatePrivateKey());
  readonly #inbox: AuthRequest[] = [];
  readonly #waiters: Array<(r: AuthRequest) => void> = [];

  constructor(wallet: TestWallet) {
    this.wallet = wallet;
    wallet.client.events.on('session_authenticate', (request) => {
      const waiter = this.#waiters.shift();
      if (waiter) waiter(request);
      else this.#inbox.push(request);
    });
  }

  next(): Promise<AuthRequest> {
    const queued = this.#inbox.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('wallet: timed out waiting for session_authenticate')), 8000);
      this.#waiters.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
  }

  async pair(uri: string): Promise<AuthRequest> {
    await this.wallet.client.pair({ uri });
    return this.next();
  }

  /** Signs the request on `chain` (default its first) and approves it. */
  async approve(request: AuthRequest, options: AuthAnswerOptions = {}, chain?: string): Promise<void> {
    const client = this.wallet.client;
    const chains = chain ? [chain] : [request.params.authPayload.chains[0]!];
    let payload = populateAuthPayload({
      authPayload: request.params.authPayload,
      chains,
      methods: ['personal_sign', 'eth_sendTransaction', 'eth_signTypedData_v4'],
    });
    if (options.tamper) payload = options.tamper(payload);
    const iss = `did:pkh:${chains[0]}:${this.account.address}`;
    const message = client.formatAuthMessage({ request: payload, iss });
    const signature = await (options.signer ?? this.account).signMessage({ message });
    const cacao = buildAuthObject(payload, { t: 'eip191', s: signature }, iss);
    if (!options.bypassWalletCheck) {
      await client.approveSessionAuthenticate({ id: request.id, auths: [cacao] });
      return;
    }
    // The SDK checks a CACAO before sending it; a forging wallet skips that: swap it in on the way out.
    const engine = client.engine as unknown as { sendResult: (args: { result?: { cacaos?: unknown } }) => Promise<unknown> };
    const honest = buildAuthObject(payload, { t: 'eip191', s: await this.account.signMessage({ message }) }, iss);
    const send = engine.sendResult;
    engine.sendResult = (args) => {
      engine.sendResult = send;
      return send({ ...args, result: { ...args.result, cacaos: [cacao] } });
    };
    await client.approveSessionAuthenticate({ id: request.id, auths: [honest] });
  }

  async reject(request: AuthRequest, code = 5000, message = 'User rejected.'): Promise<void> {
    await this.wallet.client.rejectSessionAuthenticate({ id: request.id, reason: { code, message } });
  }
}
