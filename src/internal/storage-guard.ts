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
];

export interface DroppedRecords {
  readonly key: string;
  readonly dropped: number;
}

/**
 * Wraps a storage so unreadable records are dropped (and reported) while good ones load.
 * Only the SDK's list-shaped stores are filtered; everything else passes through.
 */
export function guardStorage(storage: IKeyValueStorage, onDrop: (info: DroppedRecords) => void): IKeyValueStorage {
  const filter = <T>(key: string, value: T): T => {
    const rule = CHECKS.find(([suffix]) => key.endsWith(suffix));
    if (!rule || value === undefined || value === null) return value;
    if (!Array.isArray(value)) {
      onDrop({ key, dropped: 1 });
      return [] as unknown as T;
    }
    const kept = value.filter(rule[1]);
    if (kept.length !== value.length) onDrop({ key, dropped: value.length - kept.length });
    return kept as unknown as T;
  };
  return {
    getKeys: () => storage.getKeys(),
    getEntries: async <T>() => (await storage.getEntries<T>()).map(([k, v]) => [k, filter(k, v)] as [string, T]),
    getItem: async <T>(key: string) => filter(key, await storage.getItem<T>(key)),
    setItem: (key, value) => storage.setItem(key, value),
    removeItem: (key) => storage.removeItem(key),
  };
}
