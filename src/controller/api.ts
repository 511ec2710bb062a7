import type { AuthTypes, SignClientTypes } from '@walletconnect/types';
import type { NamespaceRequest, RequestedNamespaces, SessionState, SessionView, PairingView } from '../types.js';
import type { ControllerEventTarget } from '../events.js';

export interface ConnectOptions {
  readonly requiredNamespaces?: RequestedNamespaces;
  readonly optionalNamespaces?: RequestedNamespaces;
  /** Send the proposal over this existing pairing instead of a new `wc:` URI. */
  readonly pairingTopic?: string;
  readonly sessionProperties?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

export interface RequestOptions {
  /** Defaults to `state.activeTopic`. */
  readonly topic?: string;
  /** CAIP-2 chain id; must be granted in the session. */
  readonly chainId: string;
  readonly method: string;
  readonly params?: unknown;
  /** Seconds the wallet has to answer (SDK bounds: 300 to 604800; anything else is `invalid-argument`). */
  readonly expiry?: number;
  readonly signal?: AbortSignal;
}

/** `authenticate()`: a CAIP-122 / SIWE sign-in request (eip155 chains only, as the SDK allows). */
export interface AuthenticateParams {
  /** CAIP-2 chain ids the wallet may sign in on; the session is asked for these. */
  readonly chains: readonly string[];
  /** The host asking (the SIWE `domain`), e.g. `location.host`. */
  readonly domain: string;
  /** The URI the sign-in is for (the SIWE `URI`), e.g. `location.origin`. */
  readonly uri: string;
  /** Single-use, at least 8 letters or digits; a nonce this storage has seen is refused (`nonce-reused`). */
  readonly nonce: string;
  readonly statement?: string;
  readonly resources?: readonly string[];
  /** Methods the session may call; default the eip155 methods of the controller's default namespaces, else `personal_sign`. */
  readonly methods?: readonly string[];
  readonly signal?: AbortSignal;
}

/** What a sign-in resolves with: the new session, the verified CACAOs, and who signed in where. */
export interface AuthResult {
  readonly session: SessionView;
  readonly cacaos: readonly AuthTypes.Cacao[];
  /** The signing account (checksummed as the wallet sent it). */
  readonly address: string;
  /** CAIP-2 chain of the signing account. */
  readonly chainId: string;
  /** True when the wallet did not support One-Click Auth: a normal session plus a `personal_sign` of the same SIWE message. */
  readonly fallback: boolean;
}

/**
 * The public face of the SessionController: what elements call and render. A test fake for
 * rendering implements this; the real controller is `SessionController`. An argument of the wrong
 * shape is refused with `invalid-argument`: the async methods reject, `select()` and
 * `getSession()` throw.
 *
 * @fires wc-state-change - every snapshot replacement
 * @fires wc-ready - init finished
 * @fires wc-status-change - `state.status` changed
 * @fires wc-relay-change - relay socket connected / disconnected
 * @fires wc-session-change - sessions added, updated or removed
 * @fires wc-pairing-change - pairings changed
 * @fires wc-proposal - a `wc:` URI (or a proposal over an existing pairing) is ready
 * @fires wc-proposal-expire - the open proposal expired
 * @fires wc-session-event - the wallet emitted an event (chainChanged, accountsChanged, …)
 * @fires wc-request - a request changed: pending, resolved, rejected or expired
 * @fires wc-error - an operation failed
 */
export interface SessionControllerApi extends ControllerEventTarget<SessionControllerApi> {
  readonly state: SessionState;
  readonly sessions: readonly SessionView[];
  readonly pairings: readonly PairingView[];
  readonly sessionTopics: readonly string[];
  readonly pairingTopics: readonly string[];
  /** Namespaces `connect()` uses when given none. */
  readonly defaultNamespaces: NamespaceRequest | null;
  readonly metadata: SignClientTypes.Metadata;
  init(): Promise<void>;
  connect(options?: ConnectOptions): Promise<SessionView>;
  /**
   * One-Click Auth: one URI, the wallet signs a SIWE message (CACAO) and a session is made in the same
   * step. The URI appears as a connect's does (`state.proposal`, `wc-proposal`); the signature is
   * verified locally (`auth-invalid` drops the session).
   */
  authenticate(params: AuthenticateParams): Promise<AuthResult>;
  /** Closes the open proposal (`connect()` rejects with `cancelled`); returns nothing. */
  cancel(): void;
  request<T = unknown>(options: RequestOptions): Promise<T>;
  extend(topic?: string): Promise<SessionView>;
  /** Resolves to the round-trip time in ms. */
  ping(topic?: string): Promise<number>;
  disconnect(topic?: string): Promise<void>;
  /** Makes `topic` the active session (the default for `request()`); returns nothing, an unknown topic is reported as `no-session`. */
  select(topic: string): void;
  getSession(topic: string): SessionView | undefined;
  dispose(): Promise<void>;
}
