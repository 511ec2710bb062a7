/** Every failure the library reports carries one of these codes; branch on `code`, never on message text. */
export type WcErrorCode =
  | 'not-configured' // no controller, or options missing (projectId, relayUrl)
  | 'invalid-option' // a controller option or element attribute is malformed
  | 'invalid-argument' // a public method was called with an argument of the wrong shape
  | 'invalid-namespace' // a CAIP-2/10/25 value failed strict validation
  | 'invalid-peer-data' // the peer sent namespaces, accounts or metadata that fail validation
  | 'protocol-violation' // the peer sent something the session does not allow (an ungranted event or chain); dropped
  | 'init-failed' // SignClient.init threw
  | 'init-timeout' // SignClient.init did not settle in time (e.g. IndexedDB never opened)
  | 'storage-corrupt' // stored records could not be read and were dropped
  | 'storage-unavailable' // persistent storage failed; running on memory, sessions will not persist
  | 'storage-full' // storage refused a write for quota; kept in memory, sessions may not persist
  | 'relay-unreachable' // the relay socket could not be opened (reported within 6 s; the SDK keeps trying)
  | 'relay-refused' // the relay closed the socket with 4001 (auth refused): fatal until the next connect()
  | 'offline' // navigator.onLine is false
  | 'proposal-expired' // the pairing proposal expired before the wallet answered
  | 'connect-interrupted' // a connect was in progress when the page reloaded (reported by the next init); start a new one
  | 'user-rejected' // the wallet (or the user) rejected the proposal or request
  | 'cancelled' // the caller cancelled (cancel(), AbortSignal, dispose())
  | 'busy' // a connect is already under way
  | 'required-unmet' // the approved session lacks required chains, methods or events
  | 'no-session' // the operation needs a session and there is none / the topic is unknown
  | 'unsupported-chain' // the chain is not part of the session
  | 'unsupported-method' // the method is not granted for that chain
  | 'request-failed' // the wallet answered a request with an error
  | 'request-expired' // the request expired before the wallet answered
  | 'auth-invalid' // a sign-in (CACAO / SIWE signature) failed verification or does not match what was asked; the session is dropped
  | 'nonce-reused' // authenticate() was given a nonce this storage has seen before (replay)
  | 'timeout' // an operation took longer than its bound
  | 'disposed' // the controller was disposed
  | 'tab-leader-lost' // the tab running WalletConnect for this origin closed before answering a forwarded call
  | 'unknown'; // anything the SDK threw that maps to none of the above

/** The operation an error came from; `wc-error` carries it. */
export type WcOperation =
  | 'init'
  | 'connect'
  | 'authenticate'
  | 'request'
  | 'extend'
  | 'ping'
  | 'disconnect'
  | 'select'
  | 'getSession'
  | 'restore'
  | 'peer'
  | 'storage'
  | 'relay'
  | 'attribute';

export interface WcErrorOptions {
  cause?: unknown;
  operation?: WcOperation;
  /** Structured detail (e.g. what required items were not granted). */
  data?: unknown;
}

export class WcError extends Error {
  override readonly name = 'WcError';
  readonly code: WcErrorCode;
  readonly operation: WcOperation | undefined;
  readonly data: unknown;

  constructor(code: WcErrorCode, message: string, options: WcErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.operation = options.operation;
    this.data = options.data;
  }
}

export function isWcError(value: unknown): value is WcError {
  return value instanceof WcError || (value instanceof Error && value.name === 'WcError' && 'code' in value);
}
