import type { SignClientTypes } from '@walletconnect/types';
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
