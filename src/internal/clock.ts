import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What a `Clock` schedules with; the globals unless a test passes its own. */
export interface ClockScheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const globalScheduler: ClockScheduler = {
  now: () => Date.now(),
  // looked up at call time, so a page (or a test) that wraps the globals sees these calls
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Subscriber {
  readonly listener: (now: number) => void;
  readonly period: number;
  due: number;
}

/**
 * One timer for every countdown on the page. Each subscriber asks for a period (one second by
 * default) and is called with `Date.now()` once per period; the clock keeps a single `setTimeout`
 * for the earliest due subscriber, and none at all while nobody listens.
 *
 * Why: a list of hundreds of sessions, or several elements each with a countdown, used to keep a
 * timer each (session-list's, connect's); one timer wakes the page once per tick for all of them.
 */
export class Clock {
  readonly #scheduler: ClockScheduler;
  readonly #subscribers = new Set<Subscriber>();
  #timer: unknown = undefined;
  #timerAt = Infinity;

  constructor(scheduler: ClockScheduler = globalScheduler) {
    this.#scheduler = scheduler;
  }

  /** The scheduler's current time (`Date.now()` by default). */
  now(): number {
    return this.#scheduler.now();
  }

  /** Whether a timer is pending (false whenever nobody listens). */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** Calls `listener(now)` every `periodMs` (at least 1 ms) until the returned function is called. */
  subscribe(listener: (now: number) => void, periodMs = 1000): () => void {
    const period = Math.max(1, Number.isFinite(periodMs) ? periodMs : 1000);
    const subscriber: Subscriber = { listener, period, due: this.#scheduler.now() + period };
    this.#subscribers.add(subscriber);
    this.#schedule();
    return () => {
      if (!this.#subscribers.delete(subscriber)) return;
      this.#schedule();
    };
  }

  #schedule(): void {
    let at = Infinity;
    for (const s of this.#subscribers) at = Math.min(at, s.due);
    if (at === this.#timerAt && this.#timer !== undefined) return;
    if (this.#timer !== undefined) this.#scheduler.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = at;
    if (at === Infinity) return;
    this.#timer = this.#scheduler.setTimeout(this.#fire, Math.max(0, at - this.#scheduler.now()));
  }

  #fire = (): void => {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = this.#scheduler.now();
    const due = [...this.#subscribers].filter((s) => s.due <= now);
    for (const s of due) s.due = now + s.period;
    for (const s of due) {
      if (!this.#subscribers.has(s)) continue; // unsubscribed by an earlier listener of this tick
      try {
        s.listener(now);
      } catch (error) {
        // one failing listener must not stop the others' countdowns
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    this.#schedule();
  };
}

/** The page's shared clock. */
export const sharedClock = new Clock();

/**
 * A host's subscription to a `Clock`: `every(ms)` ticks the host (the default `onTick` requests an
 * update) and `every(null)` stops; `now` is the time of the last tick (or of connection). It
 * unsubscribes while the host is disconnected and resumes on reconnection.
 */
export class ClockController implements ReactiveController {
  /** `Date.now()` of the last tick, or of the last connection. */
  now: number;
  readonly #host: ReactiveControllerHost;
  readonly #clock: Clock;
  readonly #onTick: (now: number) => void;
  #period: number | null = null;
  #unsubscribe: (() => void) | null = null;
  #connected = false;

  constructor(host: ReactiveControllerHost, options: { onTick?: (now: number) => void; clock?: Clock } = {}) {
    this.#host = host;
    this.#clock = options.clock ?? sharedClock;
    this.#onTick = options.onTick ?? (() => host.requestUpdate());
    this.now = this.#clock.now();
    host.addController(this);
  }

  /** Ticks every `periodMs` from now on (null: stops). The same period again keeps the running one. */
  every(periodMs: number | null): void {
    if (periodMs === this.#period && (this.#unsubscribe !== null || !this.#connected)) return;
    this.#period = periodMs;
    this.#stop();
    if (periodMs !== null && this.#connected) this.#unsubscribe = this.#clock.subscribe(this.#tick, periodMs);
  }

  /** Reads the clock now, without waiting for the next tick: a countdown that starts mid-period starts from the real time. */
  sync(): void {
    this.now = this.#clock.now();
  }

  hostConnected(): void {
    this.#connected = true;
    this.now = this.#clock.now();
    this.#host.requestUpdate();
    if (this.#period !== null && !this.#unsubscribe) this.#unsubscribe = this.#clock.subscribe(this.#tick, this.#period);
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  #stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #tick = (now: number): void => {
    this.now = now;
    this.#onTick(now);
  };
}
