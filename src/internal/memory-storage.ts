import type { IKeyValueStorage } from '@walletconnect/keyvaluestorage';

/** In-memory key-value storage with the SDK's storage interface: the fallback when IndexedDB fails. */
export class MemoryStorage implements IKeyValueStorage {
  readonly #map = new Map<string, string>();

  async getKeys(): Promise<string[]> {
    return [...this.#map.keys()];
  }
  async getEntries<T = unknown>(): Promise<[string, T][]> {
    return [...this.#map.entries()].map(([k, v]) => [k, JSON.parse(v) as T]);
  }
  async getItem<T = unknown>(key: string): Promise<T | undefined> {
    const raw = this.#map.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }
  async setItem<T = unknown>(key: string, value: T): Promise<void> {
    // Stored as JSON so callers can never mutate what is held.
    this.#map.set(key, JSON.stringify(value));
  }
  async removeItem(key: string): Promise<void> {
    this.#map.delete(key);
  }
}
