import { WcError } from '../errors.js';
import type { SessionState } from '../types.js';
import { CallTracker, type OutgoingCall } from './tab-calls.js';
import { decode, deserializeError, encode, eventRecords, rebuildEvent, serializeError, type EncodedEvent, type SerializedWcError } from './tab-codec.js';
import {
  disposedError,
  guard,
  operationOf,
  tabSyncName,
  type TabChannel,
  type TabCoordinatorOptions,
  type TabHandler,
  type TabLocks,
  type TabMessage,
  type TabOperation,
  type TabRole,
  type TabSnapshot,
} from './tab-protocol.js';

export * from './tab-protocol.js';

/**
 * Makes the tabs of one origin agree on one storage prefix (issue 11). The tab holding the Web Lock
 * `wc-elements:v1:<prefix>` is the leader: the only one with a SignClient. The others follow it over
 * a BroadcastChannel of the same name: they receive its snapshots and the events that went with
 * them, and forward their operations to it. When the leader goes, a waiting follower gets the lock
 * and takes over. Without Web Locks or BroadcastChannel every tab is its own leader (`solo`).
 * Lit-free and SDK-free; docs/multi-tab.md has the protocol and the seam in SessionController.
 */
export class TabCoordinator {
  readonly id = crypto.randomUUID();
  readonly #name: string;
  readonly #locks: TabLocks | null;
  readonly #makeChannel: ((name: string) => TabChannel | null) | null;
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
  /** Leader: the last snapshot, for followers that join. */
  #last: { seq: number; cause: string; payload: unknown } | null = null;
  /** Follower: the last snapshot number seen from the current leader (an older catch-up copy is skipped). */
  #seen = 0;
  #callCount = 0;
  readonly #calls: CallTracker;
  /** Leader: forwarded calls still running, by id. */
  readonly #running = new Map<string, AbortController>();
  readonly #roleListeners = new Set<(role: TabRole) => void>();
  readonly #snapshotListeners = new Set<(snapshot: TabSnapshot) => void>();

  constructor(options: TabCoordinatorOptions) {
    this.#name = tabSyncName(options.prefix);
    const navLocks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    this.#locks = options.locks === undefined ? (navLocks ?? null) : options.locks;
    const bc = (name: string) => (typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null);
    this.#makeChannel = options.channel === undefined ? bc : options.channel;
    this.#calls = new CallTracker({
      ackTimeout: options.ackTimeout ?? 5000,
      send: (call) => this.#forward(call),
      abort: (call) => this.#post({ kind: 'abort', from: this.id, to: call.ackedBy!, id: call.id }),
    });
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
    if (this.#disposed) throw disposedError();
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
    if (this.#disposed) throw disposedError();
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
    if (this.#role !== 'leader' || this.#solo || this.#disposed) return;
    const payload = encode({ state, events: eventRecords(events) });
    this.#last = { seq: (this.#last?.seq ?? 0) + 1, cause, payload };
    this.#post({ kind: 'snapshot', from: this.id, ...this.#last });
  }

  /** Leader: runs the operations followers forward (and this tab's own calls). Calls wait for it. */
  serve(handler: TabHandler): void {
    this.#handler = handler;
    const waiting = this.#waitingForHandler;
    this.#waitingForHandler = [];
    for (const run of waiting) run();
  }

  /**
   * Runs `op` in the leader and settles with its result or typed error. Rejects with `timeout` when
   * no leader acknowledges it in time and with `tab-leader-lost` (data.reason 'leader-lost') when the
   * leader that took it goes away. In the leader (and solo) it runs the local handler.
   */
  call(op: TabOperation, args: readonly unknown[] = [], options: { signal?: AbortSignal } = {}): Promise<unknown> {
    if (this.#disposed) return Promise.reject(disposedError(op));
    if (this.#role === null) return Promise.reject(new WcError('not-configured', 'Call start() first', { operation: operationOf(op) }));
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(new WcError('cancelled', 'The call was aborted', { operation: operationOf(op) }));
    if (this.#role === 'leader') return this.#runLocal(op, args, signal);
    return this.#calls.open(`${this.id}:${++this.#callCount}`, op, args, signal);
  }

  /** Releases the lock (a follower takes over), rejects pending calls with `disposed`, closes the channel. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#calls.rejectAll(disposedError());
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
    this.#setRole('leader');
    this.#post({ kind: 'leader', from: this.id });
    this.#sawLeader(this.id); // own calls: lost when the old leader took them, else run here
  }

  /** Sends a call to the known leader; a leader (after a promotion) runs it itself. */
  #forward(call: OutgoingCall): void {
    if (this.#role === 'leader') {
      const taken = this.#calls.take(call.id);
      if (taken) this.#runLocal(call.op, call.args, call.signal).then(taken.resolve, taken.reject);
    } else if (this.#leaderId) {
      this.#post({ kind: 'call', from: this.id, to: this.#leaderId, id: call.id, op: call.op, args: encode(call.args) });
    }
  }

  /** A leader (maybe a new one) spoke: calls another leader took are lost, the rest go to it. */
  #sawLeader(from: string | null): void {
    if (this.#leaderId === from) return;
    this.#leaderId = from;
    this.#seen = 0;
    this.#calls.leaderChanged(from);
  }

  #runLocal(op: TabOperation, args: readonly unknown[], signal: AbortSignal | undefined): Promise<unknown> {
    return new Promise<void>((resolve) => (this.#handler ? resolve() : this.#waitingForHandler.push(resolve))).then(() =>
      this.#handler!(op, args, signal ?? new AbortController().signal),
    );
  }

  #receive(data: unknown): void {
    if (this.#disposed || typeof data !== 'object' || data === null) return;
    const msg = data as TabMessage;
    if (typeof msg.from !== 'string' || msg.from === this.id) return;
    if ('to' in msg && msg.to !== undefined && msg.to !== this.id) return;
    if (this.#role === 'leader') this.#receiveAsLeader(msg);
    else if (this.#role === 'follower') this.#receiveAsFollower(msg);
  }

  #receiveAsLeader(msg: TabMessage): void {
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

  #receiveAsFollower(msg: TabMessage): void {
    switch (msg.kind) {
      case 'leader':
        this.#sawLeader(msg.from);
        if (msg.to === undefined) this.#post({ kind: 'hello', from: this.id }); // a new leader: catch up
        return;
      case 'bye':
        if (msg.from === this.#leaderId) this.#sawLeader(null);
        return;
      case 'snapshot':
        this.#sawLeader(msg.from);
        if (msg.to !== undefined && msg.seq <= this.#seen) return; // the catch-up copy of what already came
        this.#seen = msg.seq;
        this.#deliver(msg.payload, msg.cause, msg.to !== undefined);
        return;
      case 'ack':
        this.#calls.acknowledged(msg.id, msg.from);
        return;
      case 'result':
        if (msg.error) this.#calls.reject(msg.id, deserializeError(msg.error));
        else this.#calls.resolve(msg.id, decode(msg.value));
        return;
    }
  }

  #deliver(payload: unknown, cause: string, sync: boolean): void {
    const decoded = decode(payload) as { state: SessionState; events: readonly EncodedEvent[] };
    const events = sync ? [] : decoded.events.map(rebuildEvent).filter((e): e is Event => e !== null);
    const snapshot: TabSnapshot = Object.freeze({ state: decoded.state, cause, events, sync });
    for (const cb of [...this.#snapshotListeners]) guard(() => cb(snapshot));
  }

  #post(msg: TabMessage): void {
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
