import { WcError } from '../errors.js';

/**
 * Where a connect in progress is remembered, beside the SDK's records under the controller's
 * storage prefix. A reload in the middle of a connect loses the proposal's promise and the page's
 * QR code: from the dApp's view that pairing is dead. The next controller on the same storage finds
 * the marker and reports `connect-interrupted`, so the page (and `<wc-connect>`) can say so and
 * offer a fresh code at once.
 */
const CONNECTING_KEY = 'wc-elements//connecting';

/** The three methods of the SDK's key-value storage used here (`client.core.storage`). */
export interface MarkerStorage {
  getItem<T = unknown>(key: string): Promise<T | undefined>;
  setItem<T = unknown>(key: string, value: T): Promise<void>;
  removeItem(key: string): Promise<void>;
}

/** What is stored while a connect is open (milliseconds since the epoch). */
export interface ConnectingMarker {
  readonly startedAt: number;
  /** When its proposal would have expired anyway: a marker found after this is dropped silently. */
  readonly expiresAt: number;
}

export const connectingKey = (prefix: string): string => `${CONNECTING_KEY}:${prefix}`;

/**
 * The marker of one open connect: written when it opens, removed when it ends with a session, a
 * failure or a cancel, and left in place when the controller is disposed (as a reload does, or
 * never gets to). Best effort: a storage that fails only loses the "interrupted" notice.
 */
export class ConnectMarker {
  readonly #storage: MarkerStorage;
  readonly #key: string;
  #written: Promise<unknown>;

  constructor(storage: MarkerStorage, prefix: string, ttlSeconds: number, now = Date.now()) {
    this.#storage = storage;
    this.#key = connectingKey(prefix);
    const marker: ConnectingMarker = { startedAt: now, expiresAt: now + ttlSeconds * 1000 };
    this.#written = storage.setItem(this.#key, marker).catch(() => {});
  }

  /** The connect ended (not by dispose): forget it, after the write (storage keeps no order of its own). */
  clear(): void {
    this.#written = this.#written.then(() => this.#storage.removeItem(this.#key)).catch(() => {});
  }
}

/**
 * Reads and removes the marker a previous page (or a disposed controller) left under `prefix`:
 * the `connect-interrupted` error to report, or null when there is none, it is malformed, or its
 * proposal would have expired by now anyway.
 */
export async function takeInterruptedConnect(storage: MarkerStorage, prefix: string, now = Date.now()): Promise<WcError | null> {
  const key = connectingKey(prefix);
  let marker: Partial<ConnectingMarker> | undefined;
  try {
    marker = await storage.getItem<Partial<ConnectingMarker>>(key);
    if (marker === undefined || marker === null) return null;
    await storage.removeItem(key);
  } catch {
    return null; // unreadable storage is reported by the storage checks; this is only a notice
  }
  const { startedAt, expiresAt } = marker;
  if (typeof startedAt !== 'number' || typeof expiresAt !== 'number' || !Number.isFinite(startedAt) || !(expiresAt > now)) return null;
  return new WcError(
    'connect-interrupted',
    'A connect was in progress when the page was reloaded (or the controller disposed); its code is gone. Start a new one.',
    {
      operation: 'connect',
      data: { startedAt },
    },
  );
}
