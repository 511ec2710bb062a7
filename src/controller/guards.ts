import { WcError, type WcOperation } from '../errors.js';

export const disposedError = (operation: WcOperation) => new WcError('disposed', 'The controller was disposed', { operation });

export function assertOnline(operation: WcOperation): void {
  // The SDK throws on navigator.onLine === false even on loopback; say so clearly.
  if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new WcError('offline', 'The browser is offline', { operation });
}
