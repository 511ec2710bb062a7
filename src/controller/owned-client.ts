import { SignClient } from '@walletconnect/sign-client';
import type { IKeyValueStorage } from '@walletconnect/keyvaluestorage';
import type { ISignClient } from '@walletconnect/types';
import { WcError, type WcErrorCode } from '../errors.js';
import { IdbStorage, OPEN_BOUND_MS } from '../internal/idb-storage.js';
import { MemoryStorage } from '../internal/memory-storage.js';
import { claimPrefix, closeClient, forgetGlobalCore, pruneSessionEventHistory, releasePrefix } from '../internal/sdk-patches.js';
import { guardStorage, isQuotaError, type DroppedRecords } from '../internal/storage-guard.js';
import type { ResolvedOptions } from './options.js';

/** A client ready for the controller, and what opening it found out about storage. */
export interface OpenedClient {
  readonly client: ISignClient;
  /** False when persistent storage failed and the client runs on memory. */
  readonly persistent: boolean;
  /** `storage-corrupt` when stored records could not be read and were dropped; else null. */
  readonly dropped: WcError | null;
}

const disposed = () => new WcError('disposed', 'The controller was disposed', { operation: 'init' });

function withTimeout<T>(promise: Promise<T>, ms: number, code: WcErrorCode, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new WcError(code, message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * A SignClient the controller makes and therefore closes: it claims the storage prefix for the page
 * (two clients on one prefix silently share a Core), guards the storage against unreadable records,
 * falls back to memory when persistent storage fails or hangs, and closes a client that arrives
 * after `close()` (dispose during init).
 */
export class OwnedClient {
  readonly prefix: string;
  #client: ISignClient | null = null;
  #idb: IdbStorage | null = null;
  #closed = false;
  /** Set once storage refused a write for quota: reported once, and sessions may not persist. */
  #full = false;

  private constructor(prefix: string) {
    this.prefix = prefix;
  }

  /** Claims `prefix` on this page; `invalid-option` when another controller holds it. */
  static claim(prefix: string): OwnedClient {
    if (!claimPrefix(prefix)) {
      throw new WcError('invalid-option', `storagePrefix "${prefix}" is already used by another controller on this page; give each its own`, {
        operation: 'init',
        data: { option: 'storagePrefix' },
      });
    }
    return new OwnedClient(prefix);
  }

  /**
   * Creates the client. Broken persistent storage (IndexedDB blocked, never opening, records that
   * always throw) is handed to `onStorageError` as `storage-unavailable`, and the client runs on
   * memory so the page works; a storage refusing writes for quota, at any time, as `storage-full`
   * (once). Rejects with `disposed` when closed meanwhile.
   */
  async open(options: ResolvedOptions, onStorageError: (error: WcError) => void): Promise<OpenedClient> {
    const dropped: DroppedRecords[] = [];
    const onFull = (error: unknown) => {
      if (this.#full) return;
      this.#full = true;
      onStorageError(
        new WcError('storage-full', 'Storage is full; new WalletConnect data is kept in memory and may not persist', { cause: error, operation: 'storage' }),
      );
    };
    const base = options.storage ?? (this.#idb = new IdbStorage((error) => (isQuotaError(error) ? onFull(error) : undefined)));
    const storage = guardStorage(base, (info) => dropped.push(info), onFull);
    let client: ISignClient;
    let persistent = true;
    try {
      // Bounded: IndexedDB (or a custom storage) that never answers would stall init on every load.
      await withTimeout<unknown>(
        this.#idb ? this.#idb.probe() : base.getKeys(),
        Math.min(OPEN_BOUND_MS, options.initTimeout),
        'storage-unavailable',
        'Storage did not answer',
      );
      // Closed while the storage opened: make no client at all. A Core made now would be cached
      // under the prefix that close() released, and a newer controller there would share it.
      if (this.#closed) throw disposed();
      client = await create(options, storage);
    } catch (error) {
      if (this.#closed) {
        await this.#idb?.close();
        throw disposed();
      }
      forgetGlobalCore(this.prefix);
      persistent = false;
      void this.#idb?.close();
      this.#idb = null;
      onStorageError(
        new WcError('storage-unavailable', 'Persistent storage failed; sessions will not persist across reloads', { cause: error, operation: 'storage' }),
      );
      client = await create(options, new MemoryStorage());
    }
    if (this.#closed) {
      await closeClient(client);
      await this.#idb?.close(); // what the late client wrote, and its connection
      forgetGlobalCore(this.prefix, client.core);
      throw disposed();
    }
    this.#client = client;
    pruneSessionEventHistory(client);
    // The SDK may read one key twice (the subscriptions are): count each key once.
    const perKey = [...new Map(dropped.map((d) => [d.key, d])).values()];
    const count = perKey.reduce((n, d) => n + d.dropped, 0);
    const corrupt = perKey.length
      ? new WcError('storage-corrupt', `${count} stored record(s) could not be read and were dropped`, { operation: 'restore', data: perKey })
      : null;
    return { client, persistent: persistent && !this.#full, dropped: corrupt };
  }

  /** Closes the socket of the client (if it exists yet), forgets its Core and releases the prefix. */
  async close(): Promise<void> {
    this.#closed = true;
    const client = this.#client;
    this.#client = null;
    if (client) await closeClient(client);
    // Coalesced writes still pending must reach IndexedDB (a reload needs them). Their transaction
    // starts now, and IndexedDB runs any later reader of the next client on this prefix after it,
    // so the prefix is free at once: a provider rebuilding its controller claims it synchronously.
    const flushed = this.#idb?.close();
    // Also when open() is still running: its Core is cached under the prefix already.
    forgetGlobalCore(this.prefix);
    releasePrefix(this.prefix);
    await flushed;
  }
}

function create(options: ResolvedOptions, storage: IKeyValueStorage): Promise<ISignClient> {
  const init = SignClient.init({
    projectId: options.projectId,
    relayUrl: options.relayUrl,
    // A mutable copy: the SDK writes to it.
    metadata: { ...options.metadata, icons: [...options.metadata.icons] },
    customStoragePrefix: options.storagePrefix,
    storage,
    telemetryEnabled: options.telemetry,
    logger: options.logLevel,
  });
  // A late settle of a timed-out init must not surface as an unhandled rejection.
  init.catch(() => {});
  return withTimeout(init, options.initTimeout, 'init-timeout', `SignClient.init did not finish within ${options.initTimeout} ms`);
}
