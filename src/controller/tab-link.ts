import { WcError } from '../errors.js';
import {
  WcErrorEvent,
  WcPairingChangeEvent,
  WcReadyEvent,
  WcRelayChangeEvent,
  WcSessionChangeEvent,
  WcStateChangeEvent,
  WcStatusChangeEvent,
} from '../events.js';
import type { SessionState } from '../types.js';
import type { AuthenticateParams, ConnectOptions, RequestOptions, SessionControllerApi } from './api.js';
import type { ResolvedOptions } from './options.js';
import { TabCoordinator, type TabOperation, type TabRole, type TabSnapshot } from './tab-sync.js';

export { guard, type TabOperation } from './tab-sync.js';

/** What the link needs from its SessionController. */
export interface TabHost {
  current(): SessionState;
  /** The controller itself: a leader runs forwarded operations on it. */
  readonly api: SessionControllerApi;
  /** A follower's only writer: replaces the state, then dispatches the events in order. */
  adopt(state: SessionState, events: readonly Event[]): void;
  /** This tab was a follower and now leads: open the SignClient from storage. */
  promoted(): void;
}

/**
 * The SessionController's side of tab coordination (docs/multi-tab.md, README "Multiple tabs"). It
 * owns the TabCoordinator: a leader publishes each commit and serves forwarded calls; a follower
 * adopts the leader's snapshots (deriving the events of a catch-up copy), forwards its operations,
 * and reports the errors made on the way (`timeout`, `tab-leader-lost`) itself.
 */
export class TabLink {
  readonly #host: TabHost;
  readonly #coordinator: TabCoordinator;
  /** Follower: resolves init on the first snapshot past `initializing`. */
  #joined: (() => void) | null = null;
  #joinFailed: ((error: WcError) => void) | null = null;
  #leaving = false;
  /** Errors `call` settled with: the leader reported them, or this link did (the controller must not again). */
  readonly #settled = new WeakSet<object>();

  /** A link when the options ask for one (`tabs`, default storage, own client); else null. */
  static for(options: ResolvedOptions, host: TabHost): TabLink | null {
    return options.tabs ? new TabLink(new TabCoordinator({ prefix: options.storagePrefix }), host) : null;
  }

  constructor(coordinator: TabCoordinator, host: TabHost) {
    this.#coordinator = coordinator;
    this.#host = host;
  }

  /** True while this tab follows another (its operations are forwarded). */
  get following(): boolean {
    return this.#coordinator.role === 'follower' && !this.#leaving;
  }

  /** Takes the lead, or follows: then resolves once the leader's state has arrived. Idempotent. */
  async join(): Promise<TabRole> {
    const role = await this.#coordinator.start();
    if (role === 'leader') return role;
    if (this.#leaving) throw new WcError('disposed', 'The controller was disposed', { operation: 'init' });
    return new Promise<TabRole>((resolve, reject) => {
      this.#joined = () => resolve('follower');
      this.#joinFailed = reject;
      this.#coordinator.onSnapshot((snapshot) => this.#adopt(snapshot));
      this.#coordinator.onRole((now) => {
        if (now !== 'leader' || this.#leaving) return;
        if (!this.#joined) return this.#host.promoted();
        // Promoted before any state came (the leader went while this tab joined): init opens the client itself.
        this.#joined = this.#joinFailed = null;
        resolve('leader');
      });
    });
  }

  /** Leader, once its client is ready: runs what followers forward on the controller. */
  lead(): void {
    const api = this.#host.api;
    this.#coordinator.serve((op, args, signal) => {
      // What another tab sent goes through the public methods, so the controller's guards check it again here.
      const arg = Array.isArray(args) ? (args[0] as unknown) : undefined;
      const withSignal = (value: unknown): unknown =>
        value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value)) ? { ...value, signal } : value;
      switch (op) {
        case 'connect':
          return api.connect(withSignal(arg) as ConnectOptions);
        case 'authenticate':
          return api.authenticate(withSignal(arg) as AuthenticateParams);
        case 'request':
          return api.request(withSignal(arg) as RequestOptions);
        case 'cancel':
          return api.cancel();
        case 'select':
          return api.select(arg as string);
        case 'extend':
        case 'ping':
        case 'disconnect':
          return api[op](arg as string | undefined);
        default:
          throw new WcError('invalid-argument', 'Another tab forwarded an operation that does not exist', { data: { argument: 'operation' } });
      }
    });
  }

  /** Leader: every commit, with the exact events it dispatched, goes to the followers. */
  publish(state: SessionState, cause: string, events: readonly Event[]): void {
    if (!this.#leaving) this.#coordinator.publishSnapshot(state, cause, events);
  }

  /**
   * Follower: runs `op` in the leader. Its errors were reported there (its snapshot carries the
   * wc-error); the ones made on the way never reached it, so they are reported here.
   */
  async call<T>(op: TabOperation, args: readonly unknown[]): Promise<T> {
    const first = args[0] as { signal?: AbortSignal } | undefined;
    const signal = typeof first === 'object' && first !== null ? first.signal : undefined;
    try {
      return (await this.#coordinator.call(op, args, signal ? { signal } : {})) as T;
    } catch (error) {
      const wc = error as WcError;
      if (typeof error === 'object' && error !== null) this.#settled.add(error);
      const local = wc.code === 'tab-leader-lost' || (wc.code === 'timeout' && (wc.data as { reason?: string } | undefined)?.reason === 'leader-unresponsive');
      // Also when this tab was promoted meanwhile: its state is still the followed one.
      if (local && !this.#leaving) {
        const state = Object.freeze({ ...this.#host.current(), lastError: wc });
        this.#host.adopt(state, [new WcStateChangeEvent({ state, cause: 'error' }), new WcErrorEvent({ error: wc, operation: wc.operation ?? 'request' })]);
      }
      throw error;
    }
  }

  /** True for an error a forwarded call settled with: it is reported already. */
  forwarded(error: unknown): boolean {
    return typeof error === 'object' && error !== null && this.#settled.has(error);
  }

  /** Fire and forget (`cancel`, `select`): the outcome shows in the next snapshot. */
  send(op: TabOperation, args: readonly unknown[]): void {
    this.call(op, args).catch(() => {});
  }

  /** Releases the lock (a follower takes over) and closes the channel. A leader's client is closed first. */
  dispose(): void {
    this.#leaving = true;
    this.#coordinator.dispose();
    this.#joinFailed?.(new WcError('disposed', 'The controller was disposed', { operation: 'init' }));
    this.#joined = this.#joinFailed = null;
  }

  #adopt({ state, events, sync }: TabSnapshot): void {
    if (this.#leaving || this.#coordinator.role !== 'follower') return;
    const ready = this.#joined !== null && state.status !== 'initializing' && state.status !== 'idle';
    // The leader's own `ready` commit carries its wc-ready; any other first state is caught up like a sync.
    const own = !sync && (!ready || events.some((e) => e instanceof WcReadyEvent));
    this.#host.adopt(state, own ? events : derivedEvents(this.#host.current(), state, ready));
    if (ready) {
      this.#joined?.();
      this.#joined = this.#joinFailed = null;
    }
  }
}

/** The events of a catch-up copy: what changed since the follower's previous state. */
function derivedEvents(prev: SessionState, next: SessionState, ready: boolean): Event[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const events: Event[] = [new WcStateChangeEvent({ state: next, cause: 'sync' })];
  if (next.status !== prev.status) events.push(new WcStatusChangeEvent({ status: next.status, previous: prev.status }));
  if (next.relay !== prev.relay) events.push(new WcRelayChangeEvent({ relay: next.relay }));
  if (ready || !same(prev.sessions, next.sessions)) events.push(new WcSessionChangeEvent({ sessions: next.sessions, reason: 'restore', topic: null }));
  if (ready || !same(prev.pairings, next.pairings)) events.push(new WcPairingChangeEvent({ pairings: next.pairings }));
  if (ready) events.push(new WcReadyEvent({ state: next }));
  return events;
}
