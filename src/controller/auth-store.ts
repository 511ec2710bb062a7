import { CAIP2_RE } from '../caip.js';
import { WcError } from '../errors.js';
import type { SessionAuth } from '../types.js';
import type { AuthResult } from './api.js';
import { TopicStore, type TopicStorage } from './topic-store.js';

/** Where the controller keeps the sign-in nonces it has sent, beside its other records. */
const NONCES_KEY = 'wc-elements//auth-nonces';
/** Enough for years of sign-ins; the oldest are forgotten past it. */
const NONCE_LIMIT = 5000;

/**
 * Claims `nonce` for one sign-in under `prefix`: refuses (`nonce-reused`) a nonce this storage has
 * seen, so an old CACAO cannot be replayed, then records it before anything is sent.
 */
export async function claimNonce(storage: TopicStorage, prefix: string, nonce: string): Promise<void> {
  const key = `${NONCES_KEY}:${prefix}`;
  const stored = await storage.getItem<unknown>(key);
  const seen = Array.isArray(stored) ? stored.filter((n): n is string => typeof n === 'string') : [];
  if (seen.includes(nonce)) {
    throw new WcError('nonce-reused', 'This nonce was used for an earlier sign-in; make a new one for each', { operation: 'authenticate' });
  }
  await storage.setItem(key, [...seen, nonce].slice(-NONCE_LIMIT));
}

/** Where the controller keeps each session's sign-in, beside its other records. */
const SIGN_INS_KEY = 'wc-elements//sign-ins';

const seconds = (iso: unknown): number | null => {
  const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
};

/** The sign-in to keep on a session, read from a verified result (its first CACAO's domain, iat and exp). */
export function sessionAuthOf(result: Pick<AuthResult, 'cacaos' | 'address' | 'chainId' | 'fallback'>): SessionAuth {
  const payload = result.cacaos[0]?.p;
  return Object.freeze({
    address: result.address,
    chainId: result.chainId,
    domain: String(payload?.domain ?? ''),
    issuedAt: seconds(payload?.iat) ?? Math.floor(Date.now() / 1000),
    expiry: seconds(payload?.exp),
    fallback: result.fallback,
  });
}

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;
const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A stored entry as a SessionAuth, or null when it is not of that shape (storage is not trusted). */
function readSessionAuth(entry: unknown): SessionAuth | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const e = entry as Record<string, unknown>;
  const { address, chainId, domain, issuedAt, expiry, fallback } = e;
  if (typeof address !== 'string' || !ADDRESS_RE.test(address)) return null;
  if (typeof chainId !== 'string' || !CAIP2_RE.test(chainId)) return null;
  if (typeof domain !== 'string' || domain.length > 2048 || !isSeconds(issuedAt) || (expiry !== null && !isSeconds(expiry))) return null;
  return Object.freeze({ address, chainId, domain, issuedAt, expiry, fallback: fallback === true });
}

/** The sign-in of each signed-in session, by topic, persisted under the controller's prefix so it survives a reload. */
export class SignInStore extends TopicStore<SessionAuth> {
  constructor(onError: (error: WcError) => void) {
    super(SIGN_INS_KEY, readSessionAuth, onError);
  }

  remember(topic: string, auth: SessionAuth): void {
    this.put(topic, auth);
  }
}
