import type { WcError } from '../errors.js';
import { toWcError } from '../internal/sdk-errors.js';

/** The two methods of the SDK's key-value storage the stores use (`client.core.storage`). */
export interface TopicStorage {
  getItem<T = unknown>(key: string): Promise<T | undefined>;
  setItem<T = unknown>(key: string, value: T): Promise<void>;
}

/**
 * Records of the controller's own, one per session topic, persisted under `<key>:<prefix>` beside the
 * SDK's records so they survive a reload. Stored data is not trusted: `read` turns each stored entry
 * into a record or null (skipped). Storage failures go to `onError`; nothing here dispatches.
 */
export class TopicStore<T> {
  readonly #baseKey: string;
  readonly #read: (entry: unknown) => T | null;
  readonly #onError: (error: WcError) => void;
  #entries: Record<string, T> = Object.create(null);
  #storage: TopicStorage | null = null;
  #key: string;

  constructor(key: string, read: (entry: unknown) => T | null, onError: (error: WcError) => void) {
    this.#baseKey = this.#key = key;
    this.#read = read;
    this.#onError = onError;
  }

  get(topic: string): T | undefined {
    return this.#entries[topic];
  }

  /** Reads the entries stored under `prefix`; a bad entry is skipped, unreadable storage reported. */
  async load(storage: TopicStorage, prefix: string): Promise<void> {
    this.#storage = storage;
    this.#key = `${this.#baseKey}:${prefix}`;
    try {
      const stored = await storage.getItem<Record<string, unknown>>(this.#key);
      const out: Record<string, T> = Object.create(null);
      if (stored && typeof stored === 'object') {
        for (const [topic, entry] of Object.entries(stored)) {
          const record = this.#read(entry);
          if (record !== null) out[topic] = record; // a bad entry only loses what it held for that session
        }
      }
      this.#entries = out;
    } catch (error) {
      this.#onError(toWcError(error, 'storage', 'storage-corrupt'));
    }
  }

  protected put(topic: string, record: T): void {
    this.#entries[topic] = record;
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
