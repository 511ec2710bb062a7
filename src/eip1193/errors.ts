import { isWcError, type WcErrorCode } from '../errors.js';

/** The EIP-1193 (and EIP-1474 JSON-RPC) codes the provider answers with. */
export const RpcErrorCode = {
  /** EIP-1193: the user (or the wallet on their behalf) rejected the request. */
  userRejected: 4001,
  /** EIP-1193: the method or account is not authorized (an address the session does not grant). */
  unauthorized: 4100,
  /** EIP-1193: the session does not grant the method. */
  unsupportedMethod: 4200,
  /** EIP-1193: no session (disconnected from all chains). */
  disconnected: 4900,
  /** EIP-1193: the session does not include the chain asked for. */
  chainDisconnected: 4901,
  /** EIP-3326: `wallet_switchEthereumChain` to a chain the session did not grant. */
  unrecognizedChain: 4902,
  /** JSON-RPC: the request already pending (a connect is open). */
  resourceUnavailable: -32002,
  /** JSON-RPC: malformed parameters. */
  invalidParams: -32602,
  /** JSON-RPC: anything else. */
  internal: -32603,
} as const;
export type RpcErrorCode = (typeof RpcErrorCode)[keyof typeof RpcErrorCode];

/**
 * The error every `provider.request()` rejects with: `code` from EIP-1193 / JSON-RPC, `data` with
 * detail where there is some (e.g. the granted chains for 4902), `cause` the library's `WcError`.
 */
export class ProviderRpcError extends Error {
  override readonly name = 'ProviderRpcError';
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, options: { data?: unknown; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.data = options.data;
  }
}

/** What each library error code means to an EIP-1193 caller; `request-failed` passes the wallet's own code on. */
const BY_CODE: Partial<Record<WcErrorCode, number>> = {
  'user-rejected': RpcErrorCode.userRejected,
  cancelled: RpcErrorCode.userRejected, // the user closed the connect dialog
  'unsupported-method': RpcErrorCode.unsupportedMethod,
  'unsupported-chain': RpcErrorCode.chainDisconnected,
  'no-session': RpcErrorCode.disconnected,
  offline: RpcErrorCode.disconnected,
  'relay-unreachable': RpcErrorCode.disconnected,
  'relay-refused': RpcErrorCode.disconnected,
  disposed: RpcErrorCode.disconnected,
  'not-configured': RpcErrorCode.disconnected,
  busy: RpcErrorCode.resourceUnavailable,
  'invalid-argument': RpcErrorCode.invalidParams,
  'invalid-namespace': RpcErrorCode.invalidParams,
};

/** A JSON-RPC code a wallet may answer with that means the same to an EIP-1193 caller. */
function walletCode(data: unknown): number | null {
  const code = typeof data === 'object' && data !== null ? (data as { code?: unknown }).code : undefined;
  return typeof code === 'number' && Number.isInteger(code) && ((code >= -32768 && code <= -32000) || (code >= 4000 && code < 5000)) ? code : null;
}

/**
 * The one place library errors become `ProviderRpcError`s: by `WcError.code` (the SDK's 5000-range
 * rejections are `user-rejected` by then, so they become 4001), never by message text.
 */
export function toProviderRpcError(error: unknown): ProviderRpcError {
  if (error instanceof ProviderRpcError) return error;
  if (!isWcError(error)) {
    return new ProviderRpcError(RpcErrorCode.internal, error instanceof Error ? error.message : String(error), { cause: error });
  }
  const code = BY_CODE[error.code] ?? (error.code === 'request-failed' ? walletCode(error.data) : null) ?? RpcErrorCode.internal;
  return new ProviderRpcError(code, error.message, { cause: error, data: error.data });
}
