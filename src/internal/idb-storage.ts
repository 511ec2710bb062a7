import type { IKeyValueStorage } from '@walletconnect/keyvaluestorage';

/** The database and store the SDK's own browser storage uses, so stored sessions carry over. */
const DB_NAME = 'WALLET_CONNECT_V2_INDEXED_DB';
const STORE = 'keyvaluestorage';
/** How long IndexedDB may take to open before it counts as unavailable (it can hang forever). */
export const OPEN_BOUND_MS = 1500;
/** Writes are coalesced per key and flushed at most this long after the first one. */
export const FLUSH_DELAY_MS = 100;

/** The key as the SDK's storage (unstorage) writes it: `/` and `\` become `:`, no doubled or edge `:`. */
function normalizeKey(key: string): string {
  return (key.split('?')[0] ?? '').replace(/[/\\]/g, ':').replace(/:+/g, ':').replace(/^:|:$/g, '');
}

/** Like the SDK's safeJsonStringify: a bigint becomes `"123n"`. */
const stringify = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

function parse(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw ?? undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

const done = (request: IDBRequest | IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    if (request instanceof IDBTransaction) {
      request.oncomplete = () => resolve();
      request.onabort = request.onerror = () => reject(request.error ?? new DOMException('Transaction aborted', 'AbortError'));
    } else {
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    }
  });

/** A pending write: the value to store, or `undefined` to delete the key. */
type Pending = { readonly value: unknown };

/**
 * The browser storage handed to SignClient instead of `@walletconnect/keyvaluestorage`, whose module
 * reads `localStorage` at load (a throwing getter kills the whole bundle) and whose IndexedDB can
 * hang every call forever. This one touches `indexedDB` only when first used, bounds the open,
 * and coalesces writes: the SDK rewrites its whole message list and request history on every
 * incoming message, so per key only the last value of a short window is written, one transaction
 * at a time (flushed on `pagehide` and by `flush()` before dispose). Values are stored as the SDK
 * stores them (JSON strings under normalised keys), so existing sessions load.
 */
export class IdbStorage implements IKeyValueStorage {
  #db: Promise<IDBDatabase> | null = null;
  readonly #pending = new Map<string, Pending>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #flushing: Promise<void> = Promise.resolve();
  readonly #onError: (error: unknown) => void;
  /** Writes issued to IndexedDB (one per key per flush): what coalescing saves is visible in tests. */
  writes = 0;

  /** `onError` hears failed writes; the SDK's Core (as the bundle's stand-in) passes its storage options here instead. */
  constructor(onError?: ((error: unknown) => void) | object) {
    this.#onError = typeof onError === 'function' ? (onError as (error: unknown) => void) : () => {};
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
  }

  #open(): Promise<IDBDatabase> {
    this.#db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const timer = setTimeout(() => reject(new DOMException(`IndexedDB did not open within ${OPEN_BOUND_MS} ms`, 'TimeoutError')), OPEN_BOUND_MS);
      const request = indexedDB.open(DB_NAME); // a throwing getter or open() rejects here
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => {
        clearTimeout(timer);
        resolve(request.result);
      };
      request.onerror = () => {
        clearTimeout(timer);
        reject(request.error);
      };
    });
    return this.#db;
  }

  async #store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.#open()).transaction(STORE, mode).objectStore(STORE);
  }

  /** Opens the database (bounded); rejects when IndexedDB is blocked, broken or hangs. */
  async probe(): Promise<void> {
    await this.#open();
  }

  async getKeys(): Promise<string[]> {
    const store = await this.#store('readonly');
    const request = store.getAllKeys();
    await done(request);
    const keys = new Set(request.result.map(String));
    for (const [key, p] of this.#pending) {
      if (p.value === undefined) keys.delete(key);
      else keys.add(key);
    }
    return [...keys];
  }

  async getEntries<T = unknown>(): Promise<[string, T][]> {
    const keys = await this.getKeys();
    return Promise.all(keys.map(async (key) => [key, (await this.getItem<T>(key)) as T] as [string, T]));
  }

  async getItem<T = unknown>(key: string): Promise<T | undefined> {
    const k = normalizeKey(key);
    const pending = this.#pending.get(k);
    // A copy: the SDK must not see later changes of the object it handed to setItem.
    if (pending) return pending.value === undefined ? undefined : (parse(stringify(pending.value)) as T);
    const request = (await this.#store('readonly')).get(k);
    await done(request);
    return (parse(request.result) ?? undefined) as T | undefined;
  }

  async setItem<T = unknown>(key: string, value: T): Promise<void> {
    this.#queue(normalizeKey(key), value);
  }

  async removeItem(key: string): Promise<void> {
    this.#queue(normalizeKey(key), undefined);
  }

  #queue(key: string, value: unknown): void {
    this.#pending.set(key, { value });
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, FLUSH_DELAY_MS);
  }

  /** Writes everything pending (last value per key), one transaction at a time. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  async #write(): Promise<void> {
    if (this.#pending.size === 0) return;
    const batch = [...this.#pending];
    this.#pending.clear();
    try {
      const store = await this.#store('readwrite');
      for (const [key, { value }] of batch) {
        this.writes++;
        if (value === undefined) store.delete(key);
        else store.put(stringify(value), key);
      }
      await done(store.transaction);
    } catch (error) {
      // Not written: keep what no newer write replaced, so reads stay right and the next flush retries.
      for (const [key, p] of batch) if (!this.#pending.has(key)) this.#pending.set(key, p);
      this.#onError(error);
    }
  }

  #onPageHide = (): void => {
    void this.flush();
  };

  /** Flushes and stops listening for `pagehide`. */
  async close(): Promise<void> {
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
    await this.flush();
  }
}
