import { WcError, isWcError, type WcErrorCode, type WcOperation } from '../errors.js';
import { controllerEvents, type WcControllerEventMap } from '../events.js';

/**
 * What crosses a BroadcastChannel between tabs. The structured clone algorithm copies plain data
 * but turns a `WcError` into a plain `Error` (no `code`) and throws on functions, so values are
 * encoded first: errors become `{code, message, operation, data}` and back, functions and
 * `AbortSignal`s are dropped, class instances become their own enumerable fields. Encoding and
 * decoding keep shared references shared (a `wc-session-change` detail's `sessions` is the same
 * array as the snapshot's when both go in one message) and decoded data comes back frozen.
 */

/** A `WcError` as it crosses tabs. Its `cause` stays behind: it may hold anything, SDK objects included. */
export interface SerializedWcError {
  readonly code: WcErrorCode;
  readonly message: string;
  readonly operation?: WcOperation;
  readonly data?: unknown;
}

/** A controller event as it crosses tabs: its name and its (encoded) detail. */
export interface EncodedEvent {
  readonly type: string;
  readonly detail: unknown;
}

/** Marks an encoded error inside encoded data. */
const ERROR_KEY = '$wc-elements:error';

type Memo = Map<object, unknown>;

export function serializeError(error: unknown, memo: Memo = new Map()): SerializedWcError {
  if (isWcError(error)) {
    return {
      code: error.code,
      message: error.message,
      ...(error.operation === undefined ? {} : { operation: error.operation }),
      ...(error.data === undefined ? {} : { data: encode(error.data, memo) }),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'unknown', message: message || 'unknown' };
}

export function deserializeError(value: unknown, memo: Memo = new Map()): WcError {
  const s = (typeof value === 'object' && value !== null ? value : {}) as Partial<SerializedWcError>;
  const code = typeof s.code === 'string' ? s.code : 'unknown';
  const message = typeof s.message === 'string' ? s.message : code;
  return new WcError(code, message, {
    ...(typeof s.operation === 'string' ? { operation: s.operation } : {}),
    ...(s.data === undefined ? {} : { data: decode(s.data, memo) }),
  });
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Values structured clone copies as they are (no functions can hide inside). */
function isCloneableLeaf(value: object): boolean {
  return (
    value instanceof Date ||
    value instanceof RegExp ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    (typeof Blob === 'function' && value instanceof Blob)
  );
}

/** Makes `value` safe for `postMessage` (see the module comment). */
export function encode(value: unknown, memo: Memo = new Map()): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value !== 'object' || value === null) return value;
  if (memo.has(value)) return memo.get(value);
  if (value instanceof Error) {
    const out = { [ERROR_KEY]: null as unknown };
    memo.set(value, out);
    out[ERROR_KEY] = serializeError(value, memo);
    return out;
  }
  if (typeof AbortSignal === 'function' && value instanceof AbortSignal) return undefined;
  if (isCloneableLeaf(value)) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    memo.set(value, out);
    for (const item of value) out.push(encode(item, memo));
    return out;
  }
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    memo.set(value, out);
    for (const [k, v] of value) out.set(encode(k, memo), encode(v, memo));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set<unknown>();
    memo.set(value, out);
    for (const item of value) out.add(encode(item, memo));
    return out;
  }
  const out: Record<string, unknown> = {};
  memo.set(value, out);
  for (const [key, item] of Object.entries(value)) {
    const encoded = encode(item, memo);
    if (encoded !== undefined || item === undefined) out[key] = encoded;
  }
  return out;
}

/** The inverse of `encode` on the receiving side: errors become `WcError`s again; arrays and objects are frozen. */
export function decode(value: unknown, memo: Memo = new Map()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (memo.has(value)) return memo.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    memo.set(value, out);
    for (const item of value) out.push(decode(item, memo));
    return Object.freeze(out);
  }
  if (!isPlainObject(value)) return value; // Date, Map, typed arrays...: as structured clone made them
  if (Object.hasOwn(value, ERROR_KEY)) {
    const error = deserializeError((value as Record<string, unknown>)[ERROR_KEY], memo);
    memo.set(value, error);
    return error;
  }
  const out: Record<string, unknown> = {};
  memo.set(value, out);
  for (const [key, item] of Object.entries(value)) out[key] = decode(item, memo);
  return Object.freeze(out);
}

/** Every controller event by name (events.ts declares them once): a follower rebuilds the leader's events with the same classes. */
const EVENT_CLASSES = controllerEvents;

function isControllerEventName(type: string): type is keyof WcControllerEventMap {
  return Object.hasOwn(EVENT_CLASSES, type);
}

/** The controller events among `events`, as name + detail (not yet encoded). Others are left out. */
export function eventRecords(events: readonly Event[]): EncodedEvent[] {
  return events
    .filter((event) => isControllerEventName(event.type))
    .map((event) => ({ type: event.type, detail: (event as Event & { detail?: unknown }).detail }));
}

/** A fresh, undispatched controller event from a decoded record; null for a name this copy does not know. */
export function rebuildEvent(record: EncodedEvent): Event | null {
  if (!isControllerEventName(record.type)) return null;
  const Ctor = EVENT_CLASSES[record.type] as unknown as new (detail: unknown) => Event;
  return new Ctor(record.detail);
}
