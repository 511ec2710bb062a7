import { WcError } from '../errors.js';
import type { SessionState } from '../types.js';
import { decode, deserializeError, encode, eventRecords, rebuildEvent, serializeError, type EncodedEvent, type SerializedWcError } from './tab-codec.js';

/**
 * Makes the tabs of one origin agree on one storage prefix (issue 11). The tab holding the Web Lock
 * `wc-elements:v1:<prefix>` is the leader: the only one with a SignClient. The others follow it over
 * a BroadcastChannel of the same name: they receive its snapshots and the events that went with
 * them, and forward their operations to it. When the leader goes, a waiting follower gets the lock
 * and takes over. Without Web Locks or BroadcastChannel every tab is its own leader (`solo`).
 * Lit-free and SDK-free; see docs/multi-tab.md for the protocol and the seam in SessionController.
 */

export type TabRole = 'leader' | 'follower';

/** The operations a follower forwards to the leader (those that need the SignClient). */
export type TabOperation = 'connect' | 'cancel' | 'request' | 'extend' | 'ping' | 'disconnect' | 'select';

/** What the leader published, as a follower receives it. */
export interface TabSnapshot {
  readonly state: SessionState;
  /** The leader's `wc-state-change` cause. */
  readonly cause: string;
  /** The controller events the leader dispatched with it, rebuilt (empty when `sync`). */
  readonly events: readonly Event[];
  /** True for the catch-up copy a follower gets when it joins or when a new leader announces itself. */
  readonly sync: boolean;
}

/** Runs a forwarded operation in the leader; its result or thrown error goes back to the caller. */
export type TabHandler = (op: TabOperation, args: readonly unknown[], signal: AbortSignal) => unknown;

/** The part of `navigator.locks` used here. */
export interface TabLocks {
  request(name: string, options: { ifAvailable?: boolean; signal?: AbortSignal }, callback: (lock: unknown) => unknown): Promise<unknown>;
}

/** The part of `BroadcastChannel` used here. */
export interface TabChannel {
  onmessage: ((event: MessageEvent) => unknown) | null;
  postMessage(message: unknown): void;
  close(): void;
}

export interface TabCoordinatorOptions {
  /** The controller's storage prefix: one leader per prefix per origin. */
  readonly prefix: string;
  /** Default `navigator.locks`; null (or missing) makes this tab a solo leader. */
  readonly locks?: TabLocks | null;
  /** Default `new BroadcastChannel(name)`; returning null makes this tab a solo leader. */
  readonly channel?: ((name: string) => TabChannel | null) | null;
  /** How long (ms) a call waits for the leader to acknowledge it before rejecting with `timeout`. Default 5000. */
  readonly ackTimeout?: number;
}

/** Bumped when the message protocol changes: tabs running another version keep to themselves. */
export const TAB_PROTOCOL = 'v1';
export const tabSyncName = (prefix: string) => `wc-elements:${TAB_PROTOCOL}:${prefix}`;

type Message =
  | { readonly kind: 'hello'; readonly from: string }
  | { readonly kind: 'leader'; readonly from: string; readonly to?: string }
  | { readonly kind: 'bye'; readonly from: string }
  | { readonly kind: 'snapshot'; readonly from: string; readonly to?: string; readonly seq: number; readonly cause: string; readonly payload: unknown }
  | { readonly kind: 'call'; readonly from: string; readonly to: string; readonly id: string; readonly op: TabOperation; readonly args: unknown }
  | { readonly kind: 'abort'; readonly from: string; readonly to: string; readonly id: string }
  | { readonly kind: 'ack'; readonly from: string; readonly to: string; readonly id: string }
  | { readonly kind: 'result'; readonly from: string; readonly to: string; readonly id: string; readonly value?: unknown; readonly error?: SerializedWcError };

interface PendingCall {
  readonly id: string;
  readonly op: TabOperation;
  readonly args: readonly unknown[];
  readonly signal: AbortSignal | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  /** The leader that acknowledged it; from then on it cannot be re-sent safely. */
  ackedBy: string | null;
  timer: ReturnType<typeof setTimeout> | null;
  detach: () => void;
}

const DEFAULT_ACK_TIMEOUT = 5000;

const defaultChannel = (name: string): TabChannel | null => (typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null);
const defaultLocks = (): TabLocks | null => (typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null);

/** The error a call gets when the leader that took it goes away: it may or may not have reached the wallet. */
export function leaderLostError(op: TabOperation): WcError {
  return new WcError('cancelled', 'The tab running WalletConnect closed before answering; the call may or may not have reached the wallet', {
    operation: op,
    data: { reason: 'leader-lost' },
  });
}

export class TabCoordinator {
  readonly id = crypto.randomUUID();
  readonly #name: string;
  readonly #locks: TabLocks | null;
  readonly #makeChannel: ((name: string) => TabChannel | null) | null;
  readonly #ackTimeout: number;
  #channel: TabChannel | null = null;
  #role: TabRole | null = null;
  #solo = false;
  #disposed = false;
  #start: Promise<TabRole> | null = null;
  #leaderId: string | null = null;
  #releaseLock: (() => void) | null = null;
  readonly #lockWait = new AbortController();
  #handler: TabHandler | null = null;
  #waitingForHandler: Array<() => void> = [];
  #last: { seq: number; cause: string; payload: unknown } | null = null;
  #seq = 0;
  /** Follower: the last snapshot number seen from the current leader (a catch-up copy older than it is skipped). */
  #seen = 0;
  readonly #calls = new Map<string, PendingCall>();
  readonly #running = new Map<string, AbortController>();
  readonly #roleListeners = new Set<(role: TabRole) => void>();
  readonly #snapshotListeners = new Set<(snapshot: TabSnapshot) => void>();

  constructor(options: TabCoordinatorOptions) {
    this.#name = tabSyncName(options.prefix);
    this.#locks = options.locks === undefined ? defaultLocks() : options.locks;
    this.#makeChannel = options.channel === undefined ? defaultChannel : options.channel;
    this.#ackTimeout = options.ackTimeout ?? DEFAULT_ACK_TIMEOUT;
  }

  /** null before `start()` settles. */
  get role(): TabRole | null {
    return this.#role;
  }
  /** True when this tab could not coordinate (no Web Locks / BroadcastChannel) and leads alone. */
  get solo(): boolean {
    return this.#solo;
  }

  /** Takes the lock if it is free (leader) or joins as a follower and queues for the lock. Idempotent. */
  start(): Promise<TabRole> {
    this.#start ??= this.#begin();
    return this.#start;
  }

  async #begin(): Promise<TabRole> {
    if (this.#disposed) throw new WcError('disposed', 'The tab coordinator was disposed');
    try {
      this.#channel = this.#locks && this.#makeChannel ? this.#makeChannel(this.#name) : null;
    } catch {
      this.#channel = null; // e.g. an opaque origin
    }
    if (!this.#channel || !this.#locks) return this.#goSolo();
    this.#channel.onmessage = (event) => this.#receive(event.data);
    let got: boolean;
    try {
      got = await new Promise<boolean>((resolve, reject) => {
        this.#locks!.request(this.#name, { ifAvailable: true }, (lock) => {
          const taken = lock !== null && !this.#disposed;
          resolve(taken);
          return taken ? this.#hold() : undefined;
        }).catch(reject);
      });
    } catch {
      return this.#goSolo(); // SecurityError in opaque origins and some sandboxed iframes
    }
    if (this.#disposed) throw new WcError('disposed', 'The tab coordinator was disposed');
    if (got) {
      this.#lead();
      return 'leader';
    }
    this.#setRole('follower');
    this.#post({ kind: 'hello', from: this.id });
    this.#locks
      .request(this.#name, { signal: this.#lockWait.signal }, () => {
        if (this.#disposed) return undefined;
        this.#lead();
        return this.#hold();
      })
      .catch(() => {}); // AbortError from dispose()
    return 'follower';
  }

  #goSolo(): TabRole {
    this.#channel?.close();
    this.#channel = null;
    this.#solo = true;
    this.#setRole('leader');
    return 'leader';
  }

  /** Keeps the lock until dispose(): the lock callback's promise. */
  #hold(): Promise<void> {
    return new Promise<void>((resolve) => (this.#releaseLock = resolve));
  }

  /** Called with `cb(role)` on every change after start (follower → leader). Returns an unsubscribe. */
  onRole(cb: (role: TabRole) => void): () => void {
    this.#roleListeners.add(cb);
    return () => this.#roleListeners.delete(cb);
  }

  /** Followers: called for each snapshot the leader publishes (and once on joining). Returns an unsubscribe. */
  onSnapshot(cb: (snapshot: TabSnapshot) => void): () => void {
    this.#snapshotListeners.add(cb);
    return () => this.#snapshotListeners.delete(cb);
  }

  /** Leader: sends the new snapshot and the events dispatched with it to every follower. */
  publishSnapshot(state: SessionState, cause: string, events: readonly Event[] = []): void {
    if (this.#role !== 'leader' || this.#disposed) return;
    const payload = encode({ state, events: eventRecords(events) });
    this.#last = { seq: (this.#last?.seq ?? 0) + 1, cause, payload };
    this.#post({ kind: 'snapshot', from: this.id, ...this.#last });
  }

  /** Leader: runs the operations followers forward (and this tab's own calls after a promotion). */
  serve(handler: TabHandler): void {
    this.#handler = handler;
    const waiting = this.#waitingForHandler;
    this.#waitingForHandler = [];
    for (const run of waiting) run();
  }

  /**
   * Follower: runs `op` in the leader and settles with its result or typed error. Rejects with
   * `timeout` when no leader acknowledges it in time and with `cancelled` (data.reason
   * 'leader-lost') when the leader that took it goes away. In the leader it runs the local handler.
   */
  call(op: TabOperation, args: readonly unknown[] = [], options: { signal?: AbortSignal } = {}): Promise<unknown> {
    if (this.#disposed) return Promise.reject(new WcError('disposed', 'The tab coordinator was disposed', { operation: op }));
    if (this.#role === null) return Promise.reject(new WcError('not-configured', 'Call start() first', { operation: op }));
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(new WcError('cancelled', 'The call was aborted', { operation: op }));
    if (this.#role === 'leader') return this.#runLocal(op, args, signal);
    return new Promise<unknown>((resolve, reject) => {
      const id = `${this.id}:${++this.#seq}`;
      const onAbort = () => {
        const pending = this.#settle(id);
        if (!pending) return;
        if (pending.ackedBy) this.#post({ kind: 'abort', from: this.id, to: pending.ackedBy, id });
        pending.reject(new WcError('cancelled', 'The call was aborted', { operation: op }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const pending: PendingCall = { id, op, args, signal, resolve, reject, ackedBy: null, timer: null, detach: () => signal?.removeEventListener('abort', onAbort) };
      this.#calls.set(id, pending);
      this.#send(pending);
    });
  }

  /** Releases the lock (a follower takes over), rejects pending calls with `disposed`, closes the channel. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const id of [...this.#calls.keys()]) this.#settle(id)?.reject(new WcError('disposed', 'The tab coordinator was disposed'));
    for (const controller of this.#running.values()) controller.abort();
    this.#running.clear();
    this.#waitingForHandler = [];
    if (this.#role === 'leader') this.#post({ kind: 'bye', from: this.id });
    this.#lockWait.abort();
    this.#releaseLock?.();
    this.#releaseLock = null;
    if (this.#channel) this.#channel.onmessage = null;
    this.#channel?.close();
    this.#channel = null;
    this.#roleListeners.clear();
    this.#snapshotListeners.clear();
  }

  // ---------------------------------------------------------------- internals

  #setRole(role: TabRole): void {
    if (this.#role === role) return;
    const changed = this.#role !== null;
    this.#role = role;
    if (changed) for (const cb of [...this.#roleListeners]) guard(() => cb(role));
  }

  #lead(): void {
    this.#leaderId = this.id;
    this.#setRole('leader');
    this.#post({ kind: 'leader', from: this.id });
    // Calls this tab sent to the old leader: re-run here when nobody took them, else they are lost.
    for (const id of [...this.#calls.keys()]) {
      const pending = this.#calls.get(id)!;
      if (pending.ackedBy) {
        this.#settle(id)?.reject(leaderLostError(pending.op));
      } else {
        this.#settle(id);
        this.#runLocal(pending.op, pending.args, pending.signal).then(pending.resolve, pending.reject);
      }
    }
  }

  /** Posts a call to the known leader (or keeps it until one is known) and arms its ack timer. */
  #send(pending: PendingCall): void {
    if (pending.timer) clearTimeout(pending.timer);
    pending.timer = setTimeout(() => {
      this.#settle(pending.id)?.reject(new WcError('timeout', 'No tab running WalletConnect answered', { operation: pending.op, data: { reason: 'leader-unresponsive' } }));
    }, this.#ackTimeout);
    if (this.#leaderId) this.#post({ kind: 'call', from: this.id, to: this.#leaderId, id: pending.id, op: pending.op, args: encode(pending.args) });
  }

  /** Forgets a pending call (timer, abort listener) and returns it, or undefined when already settled. */
  #settle(id: string): PendingCall | undefined {
    const pending = this.#calls.get(id);
    if (!pending) return undefined;
    this.#calls.delete(id);
    if (pending.timer) clearTimeout(pending.timer);
    pending.detach();
    return pending;
  }

  /** A leader (maybe a new one) spoke: calls acknowledged by another leader are lost, the rest go to it. */
  #sawLeader(from: string): void {
    if (this.#leaderId === from) return;
    this.#leaderId = from;
    this.#seen = 0;
    for (const pending of [...this.#calls.values()]) {
      if (pending.ackedBy && pending.ackedBy !== from) this.#settle(pending.id)?.reject(leaderLostError(pending.op));
      else if (!pending.ackedBy) this.#send(pending);
    }
  }

  #runLocal(op: TabOperation, args: readonly unknown[], signal: AbortSignal | undefined): Promise<unknown> {
    return new Promise<void>((resolve) => (this.#handler ? resolve() : this.#waitingForHandler.push(resolve))).then(() =>
      this.#handler!(op, args, signal ?? new AbortController().signal),
    );
  }

  #receive(data: unknown): void {
    if (this.#disposed || typeof data !== 'object' || data === null) return;
    const msg = data as Message;
    if (typeof msg.from !== 'string' || msg.from === this.id) return;
    if ('to' in msg && msg.to !== undefined && msg.to !== this.id) return;
    if (this.#role === 'leader' && !this.#solo) this.#receiveAsLeader(msg);
    else if (this.#role === 'follower') this.#receiveAsFollower(msg);
  }

  #receiveAsLeader(msg: Message): void {
    switch (msg.kind) {
      case 'hello':
        this.#post({ kind: 'leader', from: this.id, to: msg.from });
        if (this.#last) this.#post({ kind: 'snapshot', from: this.id, to: msg.from, ...this.#last });
        return;
      case 'call': {
        this.#post({ kind: 'ack', from: this.id, to: msg.from, id: msg.id });
        const controller = new AbortController();
        this.#running.set(msg.id, controller);
        const reply = (body: { value: unknown } | { error: SerializedWcError }) => {
          if (this.#running.get(msg.id) !== controller) return; // disposed meanwhile
          this.#running.delete(msg.id);
          this.#post({ kind: 'result', from: this.id, to: msg.from, id: msg.id, ...body });
        };
        this.#runLocal(msg.op, decode(msg.args) as readonly unknown[], controller.signal).then(
          (value) => reply({ value: encode(value) }),
          (error: unknown) => reply({ error: serializeError(error) }),
        );
        return;
      }
      case 'abort':
        this.#running.get(msg.id)?.abort();
        return;
    }
  }

  #receiveAsFollower(msg: Message): void {
    switch (msg.kind) {
      case 'leader':
        this.#sawLeader(msg.from);
        if (msg.to === undefined) this.#post({ kind: 'hello', from: this.id }); // a new leader: catch up
        return;
      case 'bye':
        if (msg.from !== this.#leaderId) return;
        this.#leaderId = null;
        for (const pending of [...this.#calls.values()]) if (pending.ackedBy === msg.from) this.#settle(pending.id)?.reject(leaderLostError(pending.op));
        return;
      case 'snapshot':
        this.#sawLeader(msg.from);
        if (msg.to !== undefined && msg.seq <= this.#seen) return; // the catch-up copy of what already came
        this.#seen = msg.seq;
        this.#deliver(msg.payload, msg.cause, msg.to !== undefined);
        return;
      case 'ack': {
        const pending = this.#calls.get(msg.id);
        if (!pending) return;
        pending.ackedBy = msg.from;
        if (pending.timer) clearTimeout(pending.timer);
        pending.timer = null;
        return;
      }
      case 'result': {
        const pending = this.#settle(msg.id);
        if (!pending) return;
        if (msg.error) pending.reject(deserializeError(msg.error));
        else pending.resolve(decode(msg.value));
        return;
      }
    }
  }

  #deliver(payload: unknown, cause: string, sync: boolean): void {
    const decoded = decode(payload) as { state: SessionState; events: readonly EncodedEvent[] };
    const events = sync ? [] : decoded.events.map(rebuildEvent).filter((e): e is Event => e !== null);
    const snapshot: TabSnapshot = Object.freeze({ state: decoded.state, cause, events, sync });
    for (const cb of [...this.#snapshotListeners]) guard(() => cb(snapshot));
  }

  #post(msg: Message): void {
    try {
      this.#channel?.postMessage(msg);
    } catch (error) {
      // DataCloneError on a value encode() could not make safe: surface it, keep coordinating.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

/** Runs a listener; a throwing page listener is reported by the browser and does not break the coordinator. */
function guard(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
