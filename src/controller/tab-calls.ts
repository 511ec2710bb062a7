import { WcError } from '../errors.js';
import { leaderLostError, operationOf, type TabOperation } from './tab-protocol.js';

/** A call this tab sent (or will send) to the leader. */
export interface OutgoingCall {
  readonly id: string;
  readonly op: TabOperation;
  readonly args: readonly unknown[];
  readonly signal: AbortSignal | undefined;
  /** The leader that acknowledged it; from then on it cannot be re-sent safely (it may have run). */
  readonly ackedBy: string | null;
}

interface Entry extends OutgoingCall {
  ackedBy: string | null;
  timer: ReturnType<typeof setTimeout> | null;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  detach(): void;
}

export interface CallTrackerOptions {
  readonly ackTimeout: number;
  /** Posts the call to the current leader (nothing when none is known: it goes to the next one). */
  readonly send: (call: OutgoingCall) => void;
  /** Tells the leader that took it that the caller aborted it. */
  readonly abort: (call: OutgoingCall) => void;
}

/**
 * The follower's side of calls: each waits for an `ack` within `ackTimeout` (else `timeout`), then
 * for its `result`, however long the wallet takes. A call no leader acknowledged is re-sent to the
 * next leader; one the leader took rejects with `leader-lost` when that leader goes (never re-run:
 * a signature request could reach the wallet twice).
 */
export class CallTracker {
  readonly #options: CallTrackerOptions;
  readonly #calls = new Map<string, Entry>();

  constructor(options: CallTrackerOptions) {
    this.#options = options;
  }

  /** Registers and sends a call; settles with its result, its typed error, an abort or a timeout. */
  open(id: string, op: TabOperation, args: readonly unknown[], signal: AbortSignal | undefined): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      const onAbort = () => {
        const entry = this.take(id);
        if (!entry) return;
        if (entry.ackedBy) this.#options.abort(entry);
        entry.reject(new WcError('cancelled', 'The call was aborted', { operation: operationOf(op) }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const entry: Entry = { id, op, args, signal, resolve, reject, ackedBy: null, timer: null, detach: () => signal?.removeEventListener('abort', onAbort) };
      this.#calls.set(id, entry);
      this.#send(entry);
    });
  }

  /** Calls no leader has acknowledged yet. */
  unacknowledged(): OutgoingCall[] {
    return [...this.#calls.values()].filter((entry) => !entry.ackedBy);
  }

  acknowledged(id: string, leader: string): void {
    const entry = this.#calls.get(id);
    if (!entry) return;
    entry.ackedBy = leader;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
  }

  resolve(id: string, value: unknown): void {
    this.take(id)?.resolve(value);
  }

  reject(id: string, error: unknown): void {
    this.take(id)?.reject(error);
  }

  /**
   * The leader changed (`leader` null: the known one left). Calls a departed leader took reject
   * with `leader-lost`; the rest go to the new one.
   */
  leaderChanged(leader: string | null): void {
    for (const entry of [...this.#calls.values()]) {
      if (entry.ackedBy && entry.ackedBy !== leader) this.reject(entry.id, leaderLostError(entry.op));
      else if (!entry.ackedBy && leader) this.#send(entry);
    }
  }

  rejectAll(error: WcError): void {
    for (const id of [...this.#calls.keys()]) this.reject(id, error);
  }

  /** Forgets a call (timer, abort listener) and hands it over, or undefined when already settled. */
  take(id: string): (OutgoingCall & { resolve(value: unknown): void; reject(error: unknown): void }) | undefined {
    const entry = this.#calls.get(id);
    if (!entry) return undefined;
    this.#calls.delete(id);
    if (entry.timer) clearTimeout(entry.timer);
    entry.detach();
    return entry;
  }

  /** (Re)arms the ack timer and posts the call (queued by the coordinator when no leader is known). */
  #send(entry: Entry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      this.reject(
        entry.id,
        new WcError('timeout', 'No tab running WalletConnect answered', { operation: operationOf(entry.op), data: { reason: 'leader-unresponsive' } }),
      );
    }, this.#options.ackTimeout);
    this.#options.send(entry);
  }
}
