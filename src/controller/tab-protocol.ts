import { WcError, type WcOperation } from '../errors.js';
import type { SessionState } from '../types.js';
import type { SerializedWcError } from './tab-codec.js';

/**
 * The vocabulary of the tab coordinator (tab-sync.ts): roles, the operations a follower forwards,
 * the injectable browser parts and the messages on the channel. docs/multi-tab.md explains them.
 */

export type TabRole = 'leader' | 'follower';

/** The operations a follower forwards to the leader (those that need the SignClient). */
export type TabOperation = 'connect' | 'authenticate' | 'cancel' | 'request' | 'extend' | 'ping' | 'disconnect' | 'select';

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

/** The part of `navigator.locks` used. */
export interface TabLocks {
  request(name: string, options: { ifAvailable?: boolean; signal?: AbortSignal }, callback: (lock: unknown) => unknown): Promise<unknown>;
}

/** The part of `BroadcastChannel` used. */
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
  /** Default `new BroadcastChannel(name)`; returning null (or throwing) makes this tab a solo leader. */
  readonly channel?: ((name: string) => TabChannel | null) | null;
  /** How long (ms) a call waits for a leader to acknowledge it before rejecting with `timeout`. Default 5000. */
  readonly ackTimeout?: number;
}

/** Bumped when the messages change: tabs running another version keep to themselves (each leads). */
export const TAB_PROTOCOL = 'v1';

/** The lock name and the channel name for one storage prefix. */
export const tabSyncName = (prefix: string) => `wc-elements:${TAB_PROTOCOL}:${prefix}`;

/**
 * Every message carries its sender's id; `to` addresses one tab (others ignore it). Followers say
 * `hello` on joining and on a new `leader`; the leader answers with `leader` + its last `snapshot`
 * (`to` set: a catch-up copy). `call` → `ack` at once → `result` later; `abort` cancels a call;
 * `bye` is a leader leaving on purpose (a crashed one just releases its lock).
 */
export type TabMessage =
  | { readonly kind: 'hello'; readonly from: string }
  | { readonly kind: 'leader'; readonly from: string; readonly to?: string }
  | { readonly kind: 'bye'; readonly from: string }
  | { readonly kind: 'snapshot'; readonly from: string; readonly to?: string; readonly seq: number; readonly cause: string; readonly payload: unknown }
  | { readonly kind: 'call'; readonly from: string; readonly to: string; readonly id: string; readonly op: TabOperation; readonly args: unknown }
  | { readonly kind: 'abort'; readonly from: string; readonly to: string; readonly id: string }
  | { readonly kind: 'ack'; readonly from: string; readonly to: string; readonly id: string }
  | { readonly kind: 'result'; readonly from: string; readonly to: string; readonly id: string; readonly value?: unknown; readonly error?: SerializedWcError };

/** The operation an error names: `cancel()` ends a connect. */
export const operationOf = (op: TabOperation): WcOperation => (op === 'cancel' ? 'connect' : op);

/** A call whose leader went away after taking it: it may or may not have reached the wallet. */
export function leaderLostError(op: TabOperation): WcError {
  return new WcError('tab-leader-lost', 'The tab running WalletConnect closed before answering; the call may or may not have reached the wallet', {
    operation: operationOf(op),
    data: { reason: 'leader-lost' },
  });
}

export function disposedError(op?: TabOperation): WcError {
  return new WcError('disposed', 'The tab coordinator was disposed', op === undefined ? {} : { operation: operationOf(op) });
}

/** Runs a listener; a throwing page listener is reported by the browser and does not break the coordinator. */
export function guard(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
