import type { IKeyValueStorage } from '@walletconnect/keyvaluestorage';

type Check = (value: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => typeof v === 'string' && v.length > 0;
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const metaOk = (side: unknown) => isObject(side) && isObject(side['metadata']);

/**
 * What a stored record must hold for `SignClient.init` not to throw. In the pinned SDK one record
 * with a missing field makes init throw on every load, so such records are dropped on read.
 */
const CHECKS: ReadonlyArray<[suffix: string, check: Check]> = [
  [
    '//session',
    (v) =>
      isObject(v) &&
      str(v['topic']) &&
      str(v['pairingTopic']) &&
      num(v['expiry']) &&
      isObject(v['namespaces']) &&
      isObject(v['relay']) &&
      metaOk(v['self']) &&
      metaOk(v['peer']),
  ],
  ['//pairing', (v) => isObject(v) && str(v['topic']) && num(v['expiry']) && isObject(v['relay'])],
  ['//proposal', (v) => isObject(v) && num(v['id']) && str(v['pairingTopic']) && isObject(v['proposer'])],
  ['//history', (v) => isObject(v) && num(v['id']) && str(v['topic']) && isObject(v['request'])],
  ['//expirer', (v) => isObject(v) && num(v['expiry']) && str(v['target'])],
  // A garbage subscription shows "connected" while nothing arrives on its topic.
  ['//subscription', (v) => isObject(v) && str(v['id']) && str(v['topic']) && isObject(v['relay'])],
];

export interface DroppedRecords {
  readonly key: string;
  readonly dropped: number;
}

/** A full disk or origin quota: a DOMException named `QuotaExceededError` (or its legacy code 22). */
export function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException
    ? error.name === 'QuotaExceededError' || error.code === 22
    : (error as { name?: unknown } | null)?.name === 'QuotaExceededError';
}

/**
 * Wraps a storage so unreadable records are dropped (and reported) while good ones load.
 * Only the SDK's list-shaped stores are filtered; everything else passes through. A write refused
 * for quota goes to `onFull` and is kept in memory instead (reads see it), so the page keeps
 * working; any other write failure still rejects.
 */
export function guardStorage(storage: IKeyValueStorage, onDrop: (info: DroppedRecords) => void, onFull: (error: unknown) => void = () => {}): IKeyValueStorage {
  const unsaved = new Map<string, string>();
  /** The keychain as last read (the SDK reads it before sessions): a session without its key is unusable. */
  let keychain: Record<string, unknown> | null = null;
  const filter = <T>(key: string, value: T): T => {
    if (key.endsWith('//keychain')) keychain = isObject(value) ? value : null;
    const rule = CHECKS.find(([suffix]) => key.endsWith(suffix));
    if (!rule || value === undefined || value === null) return value;
    if (!Array.isArray(value)) {
      onDrop({ key, dropped: 1 });
      return [] as unknown as T;
    }
    const keyed = (v: unknown) => !key.endsWith('//session') || !keychain || str(keychain[(v as { topic: string }).topic]);
    const kept = value.filter((v) => rule[1](v) && keyed(v));
    if (kept.length !== value.length) onDrop({ key, dropped: value.length - kept.length });
    return kept as unknown as T;
  };
  return {
    getKeys: () => storage.getKeys(),
    getEntries: async <T>() => (await storage.getEntries<T>()).map(([k, v]) => [k, filter(k, v)] as [string, T]),
    getItem: async <T>(key: string) => {
      const kept = unsaved.get(key);
      return filter(key, kept === undefined ? await storage.getItem<T>(key) : (JSON.parse(kept) as T));
    },
    setItem: async (key, value) => {
      try {
        await storage.setItem(key, value);
        unsaved.delete(key);
      } catch (error) {
        if (!isQuotaError(error)) throw error;
        unsaved.set(key, JSON.stringify(value));
        onFull(error);
      }
    },
    removeItem: async (key) => {
      unsaved.delete(key);
      await storage.removeItem(key);
    },
  };
}
