import { WcError } from '../errors.js';
import type { RequestedStorage } from './requested-store.js';

/** Where the controller keeps the sign-in nonces it has sent, beside its other records. */
const NONCES_KEY = 'wc-elements//auth-nonces';
/** Enough for years of sign-ins; the oldest are forgotten past it. */
const NONCE_LIMIT = 5000;

/**
 * Claims `nonce` for one sign-in under `prefix`: refuses (`nonce-reused`) a nonce this storage has
 * seen, so an old CACAO cannot be replayed, then records it before anything is sent.
 */
export async function claimNonce(storage: RequestedStorage, prefix: string, nonce: string): Promise<void> {
  const key = `${NONCES_KEY}:${prefix}`;
  const stored = await storage.getItem<unknown>(key);
  const seen = Array.isArray(stored) ? stored.filter((n): n is string => typeof n === 'string') : [];
  if (seen.includes(nonce)) {
    throw new WcError('nonce-reused', 'This nonce was used for an earlier sign-in; make a new one for each', { operation: 'authenticate' });
  }
  await storage.setItem(key, [...seen, nonce].slice(-NONCE_LIMIT));
}
