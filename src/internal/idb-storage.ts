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

/** A write not yet committed: the value to store, or `undefined` to delete the key. */
type Pending = { readonly value: unknown };
/** A write issued in a transaction that has not committed yet (`batch` tells one flush from another). */
type InFlight = Pending & { readonly batch: number };

/**
 * The browser storage handed to SignClient instead of `@walletconnect/keyvaluestorage`, whose module
 * reads `localStorage` at load (a throwing getter kills the whole bundle) and whose IndexedDB can
 * hang every call forever. This one touches `indexedDB` only when first used, bounds the open,
 * and coalesces writes: the SDK rewrites its whole message list and request history on every
 * incoming message, so per key only the last value of a short window is written. A flush starts
 * its transaction at once (IndexedDB runs read-write transactions in the order they were created,
 * and a read started later waits for them, in any connection), so the flush on `pagehide` /
 * `visibilitychange` (hidden) and the one `close()` makes never wait behind an earlier write: a
 * transaction started before the page unloads still commits. Values are stored as the SDK stores
 * them (JSON strings under normalised keys), so existing sessions load.
 */
export class IdbStorage implements IKeyValueStorage {
  #db: Promise<IDBDatabase> | null = null;
  /** The open connection, once there is one: what lets a flush start its transaction synchronously. */
  #connection: IDBDatabase | null = null;
  readonly #pending = new Map<string, Pending>();
  /** The latest write of each key that is issued but not committed: reads see it, a failure requeues it. */
  readonly #inFlight = new Map<string, InFlight>();
  readonly #writing = new Set<Promise<void>>();
  #batches = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #onError: (error: unknown) => void;
  /** Writes issued to IndexedDB (one per key per flush): what coalescing saves is visible in tests. */
  writes = 0;

  /** `onError` hears failed writes; the SDK's Core (as the bundle's stand-in) passes its storage options here instead. */
  constructor(onError?: ((error: unknown) => void) | object) {
    this.#onError = typeof onError === 'function' ? (onError as (error: unknown) => void) : () => {};
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
    globalThis.document?.addEventListener('visibilitychange', this.#onVisibilityChange);
  }

  #open(): Promise<IDBDatabase> {
    this.#db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const timer = setTimeout(() => reject(new DOMException(`IndexedDB did not open within ${OPEN_BOUND_MS} ms`, 'TimeoutError')), OPEN_BOUND_MS);
      const request = indexedDB.open(DB_NAME); // a throwing getter or open() rejects here
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => {
        clearTimeout(timer);
        const db = request.result;
        // Never block another connection's upgrade (a newer SDK in another tab): let go, reopen on next use.
        db.onversionchange = () => this.#forget(db, true);
        db.onclose = () => this.#forget(db, false);
        this.#connection = db;
        resolve(db);
      };
      request.onerror = () => {
        clearTimeout(timer);
        reject(request.error);
      };
    });
    return this.#db;
  }

  /** Drops a connection that closed (or must close); the next use opens a new one. */
  #forget(db: IDBDatabase, close: boolean): void {
    if (close) db.close();
    if (this.#connection !== db) return;
    this.#connection = null;
    this.#db = null;
  }

  async #store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.#open()).transaction(STORE, mode).objectStore(STORE);
  }

  /** Opens the database (bounded); rejects when IndexedDB is blocked, broken or hangs. */
  async probe(): Promise<void> {
    await this.#open();
  }

  /** The value of a key not yet committed (queued or in flight), if there is one. */
  #unsaved(key: string): Pending | undefined {
    return this.#pending.get(key) ?? this.#inFlight.get(key);
  }

  async getKeys(): Promise<string[]> {
    const store = await this.#store('readonly');
    const request = store.getAllKeys();
    await done(request);
    const keys = new Set(request.result.map(String));
    for (const key of new Set([...this.#inFlight.keys(), ...this.#pending.keys()])) {
      if (this.#unsaved(key)!.value === undefined) keys.delete(key);
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
    const unsaved = this.#unsaved(k);
    // A copy: the SDK must not see later changes of the object it handed to setItem.
    if (unsaved) return unsaved.value === undefined ? undefined : (parse(stringify(unsaved.value)) as T);
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

  /**
   * Writes everything queued (last value per key) in one transaction, started before this returns
   * when the database is open; resolves once every write issued so far has settled.
   */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.size) {
      const batch = [...this.#pending];
      this.#pending.clear();
      const id = ++this.#batches;
      for (const [key, { value }] of batch) this.#inFlight.set(key, { value, batch: id });
      const db = this.#connection;
      const write = (db ? this.#write(db, batch) : this.#open().then((opened) => this.#write(opened, batch))).then(
        () => this.#settle(batch, id, null),
        (error: unknown) => this.#settle(batch, id, error ?? new DOMException('Transaction aborted', 'AbortError')),
      );
      this.#writing.add(write);
      void write.finally(() => this.#writing.delete(write));
    }
    return Promise.all(this.#writing).then(() => undefined);
  }

  /** Starts one transaction for `batch` (synchronously: the caller may be a page going away). */
  #write(db: IDBDatabase, batch: ReadonlyArray<[string, Pending]>): Promise<void> {
    let transaction: IDBTransaction | null = null;
    try {
      transaction = db.transaction(STORE, 'readwrite');
      const store = transaction.objectStore(STORE);
      for (const [key, { value }] of batch) {
        this.writes++;
        if (value === undefined) store.delete(key);
        else store.put(stringify(value), key);
      }
      // Commit now rather than when the event loop comes back: a page going away (pagehide) may not get that turn.
      transaction.commit?.();
      return done(transaction);
    } catch (error) {
      // A closing connection or a value that cannot be stored: write none of the batch (it is queued again).
      try {
        transaction?.abort();
      } catch {
        /* not active any more */
      }
      return Promise.reject(error);
    }
  }

  /** A batch committed or failed: a failed write no newer one replaced is queued again (reads stay right; the next flush retries). */
  #settle(batch: ReadonlyArray<[string, Pending]>, id: number, error: unknown): void {
    for (const [key, p] of batch) {
      if (this.#inFlight.get(key)?.batch !== id) continue;
      this.#inFlight.delete(key);
      if (error !== null && !this.#pending.has(key)) this.#pending.set(key, p);
    }
    if (error !== null) this.#onError(error);
  }

  #onPageHide = (): void => {
    void this.flush();
  };

  /** Hidden is the last moment a mobile browser promises before it may kill the page. */
  #onVisibilityChange = (): void => {
    if (globalThis.document?.visibilityState === 'hidden') void this.flush();
  };

  /** Flushes (the transaction starts at once), stops listening for the page hiding, and closes the connection once written. */
  async close(): Promise<void> {
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
    globalThis.document?.removeEventListener('visibilitychange', this.#onVisibilityChange);
    await this.flush();
    const db = this.#connection;
    if (db && this.#pending.size === 0 && this.#inFlight.size === 0) this.#forget(db, true);
  }
}
