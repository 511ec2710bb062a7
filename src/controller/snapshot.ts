import type { ISignClient, SessionTypes } from '@walletconnect/types';
import type { WcError } from '../errors.js';
import type { ControllerStatus, SessionState, StatusChange } from '../types.js';
import type { ResolvedOptions } from './options.js';

const HISTORY_LIMIT = 50;

/** The next snapshot while `#commit` builds it. */
export type Draft = { -readonly [K in keyof SessionState]: SessionState[K] };

/** Builds one event of a commit from the committed snapshot. */
export type EventFactory = (state: SessionState) => Event;
/** A change to one session: a new struct from the SDK, events after its wc-session-change, a lastError. */
export type SessionChange = { readonly struct?: SessionTypes.Struct | undefined; readonly events?: EventFactory[]; readonly lastError?: WcError };
/** What init hands over once it is done: every operation starts from it. */
export type Ready = { readonly client: ISignClient; readonly options: ResolvedOptions };

/** Where the controller is in its own life; `state.status` derives from it and the snapshot. */
export type Phase = 'idle' | 'initializing' | 'ready' | 'error' | 'disposed';

export const INITIAL_STATE: SessionState = Object.freeze({
  status: 'idle',
  relay: 'disconnected',
  sessions: Object.freeze([]),
  pairings: Object.freeze([]),
  proposal: null,
  activeTopic: null,
  pendingRequests: Object.freeze([]),
  recentRequests: Object.freeze([]),
  lastError: null,
  persistent: true,
  history: Object.freeze([]),
});

/** `state.status` for a draft snapshot: the phase first, then relay, proposal and sessions. */
export function statusOf(phase: Phase, draft: SessionState, relayWasUp: boolean, connecting: boolean): ControllerStatus {
  switch (phase) {
    case 'idle':
    case 'disposed':
      return 'idle';
    case 'initializing':
      return 'initializing';
    case 'error':
      return 'error';
  }
  if (relayWasUp && draft.relay === 'disconnected' && (draft.sessions.length > 0 || connecting)) return 'reconnecting';
  if (connecting) return draft.proposal ? 'awaiting-approval' : 'connecting';
  return draft.sessions.length > 0 ? 'connected' : 'ready';
}

/** The bounded status history with `status` appended. */
export function withHistory(history: readonly StatusChange[], status: ControllerStatus): readonly StatusChange[] {
  const entry: StatusChange = Object.freeze({ status, at: Date.now() });
  return Object.freeze([...history, entry].slice(-HISTORY_LIMIT));
}
