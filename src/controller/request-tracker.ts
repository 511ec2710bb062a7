import type { SessionTypes } from '@walletconnect/types';
import { isCaip2, methodsFor } from '../caip.js';
import { WcError } from '../errors.js';
import { toWcError } from '../internal/sdk-errors.js';
import type { RequestView, SessionView } from '../types.js';
import type { RequestOptions } from './api.js';

const RECENT_REQUESTS_LIMIT = 20;

/**
 * Marks a request object given to the SDK. A symbol key: the SDK's spread copies it into its
 * history record, while JSON (the wire, the stored history) leaves it out.
 */
const REQUEST_TOKEN = Symbol('wc-elements.request');

/** Time and timers, injectable so expiry can be tested with a fake clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type RequestOutcome = { readonly status: 'resolved'; readonly result: unknown } | { readonly status: 'rejected' | 'expired'; readonly error: WcError };

export interface TrackedRequest {
  readonly id: number;
  readonly topic: string;
  readonly chainId: string;
  readonly method: string;
  readonly params: unknown;
  /** Seconds since the epoch, when known. */
  readonly expiry: number | null;
}

/** What the tracker reads of one record of the SDK's request history (`client.core.history.records`). */
export interface HistoryRecord {
  readonly id: number;
  readonly topic: string;
  readonly chainId?: string | undefined;
  readonly request: unknown;
  readonly response?: unknown;
}

type SessionRequest = {
  method?: string;
  params?: { request?: { method?: string; params?: unknown; expiryTimestamp?: number }; chainId?: string };
};

/** What the tracker tells the controller when a request changes outside a call it made. */
export interface RequestHooks {
  /** A request `follow()` sends is pending now (the SDK named its id). */
  tracked(view: RequestView): void;
  /** A request finished on its own (expiry timer) or in `follow()`; null when nothing changed. */
  settled(done: RequestView | null): void;
}

/**
 * The requests sent to wallets: pending ones with their expiry timers, the recently finished ones,
 * and those in flight whose SDK id is not known yet. Holds data and returns finished views; the
 * controller commits them (the hooks are how it hears of changes the tracker starts itself).
 */
export class RequestTracker {
  readonly #clock: Clock;
  readonly #hooks: RequestHooks;
  readonly #pending = new Map<number, RequestView>();
  readonly #timers = new Map<number, unknown>();
  readonly #inflight = new WeakMap<object, (id: number) => void>();
  #pendingList: readonly RequestView[] = Object.freeze([]);
  #recent: readonly RequestView[] = Object.freeze([]);

  constructor(hooks: RequestHooks, clock: Clock = systemClock) {
    this.#hooks = hooks;
    this.#clock = clock;
  }

  /** Requests still waiting for the wallet, oldest first; the same array until one comes or goes. */
  get pending(): readonly RequestView[] {
    return this.#pendingList;
  }

  /** Recently finished requests, newest first (bounded); the same array until one finishes. */
  get recent(): readonly RequestView[] {
    return this.#recent;
  }

  nowSeconds(): number {
    return Math.floor(this.#clock.now() / 1000);
  }

  /**
   * A request object to hand to `client.request` and the id the SDK gives it: named by `sent()`,
   * as soon as the SDK records it in its history (before the publish, which a dead relay holds up
   * to a minute) or, failing that, by its `session_request_sent`.
   */
  outgoing(method: string, params: unknown): { readonly request: { method: string; params: unknown }; readonly id: Promise<number> } {
    const token = {};
    const request = { method, params, [REQUEST_TOKEN]: token };
    return { request, id: new Promise<number>((resolve) => this.#inflight.set(token, resolve)) };
  }

  /** Names the id of a request in flight: `request` is the object given to the SDK, or its copy in the SDK's history. */
  sent(request: object, id: number): void {
    const token = (request as { [REQUEST_TOKEN]?: unknown })[REQUEST_TOKEN];
    if (typeof token !== 'object' || token === null) return;
    this.#inflight.get(token)?.(id);
    this.#inflight.delete(token);
  }

  /** Starts tracking a pending request; with an expiry, it expires on its own timer. */
  track(request: TrackedRequest): RequestView {
    const view: RequestView = Object.freeze({ ...request, status: 'pending', createdAt: this.#clock.now() });
    this.#pending.set(view.id, view);
    this.#changed();
    const { id, expiry } = view;
    if (expiry !== null) {
      // After a reload no SDK promise times the request out; do it here.
      const expire = () => {
        const done = this.finish(id, {
          status: 'expired',
          error: new WcError('request-expired', 'The wallet did not answer before the request expired', { operation: 'request' }),
        });
        if (done) this.#hooks.settled(done);
      };
      this.#timers.set(id, this.#clock.setTimeout(expire, Math.max(0, expiry * 1000 - this.#clock.now() + 1000)));
    }
    return view;
  }

  /**
   * Sends a request through `send` (given the object `sent()` recognises) and follows it: pending
   * once the SDK names its id (at once, even while the relay is down), then finished with the SDK's outcome, or
   * `cancelled` when `signal` aborts. Resolves or rejects as the caller should.
   */
  async follow<T>(
    what: Omit<TrackedRequest, 'id' | 'expiry'> & { readonly expirySeconds: number },
    signal: AbortSignal | undefined,
    send: (request: { method: string; params: unknown }) => Promise<T>,
  ): Promise<T> {
    const { request, id: idKnown } = this.outgoing(what.method, what.params);
    const sdk = send(request);
    sdk.catch(() => {}); // handled below, once the id is known
    const { aborted, detach } = abortable(signal);
    try {
      const id = await Promise.race([
        idKnown,
        sdk.then(
          () => -1,
          () => -1,
        ),
        aborted,
      ]);
      if (id === -1) return await sdk; // failed before it was sent (publish failure, offline)
      const { topic, chainId, method, params } = what;
      this.#hooks.tracked(this.track({ id, topic, chainId, method, params, expiry: this.nowSeconds() + what.expirySeconds }));
      try {
        const result = await Promise.race([sdk, aborted]);
        this.#hooks.settled(this.finish(id, { status: 'resolved', result }));
        return result;
      } catch (error) {
        const failed = this.reject(id, error);
        this.#hooks.settled(failed.done);
        throw failed.error;
      }
    } finally {
      detach();
    }
  }

  /** Moves a request out of pending; returns its finished view, or null when it was not pending. */
  finish(id: number, outcome: RequestOutcome): RequestView | null {
    const current = this.#pending.get(id);
    if (!current) return null;
    const done: RequestView = Object.freeze({ ...current, ...outcome });
    this.#pending.delete(id);
    this.#clock.clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.#recent = Object.freeze([done, ...this.#recent].slice(0, RECENT_REQUESTS_LIMIT));
    this.#changed();
    return done;
  }

  /**
   * The SDK promise of request `id` rejected: the error to throw (the wallet's answer settled from
   * history first, when there was one) and the view it finished, if it was still pending.
   */
  reject(id: number, error: unknown): { readonly error: WcError; readonly done: RequestView | null } {
    const settled = this.#recent.find((r) => r.id === id)?.error;
    if (settled) return { error: settled, done: null };
    const expired = (this.#pending.get(id)?.expiry ?? Infinity) <= this.nowSeconds();
    const wc = toWcError(error, 'request', expired ? 'request-expired' : 'request-failed');
    return { error: wc, done: this.finish(id, { status: wc.code === 'request-expired' ? 'expired' : 'rejected', error: wc }) };
  }

  /** A response recorded in the SDK's history (also after a reload, when no promise waits). */
  answer(record: { readonly id: number; readonly response?: { result?: unknown; error?: unknown } | undefined }): RequestView | null {
    const response = record.response;
    if (!response || !this.#pending.has(record.id)) return null;
    if ('error' in response && response.error !== undefined) {
      return this.finish(record.id, { status: 'rejected', error: toWcError(response.error, 'request', 'request-failed') });
    }
    return this.finish(record.id, { status: 'resolved', result: response.result });
  }

  /** The session ended: every request still pending on it is rejected with `no-session`. */
  rejectAllFor(topic: string): RequestView[] {
    const done: RequestView[] = [];
    for (const request of [...this.#pending.values()]) {
      if (request.topic !== topic) continue;
      const error = new WcError('no-session', 'The session ended before the wallet answered', { operation: 'request' });
      const view = this.finish(request.id, { status: 'rejected', error });
      if (view) done.push(view);
    }
    return done;
  }

  /** Picks up requests sent before a reload that the wallet has not answered yet. */
  restore(records: Iterable<HistoryRecord>, isLive: (topic: string) => boolean): void {
    for (const record of records) {
      const req = record.request as SessionRequest;
      if (req?.method !== 'wc_sessionRequest' || record.response !== undefined || !isLive(record.topic)) continue;
      const inner = req.params?.request;
      const expiry = typeof inner?.expiryTimestamp === 'number' ? inner.expiryTimestamp : null;
      if (expiry !== null && expiry <= this.nowSeconds()) continue;
      const chainId = record.chainId ?? req.params?.chainId ?? '';
      this.track({ id: record.id, topic: record.topic, chainId, method: inner?.method ?? '', params: inner?.params, expiry });
    }
  }

  /** Stops every timer (the controller is disposed). */
  dispose(): void {
    for (const handle of this.#timers.values()) this.#clock.clearTimeout(handle);
    this.#timers.clear();
  }

  #changed(): void {
    this.#pendingList = Object.freeze([...this.#pending.values()].sort((a, b) => a.createdAt - b.createdAt));
  }
}

/** Checks a request against its session: a CAIP-2 chain of the session, a method granted on it. */
export function requestTarget(session: SessionView, options: RequestOptions): { chainId: string; method: string } {
  const { chainId, method } = options;
  if (!isCaip2(chainId))
    throw new WcError('invalid-namespace', `chainId: ${JSON.stringify(String(chainId)).slice(0, 80)} is not a CAIP-2 chain id`, { operation: 'request' });
  if (!session.chains.includes(chainId)) {
    throw new WcError('unsupported-chain', `${chainId} is not part of the session with ${session.peer.metadata.name || 'the wallet'}`, {
      operation: 'request',
      data: { chainId },
    });
  }
  if (typeof method !== 'string' || !methodsFor(session.namespaces as SessionTypes.Namespaces, chainId).includes(method)) {
    throw new WcError('unsupported-method', `${String(method).slice(0, 80)} is not granted on ${chainId}`, { operation: 'request', data: { chainId, method } });
  }
  return { chainId, method };
}

/** A promise that rejects with `cancelled` when `signal` aborts (at once if it has). */
export function abortable(signal: AbortSignal | undefined): { readonly aborted: Promise<never>; detach(): void } {
  let detach = () => {};
  const aborted = new Promise<never>((_, reject) => {
    if (!signal) return;
    const abort = () => reject(new WcError('cancelled', 'The request was cancelled', { operation: 'request' }));
    signal.addEventListener('abort', abort, { once: true });
    detach = () => signal.removeEventListener('abort', abort);
    if (signal.aborted) abort();
  });
  aborted.catch(() => {}); // an abort after the request settled must not surface
  return { aborted, detach };
}
