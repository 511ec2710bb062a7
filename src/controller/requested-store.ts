import { validateRequestedNamespaces } from '../caip.js';
import type { WcError } from '../errors.js';
import { toWcError } from '../internal/sdk-errors.js';
import type { NamespaceRequest } from '../types.js';

/** Where the controller keeps what each session was asked for (the SDK forgets required items). */
const REQUESTED_KEY = 'wc-elements//requested';

export interface StoredRequested {
  readonly requested: NamespaceRequest;
  readonly createdAt: number;
}

/** The two methods of the SDK's key-value storage this store uses (`client.core.storage`). */
export interface RequestedStorage {
  getItem<T = unknown>(key: string): Promise<T | undefined>;
  setItem<T = unknown>(key: string, value: T): Promise<void>;
}

/**
 * What each session asked for, by topic, persisted beside the SDK's own records so the required-vs-
 * granted comparison survives a reload. Storage failures go to `onError`; nothing here dispatches.
 */
export class RequestedStore {
  readonly #onError: (error: WcError) => void;
  #entries: Record<string, StoredRequested> = Object.create(null);
  #storage: RequestedStorage | null = null;
  #key = REQUESTED_KEY;

  constructor(onError: (error: WcError) => void) {
    this.#onError = onError;
  }

  get(topic: string): StoredRequested | undefined {
    return this.#entries[topic];
  }

  /** Reads the entries stored under `prefix`; a bad entry is skipped, unreadable storage reported. */
  async load(storage: RequestedStorage, prefix: string): Promise<void> {
    this.#storage = storage;
    this.#key = `${REQUESTED_KEY}:${prefix}`;
    try {
      const stored = await storage.getItem<Record<string, StoredRequested>>(this.#key);
      const out: Record<string, StoredRequested> = Object.create(null);
      if (stored && typeof stored === 'object') {
        for (const [topic, entry] of Object.entries(stored)) {
          try {
            out[topic] = Object.freeze({
              requested: Object.freeze({
                requiredNamespaces: validateRequestedNamespaces(entry?.requested?.requiredNamespaces),
                optionalNamespaces: validateRequestedNamespaces(entry?.requested?.optionalNamespaces),
              }),
              createdAt: typeof entry?.createdAt === 'number' ? entry.createdAt : Date.now(),
            });
          } catch {
            /* a bad entry only loses the requested-vs-granted comparison for that session */
          }
        }
      }
      this.#entries = out;
    } catch (error) {
      this.#onError(toWcError(error, 'storage', 'storage-corrupt'));
    }
  }

  remember(topic: string, requested: NamespaceRequest, createdAt: number): void {
    this.#entries[topic] = Object.freeze({ requested, createdAt });
    this.#persist();
  }

  forget(topic: string): void {
    if (!(topic in this.#entries)) return;
    delete this.#entries[topic];
    this.#persist();
  }

  /** Drops the entries of sessions that are gone, in storage too. */
  keepOnly(isLive: (topic: string) => boolean): void {
    const gone = Object.keys(this.#entries).filter((topic) => !isLive(topic));
    for (const topic of gone) delete this.#entries[topic];
    if (gone.length) this.#persist();
  }

  /** Stops writing (the controller is disposed). */
  detach(): void {
    this.#storage = null;
  }

  #persist(): void {
    this.#storage?.setItem(this.#key, { ...this.#entries }).catch((error: unknown) => {
      this.#onError(toWcError(error, 'storage', 'storage-unavailable'));
    });
  }
}
