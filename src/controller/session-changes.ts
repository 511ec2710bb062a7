import type { ISignClient, SessionTypes } from '@walletconnect/types';
import { getSdkError } from '@walletconnect/utils';
import type { WcError, WcOperation } from '../errors.js';
import { WcPairingChangeEvent, WcRequestEvent, WcSessionChangeEvent, WcSessionEventEvent } from '../events.js';
import { toWcError } from '../internal/sdk-errors.js';
import type { PairingView, RequestView, SessionChangeReason, SessionState } from '../types.js';
import type { AuthResult } from './api.js';
import { sessionAuthOf, type SignInStore } from './auth-store.js';
import type { ProposalFlow } from './proposal-flow.js';
import type { RequestTracker } from './request-tracker.js';
import type { RequestedStore } from './requested-store.js';
import type { SdkHandlers } from './sdk-events.js';
import { admit, type SessionStore } from './session-store.js';
import type { Draft, EventFactory, Ready, SessionChange } from './snapshot.js';
import type { SessionMeta } from './views.js';

/**
 * The SessionController's parts that session changes act on: its stores, what it holds now, and its
 * `#commit`. The controller stays the one writer: every change here ends in `commit`.
 */
export interface ChangeHost {
  readonly sessions: SessionStore;
  readonly requested: RequestedStore;
  readonly signIns: SignInStore;
  readonly requests: RequestTracker;
  state(): SessionState;
  ready(): Ready | null;
  /** The open connect flow, if any. */
  connecting(): ProposalFlow | null;
  /** The open flow got its session: it is no longer the open one (not a failure, so not `endConnect`). */
  connected(): void;
  commit(patch: Partial<Draft>, events: EventFactory[], cause: string): void;
  fail(error: WcError, operation: WcOperation): void;
  errorEvent(error: WcError, operation: WcOperation): EventFactory[];
  endConnect(error: WcError): void;
  pairingViews(): readonly PairingView[];
  /** The relay socket was up once: a later drop with sessions is `reconnecting`. */
  relayUp(): void;
}

/**
 * After a (re)load: what the stores kept is read under `prefix`, the client's sessions are loaded with
 * it (their requested namespaces and sign-ins), and entries of sessions that are gone are dropped.
 */
export async function restoreSessions(host: ChangeHost, client: ISignClient, prefix: string): Promise<void> {
  const stores = [host.requested, host.signIns] as const;
  await Promise.all(stores.map((store) => store.load(client.core.storage, prefix)));
  host.sessions.restore(
    client.session.getAll(),
    (topic) => host.requested.get(topic),
    (error) => host.fail(error, 'restore'),
    (topic) => host.signIns.get(topic) ?? null,
  );
  for (const store of stores) store.keepOnly((topic) => host.sessions.has(topic));
}

/** What the controller does with each SignClient / Core event (sdk-events.ts listens and validates). */
export function sdkHandlers(host: ChangeHost): SdkHandlers {
  return {
    knows: (topic) => host.sessions.has(topic),
    invalidPeerData: (topic, error) => onInvalidPeerData(host, topic, error),
    sessionConnect: (struct) => onSessionConnect(host, struct),
    sessionUpdate: (topic, struct, namespaces) => updateSession(host, topic, { namespaces }, 'update', { struct }),
    sessionExtend: (topic, struct) => updateSession(host, topic, {}, 'extend', { struct }),
    sessionEvent: (topic, event) => updateSession(host, topic, {}, 'event', { events: [() => new WcSessionEventEvent({ topic, ...event })] }),
    sessionEnded: (topic, reason) => removeSession(host, topic, reason),
    requestSent: (request, id) => host.requests.sent(request, id),
    proposalExpired: (id) => host.connecting()?.expire(id),
    relay: (relay) => {
      if (relay === 'connected') host.relayUp();
      if (host.state().relay !== relay) host.commit({ relay }, [], 'relay');
    },
    pairingsChanged: () => {
      const pairings = host.pairingViews();
      if (pairings !== host.state().pairings) host.commit({ pairings }, [(s) => new WcPairingChangeEvent({ pairings: s.pairings })], 'pairing');
    },
    historyUpdated: (record) => settled(host, host.requests.answer(record)),
    failed: (error) => host.fail(toWcError(error, 'peer', 'unknown'), 'peer'),
  };
}

export function onSessionConnect(host: ChangeHost, struct: SessionTypes.Struct): void {
  const open = host.connecting();
  const flow = open?.pairingTopic === struct.pairingTopic ? open : null;
  const requested = flow?.requested ?? host.requested.get(struct.topic)?.requested ?? null;
  const ready = host.ready();
  const admission = admit(struct, requested, ready?.options.onRequiredUnmet ?? 'report');
  if (!admission.kept) {
    // It never enters state: the wallet is told, and the connect (when it is ours) fails.
    void ready?.client.disconnect({ topic: struct.topic, reason: getSdkError('USER_DISCONNECTED') }).catch(() => {});
    return flow ? host.endConnect(admission.error) : host.fail(admission.error, admission.operation);
  }
  const { unmet } = admission;
  const now = Date.now();
  if (requested) host.requested.remember(struct.topic, requested, now);
  const view = host.sessions.add(struct, admission.namespaces, requested, unmet, now);
  if (flow) {
    host.connected();
    flow.finish(view, null);
  }
  host.commit(
    { activeTopic: struct.topic, proposal: flow ? null : host.state().proposal, pairings: host.pairingViews(), ...(unmet ? { lastError: unmet } : {}) },
    [
      (s) => new WcSessionChangeEvent({ sessions: s.sessions, reason: 'connect', topic: struct.topic }),
      ...(unmet ? host.errorEvent(unmet, 'connect') : []),
      (s) => new WcPairingChangeEvent({ pairings: s.pairings }),
    ],
    'connect',
  );
}

/** A verified sign-in: kept on its session (persisted, in the view as `auth`); the result carries that view. */
export function onSignedIn(host: ChangeHost, result: AuthResult): AuthResult {
  const topic = result.session.topic;
  const auth = sessionAuthOf(result);
  if (!host.sessions.has(topic)) return result;
  host.signIns.remember(topic, auth);
  updateSession(host, topic, { auth }, 'update');
  return Object.freeze({ ...result, session: host.sessions.get(topic) ?? result.session });
}

/** Malformed peer data was refused: reported on its session, when the controller knows it. */
export function onInvalidPeerData(host: ChangeHost, topic: string, error: WcError): void {
  if (!host.sessions.has(topic)) return host.fail(error, 'peer');
  updateSession(host, topic, { lastError: error }, 'update', { events: host.errorEvent(error, 'peer'), lastError: error });
}

/**
 * Replaces one session's view (others keep their identity) and commits: a new struct from the SDK,
 * events to fire after wc-session-change (none for 'status': an operation under way), a lastError.
 */
export function updateSession(host: ChangeHost, topic: string, patch: Partial<SessionMeta>, reason: SessionChangeReason, change: SessionChange = {}): void {
  if (!host.sessions.update(topic, patch, change.struct)) return;
  const announce: EventFactory[] = reason === 'status' ? [] : [(s) => new WcSessionChangeEvent({ sessions: s.sessions, reason, topic })];
  host.commit(change.lastError ? { lastError: change.lastError } : {}, [...announce, ...(change.events ?? [])], reason);
}

/** Drops a session: its remembered request and its pending requests (rejected) go with it. */
export function removeSession(host: ChangeHost, topic: string, reason: SessionChangeReason): void {
  if (!host.sessions.remove(topic)) return;
  host.requested.forget(topic);
  host.signIns.forget(topic);
  const rejected = host.requests.rejectAllFor(topic);
  const state = host.state();
  const activeTopic = state.activeTopic === topic ? host.sessions.latest() : state.activeTopic;
  host.commit(
    { activeTopic, pairings: host.pairingViews() },
    [
      (s) => new WcSessionChangeEvent({ sessions: s.sessions, reason, topic }),
      (s) => new WcPairingChangeEvent({ pairings: s.pairings }),
      ...requestEvents(host, rejected),
    ],
    reason,
  );
}

/** Commits a finished request (no-op for null): its wc-request, and a failure's lastError and wc-error. */
export function settled(host: ChangeHost, done: RequestView | null): void {
  if (!done) return;
  const failed = done.error && done.error.code !== 'cancelled' ? done.error : null;
  host.commit(failed ? { lastError: failed } : {}, requestEvents(host, [done]), 'request');
}

function requestEvents(host: ChangeHost, done: readonly RequestView[]): EventFactory[] {
  return done.flatMap((view) => [
    () => new WcRequestEvent(view),
    ...(view.error && view.error.code !== 'cancelled' ? host.errorEvent(view.error, 'request') : []),
  ]);
}
