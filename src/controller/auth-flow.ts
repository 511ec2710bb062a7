import type { AuthTypes, ISignClient } from '@walletconnect/types';
import { buildAuthObject, engineEvent, formatMessage, parseUri } from '@walletconnect/utils';
import { WcError } from '../errors.js';
import { ensureBuffer } from '../internal/buffer-shim.js';
import { toWcError } from '../internal/sdk-errors.js';
import type { NamespaceRequest, SessionView } from '../types.js';
import type { AuthenticateParams, AuthResult, ConnectOptions, SessionControllerApi } from './api.js';
import { authInvalid, verifyCacao, type AuthExpectation, type SignedIn } from './auth-check.js';
import { claimNonce } from './auth-store.js';
import { ProposalFlow, type ProposalHooks } from './proposal-flow.js';
import type { ResolvedOptions } from './options.js';

const AUTH_EVENTS = ['chainChanged', 'accountsChanged'];

/** The methods a sign-in asks for: the page's, else the eip155 methods of its default namespaces, else personal_sign. */
export function authMethods(params: AuthenticateParams, defaults: NamespaceRequest | null): string[] {
  if (params.methods) return [...new Set(params.methods)];
  const fromDefaults = Object.entries({ ...defaults?.requiredNamespaces, ...defaults?.optionalNamespaces })
    .filter(([key]) => key.split(':')[0] === 'eip155')
    .flatMap(([, ns]) => ns.methods);
  return fromDefaults.length ? [...new Set(fromDefaults)] : ['personal_sign'];
}

/** A wallet's answer to wc_sessionAuthenticate as the engine passes it on internally. */
type AuthAnswer = { result?: { cacaos?: AuthTypes.Cacao[] }; error?: { code: number; message: string } };
type Listener = (answer: AuthAnswer) => unknown;
type EngineEvents = {
  rawListeners(name: string): Array<Listener & { listener?: Listener }>;
  removeListener(name: string, l: Listener): void;
  once(name: string, l: Listener): void;
};

/**
 * One pending sign-in (`wc_sessionAuthenticate`): a ProposalFlow whose URI comes from the SDK's
 * `authenticate()`, so the controller shows, cancels, expires and busies it like a connect.
 * The wallet's CACAOs are verified here before the SDK sees them: a failed one reaches the SDK as an
 * error, so 2.21.8 stores no session for it. A wallet without One-Click Auth answers the session
 * proposal the SDK sends alongside; that session arrives through session_connect, and `complete()`
 * asks it for a `personal_sign` of the same SIWE message.
 */
export class AuthFlow extends ProposalFlow {
  override readonly operation = 'authenticate';
  readonly #params: AuthenticateParams;
  readonly #options: ResolvedOptions;
  readonly #expected: AuthExpectation;
  #authId: number | null = null;
  #payload: AuthTypes.PayloadParams | null = null;
  #cacaos: readonly AuthTypes.Cacao[] = [];
  #signedIn: SignedIn | null = null;
  #refused: WcError | null = null;

  /** `params` were checked by the controller (`checkAuthenticateParams`, in every tab that sees the call). */
  constructor(params: AuthenticateParams, options: ResolvedOptions, hooks: ProposalHooks, cancel: () => void) {
    const methods = [...new Set(['personal_sign', ...authMethods(params, options.defaultNamespaces)])];
    const requested: NamespaceRequest = Object.freeze({
      requiredNamespaces: Object.freeze({}),
      optionalNamespaces: Object.freeze({ eip155: Object.freeze({ chains: [...params.chains], methods, events: AUTH_EVENTS }) }),
    });
    super(requested, params.signal ? { signal: params.signal } : {}, hooks, cancel);
    this.#params = params;
    this.#options = options;
    this.#expected = { chains: params.chains, domain: params.domain, uri: params.uri, nonce: params.nonce };
  }

  protected override async send(client: ISignClient, _options: ConnectOptions): Promise<string | undefined> {
    await claimNonce(client.core.storage, this.#options.storagePrefix, this.#params.nonce);
    if (this.done) return undefined;
    ensureBuffer(); // recap encoding and the SDK's own CACAO check call Buffer
    const p = this.#params;
    const { uri, response } = await client.authenticate({
      chains: [...p.chains],
      domain: p.domain,
      uri: p.uri,
      nonce: p.nonce,
      ...(p.statement !== undefined ? { statement: p.statement } : {}),
      ...(p.resources ? { resources: [...p.resources] } : {}),
      methods: authMethods(p, this.#options.defaultNamespaces),
    });
    const pairingTopic = parseUri(uri).topic;
    const request = client.auth.requests.getAll().find((r) => r.pairingTopic === pairingTopic);
    if (request) {
      this.#authId = request.id;
      this.#payload = request.authPayload;
      this.#screenAnswers(client, request.id);
    }
    response()
      .then(
        async (result) => {
          if (this.done) return;
          if (!result.auths?.length) return; // a plain session (fallback): it comes through session_connect
          if (!result.session) return this.fail(new WcError('unknown', 'The wallet signed in but the SDK made no session', { operation: 'authenticate' }));
          // Not screened (the SDK's internals moved?): verify now, and drop what the SDK stored on failure.
          const checked = this.#signedIn ? null : await this.#screen({ result: { cacaos: result.auths } }, client.core.projectId ?? '');
          if (checked?.error) {
            await client.disconnect({ topic: result.session.topic, reason: { code: 6000, message: 'Sign-in not verified' } }).catch(() => {});
            return this.fail(this.#refused ?? authInvalid('unverified'));
          }
          this.signedIn(result.session);
        },
        (error: unknown) => this.fail(this.#refused ?? toWcError(error, 'authenticate', 'user-rejected')),
      )
      .catch((error: unknown) => this.fail(toWcError(error, 'authenticate', 'unknown')));
    return uri;
  }

  /**
   * Puts our verification in front of the engine's handler of the wallet's answer (it is registered
   * once, inside `authenticate()`, under the request id): a CACAO we refuse goes on as an error.
   */
  #screenAnswers(client: ISignClient, id: number): void {
    const events = (client.engine as unknown as { events: EngineEvents }).events;
    const name = engineEvent('session_request', id);
    const registered = events.rawListeners(name)[0];
    if (!registered) return;
    const engineHandler = registered.listener ?? registered;
    events.removeListener(name, engineHandler);
    events.once(name, (answer) => {
      void this.#screen(answer, client.core.projectId ?? '').then((passed) =>
        Promise.resolve(engineHandler(passed)).catch((error: unknown) => this.fail(toWcError(error, 'authenticate', 'unknown'))),
      );
    });
  }

  async #screen(answer: AuthAnswer, projectId: string): Promise<AuthAnswer> {
    const cacaos = answer?.result?.cacaos;
    if (!Array.isArray(cacaos)) return answer;
    try {
      if (cacaos.length === 0) throw authInvalid('the wallet sent no signed message');
      const signers = await Promise.all(cacaos.map((cacao) => verifyCacao(cacao, this.#expected, projectId)));
      this.#cacaos = Object.freeze([...cacaos]);
      this.#signedIn = signers[0]!;
      return answer;
    } catch (error) {
      this.#refused = error instanceof WcError ? error : authInvalid('unreadable answer', error);
      return { error: { code: 7001, message: this.#refused.message } };
    }
  }

  /**
   * Finishes a sign-in once its session is in the controller: the verified CACAOs, or (fallback)
   * a `personal_sign` of the same SIWE message on the new session, verified the same way. A
   * fallback signature that fails disconnects the session and rejects.
   */
  async complete(session: SessionView, controller: Pick<SessionControllerApi, 'request' | 'disconnect'>): Promise<AuthResult> {
    if (this.#signedIn) return Object.freeze({ session, cacaos: this.#cacaos, ...this.#signedIn, fallback: false });
    try {
      const payload = this.#payload;
      if (!payload) throw authInvalid('the sign-in request was lost');
      const account = session.accounts.find((a) => this.#params.chains.some((chain) => a.startsWith(`${chain}:`)));
      if (!account) throw authInvalid('the wallet granted no account on a requested chain');
      const [namespace, reference, address] = account.split(':') as [string, string, string];
      const iss = `did:pkh:${account}`;
      const message = formatMessage(payload, iss);
      const signature = await controller.request({
        topic: session.topic,
        chainId: `${namespace}:${reference}`,
        method: 'personal_sign',
        params: [message, address],
      });
      if (typeof signature !== 'string') throw authInvalid('the wallet returned no signature');
      const cacao = buildAuthObject(payload, { t: 'eip191', s: signature }, iss);
      const signedIn = await verifyCacao(cacao, this.#expected, this.#options.projectId);
      return Object.freeze({ session, cacaos: Object.freeze([cacao]), ...signedIn, fallback: true });
    } catch (error) {
      await controller.disconnect(session.topic).catch(() => {});
      throw error;
    }
  }

  override finish(outcome: SessionView | WcError, client: ISignClient | null): void {
    if (outcome instanceof WcError && this.#authId !== null && !this.done) {
      client?.auth.requests.delete(this.#authId, { message: 'cancelled', code: 0 }).catch(() => {});
    }
    super.finish(outcome, client);
  }
}
