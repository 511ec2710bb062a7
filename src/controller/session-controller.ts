import type { ISignClient, SessionTypes, SignClientTypes } from '@walletconnect/types';
import { getSdkError } from '@walletconnect/utils';
import { WcError, type WcOperation } from '../errors.js';
import { WcErrorEvent, WcPairingChangeEvent, WcProposalEvent, WcProposalExpireEvent, WcReadyEvent, WcRelayChangeEvent, WcRequestEvent } from '../events.js';
import { WcSessionChangeEvent, WcSessionEventEvent, WcStateChangeEvent, WcStatusChangeEvent, type ControllerEventTarget } from '../events.js';
import { guardRelay, relayRefusedError, type RelayGuard } from '../internal/relay-guard.js';
import { toWcError } from '../internal/sdk-errors.js';
import { disableSdkDeepLinks, guardPeerEvents, guardPeerUpdates, guardUnawaitedDisconnect, patchVerify } from '../internal/sdk-patches.js';
import type { NamespaceRequest, PairingView, RequestView, SessionChangeReason, SessionState, SessionView } from '../types.js';
import type { AuthenticateParams, AuthResult, ConnectOptions, RequestOptions, SessionControllerApi } from './api.js';
import { AuthFlow } from './auth-flow.js';
import { assertOnline, checkConnectOptions, checkRequestOptions, checkTopic, disposedError } from './guards.js';
import { resolveOptions, type ResolvedOptions, type SessionControllerOptions } from './options.js';
import { OwnedClient, type OpenedClient } from './owned-client.js';
import { cancelledError, ProposalFlow, requestedFrom, type ProposalHooks } from './proposal-flow.js';
import { RequestTracker, requestTarget } from './request-tracker.js';
import { RequestedStore } from './requested-store.js';
import { invalidPeerData, listenTo, type SdkHandlers } from './sdk-events.js';
import { admit, SessionStore } from './session-store.js';
import { dispatchAll, INITIAL_STATE, SESSION_OPERATIONS, statusOf, withHistory, type Draft, type EventFactory, type Phase } from './snapshot.js';
import type { Ready, SessionChange, SessionOperation } from './snapshot.js';
import { pairingViewsOf, type SessionMeta } from './views.js';

export type { SessionControllerOptions } from './options.js';

/**
 * The one owner of WalletConnect state on a page: wraps a real SignClient (dApp role), absorbs its
 * quirks, and announces every change as a frozen snapshot plus typed `wc-*` events. Imports no Lit.
 * The concepts live in their own modules (owned-client, proposal-flow, request-tracker,
 * session-store, requested-store, sdk-events); only `#commit` here writes state and dispatches.
 * Its events (`wc-*`, typed by `WcControllerEventMap`) are listed on `SessionControllerApi`.
 */
export class SessionController extends EventTarget implements SessionControllerApi {
  readonly #options: SessionControllerOptions;
  /** Known from the start of init (for the reads); `#ready` once init is done. */
  #resolved: ResolvedOptions | null = null;
  #ready: Ready | null = null;
  #owned: OwnedClient | null = null;
  #state: SessionState = INITIAL_STATE;
  #phase: Phase = 'idle';
  #initPromise: Promise<void> | null = null;
  readonly #sessions = new SessionStore();
  readonly #requested = new RequestedStore((error) => this.#fail(error, 'storage'));
  readonly #requests = new RequestTracker({
    tracked: (view) => this.#commit({}, [() => new WcRequestEvent(view)], 'request'),
    settled: (done) => this.#settled(done),
  });
  #connect: ProposalFlow | null = null;
  #relayWasUp = false;
  #unlisten: (() => void) | null = null;
  #relayGuard: RelayGuard | null = null;
  /** Errors already announced: each goes out in one wc-error, however many callers see it. */
  readonly #reported = new WeakSet<WcError>();
  /** Reports a bad argument of a synchronous method (which then throws it). */
  readonly #refuse = (error: WcError) => this.#fail(error, error.operation ?? 'select');

  constructor(options: SessionControllerOptions = {}) {
    super();
    this.#options = options;
  }

  // ---------------------------------------------------------------- reads

  get state(): SessionState {
    return this.#state;
  }
  get sessions(): readonly SessionView[] {
    return this.#state.sessions;
  }
  get pairings(): readonly PairingView[] {
    return this.#state.pairings;
  }
  get sessionTopics(): readonly string[] {
    return this.#state.sessions.map((s) => s.topic);
  }
  get pairingTopics(): readonly string[] {
    return this.#state.pairings.map((p) => p.topic);
  }
  /** The wrapped SignClient once initialised (for advanced use; state changes go through the controller). */
  get client(): ISignClient | null {
    return this.#ready?.client ?? null;
  }
  get defaultNamespaces(): NamespaceRequest | null {
    return this.#resolved?.defaultNamespaces ?? null;
  }
  get metadata(): SignClientTypes.Metadata {
    return this.#resolved?.metadata ?? { name: '', description: '', url: '', icons: [] };
  }
  getSession(topic: string): SessionView | undefined {
    checkTopic('getSession', topic, false, this.#refuse);
    return this.#sessions.get(topic);
  }

  // ---------------------------------------------------------------- the one writer

  /**
   * The one place state changes: builds the next frozen snapshot from the stores, replaces it, then
   * dispatches `wc-state-change`, derived status/relay events and the given events.
   */
  #commit(patch: Partial<Draft>, events: EventFactory[], cause: string): void {
    const prev = this.#state;
    const draft: Draft = { ...prev, ...patch, sessions: this.#sessions.list, pendingRequests: this.#requests.pending, recentRequests: this.#requests.recent };
    if (draft.activeTopic && !this.#sessions.has(draft.activeTopic)) draft.activeTopic = null;
    draft.status = statusOf(this.#phase, draft, this.#relayWasUp, this.#connect !== null);
    const before: EventFactory[] = [];
    if (draft.status !== prev.status) {
      draft.history = withHistory(prev.history, draft.status);
      before.push(() => new WcStatusChangeEvent({ status: draft.status, previous: prev.status }));
    }
    if (draft.relay !== prev.relay) before.push((s) => new WcRelayChangeEvent({ relay: s.relay }));
    const next = Object.freeze(draft) as SessionState;
    this.#state = next;
    dispatchAll(this, [new WcStateChangeEvent({ state: next, cause }), ...[...before, ...events].map((make) => make(next))]);
  }

  /** Reports a failure on its own: `state.lastError` and one `wc-error`, once per error object. */
  #fail(error: WcError, operation: WcOperation, patch: Partial<Draft> = {}): void {
    const announce = this.#errorEvent(error, operation);
    if (announce.length) this.#commit({ lastError: error, ...patch }, announce, 'error');
  }

  /** The one builder of `wc-error`, for a commit: marks `error` reported; empty when it went out already. */
  #errorEvent(error: WcError, operation: WcOperation): EventFactory[] {
    if (this.#reported.has(error)) return [];
    this.#reported.add(error);
    if (this.#phase === 'disposed' && error.code === 'disposed') return [];
    return [() => new WcErrorEvent({ error, operation })];
  }

  // ---------------------------------------------------------------- init / dispose

  /** Creates (or adopts) the SignClient and restores sessions. Idempotent; retried after a failure. */
  init(): Promise<void> {
    if (this.#phase === 'disposed') return Promise.reject(disposedError('init'));
    this.#initPromise ??= this.#init().catch((error: unknown) => {
      this.#initPromise = null;
      if (this.#phase === 'disposed') throw disposedError('init');
      const wc = toWcError(error, 'init', 'init-failed');
      this.#phase = 'error';
      this.#fail(wc, 'init');
      throw wc;
    });
    return this.#initPromise;
  }

  async #init(): Promise<void> {
    this.#phase = 'initializing';
    this.#commit({ lastError: null }, [], 'init');
    const options = (this.#resolved = resolveOptions(this.#options));
    const opened: OpenedClient = options.client
      ? { client: options.client, persistent: true, dropped: null }
      : await (this.#owned = OwnedClient.claim(options.storagePrefix)).open(options, (error) => this.#fail(error, 'storage'));
    if ((this.#phase as Phase) === 'disposed') throw disposedError('init');
    const { client } = opened;
    this.#ready = { client, options };
    patchVerify(client, options.verify);
    guardPeerUpdates(client, (error, topic) => this.#onInvalidPeerData(topic, invalidPeerData(error)));
    guardPeerEvents(client, (error) => this.#fail(error, 'peer'));
    disableSdkDeepLinks(client);
    guardUnawaitedDisconnect(client);
    this.#unlisten = listenTo(client, this.#sdkHandlers());
    // A refusing relay (4001) is fatal: it ends an open connect, else it is reported on its own.
    this.#relayGuard = guardRelay(client, () =>
      this.#connect ? this.#endConnect(relayRefusedError('connect')) : this.#fail(relayRefusedError('relay'), 'relay'),
    );
    if (opened.dropped) this.#fail(opened.dropped, 'restore');
    await this.#requested.load(client.core.storage, options.storagePrefix);
    this.#sessions.restore(
      client.session.getAll(),
      (topic) => this.#requested.get(topic),
      (error) => this.#fail(error, 'restore'),
    );
    this.#requested.keepOnly((topic) => this.#sessions.has(topic));
    this.#requests.restore(client.core.history.records.values(), (topic) => this.#sessions.has(topic));
    this.#phase = 'ready';
    const relay = client.core.relayer.connected ? 'connected' : 'disconnected';
    this.#commit(
      { persistent: opened.persistent, activeTopic: this.#sessions.newest(), pairings: this.#pairingViews(), relay },
      [
        (s) => new WcSessionChangeEvent({ sessions: s.sessions, reason: 'restore', topic: null }),
        (s) => new WcPairingChangeEvent({ pairings: s.pairings }),
        (s) => new WcReadyEvent({ state: s }),
      ],
      'ready',
    );
  }

  /** Stops listening, rejects what is open, and (for a client it made) closes the socket. */
  async dispose(): Promise<void> {
    if (this.#phase === 'disposed') return;
    const wasInitializing = this.#initPromise;
    this.#phase = 'disposed';
    this.#endConnect(disposedError('connect'));
    this.#unlisten?.();
    this.#unlisten = null;
    this.#relayGuard?.dispose();
    this.#requests.dispose();
    this.#requested.detach();
    this.#ready = null;
    await this.#owned?.close();
    this.#owned = null;
    void wasInitializing?.catch(() => {});
    this.#commit({ proposal: null }, [], 'dispose');
  }

  // ---------------------------------------------------------------- operations

  /**
   * Proposes a session. The `wc:` URI arrives first in `state.proposal` and a `wc-proposal` event;
   * the promise resolves with the approved session. Required items the wallet did not grant are
   * listed in `session.unmet` and reported as `required-unmet` (or, with
   * `onRequiredUnmet: 'disconnect'`, the session is dropped and the promise rejects).
   */
  async connect(options: ConnectOptions = {}): Promise<SessionView> {
    return this.#run('connect', async () => {
      checkConnectOptions(options);
      const { client, options: resolved } = await this.#start('connect');
      if (this.#connect) throw new WcError('busy', 'A connection proposal is already open; cancel it first', { operation: 'connect' });
      const requested = requestedFrom(client, options, resolved.defaultNamespaces);
      return this.#open(new ProposalFlow(requested, options, this.#proposalHooks, () => this.cancel()), options, resolved.proposalTtl);
    });
  }

  /** One-Click Auth (SIWE, `AuthFlow`): shown, cancelled and expired like a connect; resolves once the sign-in is verified. */
  async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    return this.#run('authenticate', async () => {
      const { options } = await this.#start('authenticate');
      const flow = new AuthFlow(params, options, this.#proposalHooks, () => this.cancel());
      return flow.complete(await this.#open(flow, {}, options.proposalTtl), this);
    });
  }

  #open(flow: ProposalFlow, options: ConnectOptions, ttl: number): Promise<SessionView> {
    if (this.#connect) throw new WcError('busy', 'A connection proposal is already open; cancel it first', { operation: flow.operation });
    assertOnline(flow.operation);
    this.#relayGuard?.rearm();
    this.#connect = flow;
    this.#commit({ lastError: null }, [], flow.operation);
    void flow.propose(this.#ready!.client, options, ttl, (topic) => this.#state.pairings.find((p) => p.topic === topic)?.peer ?? null);
    return flow.promise;
  }

  readonly #proposalHooks: ProposalHooks = {
    // A flow calls these only while it is open, that is while it is `#connect`.
    proposed: (proposal) => this.#commit({ proposal, pairings: this.#pairingViews() }, [() => new WcProposalEvent(proposal)], 'proposal'),
    failed: (error, expired) => this.#endConnect(error, expired ? [() => new WcProposalExpireEvent(expired)] : []),
    signedIn: (struct) => this.#onSessionConnect(struct),
  };

  /** Closes the open proposal; `connect()` rejects with `cancelled`. */
  cancel(): void {
    this.#endConnect(cancelledError());
  }

  /** Ends the open connect with an error: rejects it, clears the proposal, reports unless cancelled. */
  #endConnect(reason: WcError, extra: EventFactory[] = []): void {
    const flow = this.#connect;
    if (!flow) return;
    const error = toWcError(reason, flow.operation);
    this.#connect = null;
    flow.finish(error, this.#ready?.client ?? null);
    const quiet = error.code === 'cancelled' || error.code === 'disposed';
    const announce = quiet ? [] : this.#errorEvent(error, flow.operation);
    this.#commit({ proposal: null, ...(quiet ? {} : { lastError: error }) }, [...extra, ...announce], error.code);
  }

  async request<T = unknown>(options: RequestOptions): Promise<T> {
    return this.#run('request', async () => {
      checkRequestOptions(options);
      const { client } = await this.#start('request');
      const session = this.#sessions.sessionFor(options.topic ?? this.#state.activeTopic, 'request');
      const { chainId, method } = requestTarget(session, options);
      assertOnline('request');
      const what = { topic: session.topic, chainId, method, params: options.params ?? [], expirySeconds: options.expiry ?? 300 };
      return this.#requests.follow(what, options.signal, (request) =>
        client.request<T>({ topic: session.topic, chainId, request, expiry: what.expirySeconds }),
      );
    });
  }

  async extend(topic?: string): Promise<SessionView> {
    return this.#onSession('extend', topic, async (client, t) => {
      const { acknowledged } = await client.extend({ topic: t });
      await acknowledged(); // lazy like approval(): call it at once
      const struct = client.session.keys.includes(t) ? client.session.get(t) : undefined;
      this.#updateSession(t, { status: 'active', lastError: null }, 'extend', { struct });
      return this.#sessions.sessionFor(t, 'extend');
    });
  }

  async ping(topic?: string): Promise<number> {
    return this.#onSession('ping', topic, async (client, t) => {
      const started = performance.now();
      await client.ping({ topic: t });
      const ms = Math.round(performance.now() - started);
      this.#updateSession(t, { status: 'active', lastPingMs: ms, lastError: null }, 'ping');
      return ms;
    });
  }

  /** Ends a session (the active one by default). The SDK tells only the peer, so state is updated here. */
  async disconnect(topic?: string): Promise<void> {
    return this.#onSession('disconnect', topic, async (client, t) => {
      await client.disconnect({ topic: t, reason: getSdkError('USER_DISCONNECTED') }).catch((error: unknown) => {
        // When the SDK removed it locally although telling the peer failed, it is gone for us too.
        if (client.session.keys.includes(t)) throw error;
      });
      this.#removeSession(t, 'disconnect');
    });
  }

  select(topic: string): void {
    checkTopic('select', topic, false, this.#refuse);
    if (!this.#sessions.has(topic))
      return this.#fail(new WcError('no-session', `No session with topic ${String(topic).slice(0, 16)}…`, { operation: 'select' }), 'select');
    if (this.#state.activeTopic === topic) return;
    this.#commit({ activeTopic: topic }, [(s) => new WcSessionChangeEvent({ sessions: s.sessions, reason: 'select', topic })], 'select');
  }

  /** Waits for init; the Ready value it hands over, or `disposed`. */
  async #start(operation: WcOperation): Promise<Ready> {
    if (this.#phase === 'disposed') throw disposedError(operation);
    await this.init();
    if (!this.#ready) throw disposedError(operation);
    return this.#ready;
  }

  /** An operation on one session (the active one by default): shows `status` meanwhile, records a failure on it. */
  #onSession<T>(operation: SessionOperation, topic: string | undefined, body: (client: ISignClient, topic: string) => Promise<T>): Promise<T> {
    const { status, fallback } = SESSION_OPERATIONS[operation];
    return this.#run(operation, async () => {
      checkTopic(operation, topic, true);
      const { client } = await this.#start(operation);
      const session = this.#sessions.sessionFor(topic ?? this.#state.activeTopic, operation);
      if (operation !== 'disconnect') assertOnline(operation); // disconnect has always gone to the SDK regardless
      this.#updateSession(session.topic, { status }, 'status');
      try {
        return await body(client, session.topic);
      } catch (error) {
        const wc = toWcError(error, operation, fallback);
        this.#updateSession(session.topic, { status: 'active', lastError: wc }, 'status');
        throw wc;
      }
    });
  }

  /** Runs an operation: any failure becomes a WcError that rejects, lands in state and is announced once. */
  async #run<T>(operation: WcOperation, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      const wc = toWcError(error, operation);
      if (wc.code !== 'cancelled' && wc.code !== 'disposed') this.#fail(wc, operation);
      throw wc;
    }
  }

  // ---------------------------------------------------------------- what the SDK tells

  #sdkHandlers(): SdkHandlers {
    return {
      knows: (topic) => this.#sessions.has(topic),
      invalidPeerData: (topic, error) => this.#onInvalidPeerData(topic, error),
      sessionConnect: (struct) => this.#onSessionConnect(struct),
      sessionUpdate: (topic, struct, namespaces) => this.#updateSession(topic, { namespaces }, 'update', { struct }),
      sessionExtend: (topic, struct) => this.#updateSession(topic, {}, 'extend', { struct }),
      sessionEvent: (topic, event) => this.#updateSession(topic, {}, 'event', { events: [() => new WcSessionEventEvent({ topic, ...event })] }),
      sessionEnded: (topic, reason) => this.#removeSession(topic, reason),
      requestSent: (request, id) => this.#requests.sent(request, id),
      proposalExpired: (id) => this.#connect?.expire(id),
      relay: (relay) => {
        if (relay === 'connected') this.#relayWasUp = true;
        if (this.#state.relay !== relay) this.#commit({ relay }, [], 'relay');
      },
      pairingsChanged: () => {
        const pairings = this.#pairingViews();
        if (pairings !== this.#state.pairings) this.#commit({ pairings }, [(s) => new WcPairingChangeEvent({ pairings: s.pairings })], 'pairing');
      },
      historyUpdated: (record) => this.#settled(this.#requests.answer(record)),
      failed: (error) => this.#fail(toWcError(error, 'peer', 'unknown'), 'peer'),
    };
  }

  #onSessionConnect(struct: SessionTypes.Struct): void {
    const flow = this.#connect?.pairingTopic === struct.pairingTopic ? this.#connect : null;
    const requested = flow?.requested ?? this.#requested.get(struct.topic)?.requested ?? null;
    const admission = admit(struct, requested, this.#ready?.options.onRequiredUnmet ?? 'report');
    if (!admission.kept) {
      // It never enters state: the wallet is told, and the connect (when it is ours) fails.
      void this.#ready?.client.disconnect({ topic: struct.topic, reason: getSdkError('USER_DISCONNECTED') }).catch(() => {});
      return flow ? this.#endConnect(admission.error) : this.#fail(admission.error, admission.operation);
    }
    const { unmet } = admission;
    const now = Date.now();
    if (requested) this.#requested.remember(struct.topic, requested, now);
    const view = this.#sessions.add(struct, admission.namespaces, requested, unmet, now);
    if (flow) {
      this.#connect = null;
      flow.finish(view, null);
    }
    this.#commit(
      { activeTopic: struct.topic, proposal: flow ? null : this.#state.proposal, pairings: this.#pairingViews(), ...(unmet ? { lastError: unmet } : {}) },
      [
        (s) => new WcSessionChangeEvent({ sessions: s.sessions, reason: 'connect', topic: struct.topic }),
        ...(unmet ? this.#errorEvent(unmet, 'connect') : []),
        (s) => new WcPairingChangeEvent({ pairings: s.pairings }),
      ],
      'connect',
    );
  }

  /** Malformed peer data was refused: reported on its session, when the controller knows it. */
  #onInvalidPeerData(topic: string, error: WcError): void {
    if (!this.#sessions.has(topic)) return this.#fail(error, 'peer');
    this.#updateSession(topic, { lastError: error }, 'update', { events: this.#errorEvent(error, 'peer'), lastError: error });
  }

  // ---------------------------------------------------------------- sessions and requests, committed

  /**
   * Replaces one session's view (others keep their identity) and commits: a new struct from the SDK,
   * events to fire after wc-session-change (none for 'status': an operation under way), a lastError.
   */
  #updateSession(topic: string, patch: Partial<SessionMeta>, reason: SessionChangeReason, change: SessionChange = {}): void {
    if (!this.#sessions.update(topic, patch, change.struct)) return;
    const announce: EventFactory[] = reason === 'status' ? [] : [(s) => new WcSessionChangeEvent({ sessions: s.sessions, reason, topic })];
    this.#commit(change.lastError ? { lastError: change.lastError } : {}, [...announce, ...(change.events ?? [])], reason);
  }

  #removeSession(topic: string, reason: SessionChangeReason): void {
    if (!this.#sessions.remove(topic)) return;
    this.#requested.forget(topic);
    const rejected = this.#requests.rejectAllFor(topic);
    const activeTopic = this.#state.activeTopic === topic ? this.#sessions.latest() : this.#state.activeTopic;
    this.#commit(
      { activeTopic, pairings: this.#pairingViews() },
      [
        (s) => new WcSessionChangeEvent({ sessions: s.sessions, reason, topic }),
        (s) => new WcPairingChangeEvent({ pairings: s.pairings }),
        ...this.#requestEvents(rejected),
      ],
      reason,
    );
  }

  /** Commits a finished request (no-op for null): its wc-request, and a failure's lastError and wc-error. */
  #settled(done: RequestView | null): void {
    if (!done) return;
    const failed = done.error && done.error.code !== 'cancelled' ? done.error : null;
    this.#commit(failed ? { lastError: failed } : {}, this.#requestEvents([done]), 'request');
  }

  #requestEvents(done: readonly RequestView[]): EventFactory[] {
    return done.flatMap((view) => [
      () => new WcRequestEvent(view),
      ...(view.error && view.error.code !== 'cancelled' ? this.#errorEvent(view.error, 'request') : []),
    ]);
  }

  readonly #pairingViews = (): readonly PairingView[] => pairingViewsOf(this.#ready?.client ?? null, this.#state.pairings);
}

// Typed listeners: `controller.addEventListener('wc-session-change', (e) => e.detail.sessions)`.
export interface SessionController {
  addEventListener: ControllerEventTarget<SessionController>['addEventListener'];
  removeEventListener: ControllerEventTarget<SessionController>['removeEventListener'];
}
