import { WcError, isWcError, type WcErrorCode, type WcOperation } from '../errors.js';

/** JSON-RPC / WalletConnect SDK error codes a wallet sends, mapped to ours. */
function codeFor(numeric: number): WcErrorCode | null {
  if (numeric === 4001 || (numeric >= 5000 && numeric <= 5003)) return 'user-rejected';
  if (numeric === 5100 || numeric === 4901 || numeric === 4902) return 'unsupported-chain';
  if (numeric === 5101 || numeric === 4200) return 'unsupported-method';
  if (numeric === 6000) return 'no-session';
  return null;
}

/**
 * The one place SDK failures become `WcError`s. Branches on structure (numeric codes, our own
 * errors), never on message text; what it cannot classify gets `fallback`.
 */
export function toWcError(error: unknown, operation: WcOperation, fallback: WcErrorCode = 'unknown'): WcError {
  if (isWcError(error)) {
    return error.operation === operation ? error : new WcError(error.code, error.message, { cause: error.cause ?? error, operation, data: error.data });
  }
  const numeric =
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : null;
  const message =
    typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
      ? (error as { message: string }).message
      : String(error);
  const code = (numeric !== null && codeFor(numeric)) || fallback;
  return new WcError(code, message || code, { cause: error, operation, data: numeric === null ? undefined : { code: numeric } });
}
