import type { ISignClient, SignClientTypes } from '@walletconnect/types';
import { getSdkError } from '@walletconnect/utils';
import { WcError, type WcOperation } from '../errors.js';
import { WcErrorEvent, WcPairingChangeEvent, WcProposalEvent, WcProposalExpireEvent, WcReadyEvent, WcRelayChangeEvent, WcRequestEvent } from '../events.js';
import { WcSessionChangeEvent, WcStateChangeEvent, WcStatusChangeEvent, type ControllerEventTarget } from '../events.js';
import { guardRelay, relayRefusedError, type RelayGuard } from '../internal/relay-guard.js';
import { toWcError } from '../internal/sdk-errors.js';
import { disableSdkDeepLinks, guardPeerEvents, guardPeerUpdates, guardUnawaitedDisconnect, patchVerify } from '../internal/sdk-patches.js';
import type { NamespaceRequest, PairingView, SessionState, SessionView } from '../types.js';
import type { AuthenticateParams, AuthResult, ConnectOptions, RequestOptions, SessionControllerApi } from './api.js';
import { checkAuthenticateParams } from './auth-check.js';
import { SignInStore } from './auth-store.js';
import { AuthFlow } from './auth-flow.js';
import { assertOnline, checkConnectOptions, checkRequestOptions, checkTopic, disposedError } from './guards.js';
import { resolveOptions, type ResolvedOptions, type SessionControllerOptions } from './options.js';
import { OwnedClient, type OpenedClient } from './owned-client.js';
import { cancelledError, ProposalFlow, reportInterrupted, requestedFrom, type ProposalHooks } from './proposal-flow.js';
import { RequestTracker, requestTarget } from './request-tracker.js';
import { RequestedStore } from './requested-store.js';
import { invalidPeerData, listenTo } from './sdk-events.js';
import { onInvalidPeerData, onSessionConnect, removeSession, sdkHandlers, settled, updateSession, type ChangeHost } from './session-changes.js';
import { onSignedIn, restoreSessions } from './session-changes.js';
import { SessionStore } from './session-store.js';
import { dispatchAll, INITIAL_STATE, SESSION_OPERATIONS, statusOf, withHistory, type Draft, type EventFactory, type Phase } from './snapshot.js';
import type { Ready, SessionOperation } from './snapshot.js';
import { TabLink, type TabHost, type TabOperation } from './tab-link.js';
import { pairingViewsOf } from './views.js';

export type { SessionControllerOptions } from './options.js';

/**
 * The one owner of WalletConnect state on a page: wraps a real SignClient (dApp role), absorbs its
 * quirks, and announces every change as a frozen snapshot plus typed `wc-*` events. Imports no Lit.
 * The concepts live in their own modules (owned-client, proposal-flow, request-tracker,
 * session-store, requested-store, auth-store, sdk-events, session-changes); only `#commit` here writes state and dispatches (in a
 * follower tab, tab-link's `adopt`: the leading tab's state and events, README "Multiple tabs").
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
  readonly #signIns = new SignInStore((error) => this.#fail(error, 'storage'));
  readonly #requests = new RequestTracker({
    tracked: (view) => this.#commit({}, [() => new WcRequestEvent(view)], 'request'),
    settled: (done) => settled(this.#changes, done),
  });
  #connect: ProposalFlow | null = null;
  #relayWasUp = false;
  #unlisten: (() => void) | null = null;
  #relayGuard: RelayGuard | null = null;
  #link: TabLink | null = null; // tabs of one origin (tab-link.ts): null when off or before init
  /** Errors already announced: each goes out in one wc-error, however many callers see it. */
  readonly #reported = new WeakSet<WcError>();
  /** Reports an error under its own operation: a bad argument of a synchronous method (which then throws it), an interrupted connect. */
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
    return this.#link?.following ? this.#state.sessions.find((s) => s.topic === topic) : this.#sessions.get(topic);
  }

  // ---------------------------------------------------------------- the one writer

  /**
   * The one place state changes: builds the next frozen snapshot from the stores, replaces it, then
   * dispatches `wc-state-change`, derived status/relay events and the given events.
   */
  #commit(patch: Partial<Draft>, events: EventFactory[], cause: string): void {
    const prev = this.#state;
    // A follower tab's stores stay empty: its sessions, requests and status are the leader's, adopted.
    const follower = this.#link?.following === true;
    const stores = follower ? {} : { sessions: this.#sessions.list, pendingRequests: this.#requests.pending, recentRequests: this.#requests.recent };
    const draft: Draft = { ...prev, ...patch, ...stores };
    if (!follower && draft.activeTopic && !this.#sessions.has(draft.activeTopic)) draft.activeTopic = null;
    draft.status = follower && this.#phase === 'ready' ? prev.status : statusOf(this.#phase, draft, this.#relayWasUp, this.#connect !== null);
    const before: EventFactory[] = [];
    if (draft.status !== prev.status) {
      draft.history = withHistory(prev.history, draft.status);
      before.push(() => new WcStatusChangeEvent({ status: draft.status, previous: prev.status }));
    }
    if (draft.relay !== prev.relay) before.push((s) => new WcRelayChangeEvent({ relay: s.relay }));
    const next = Object.freeze(draft) as SessionState;
    this.#state = next;
    const dispatched = [new WcStateChangeEvent({ state: next, cause }), ...[...before, ...events].map((make) => make(next))];
    // Published before dispatching: a commit a page listener makes meanwhile reaches the followers after this one.
    if (this.#phase !== 'disposed' && !follower) this.#link?.publish(next, cause, dispatched);
    dispatchAll(this, dispatched);
  }

  /** tab-link's handle: `adopt` is a follower's #commit; `promoted`: the leading tab went, this one opens the client from storage. */
  readonly #tabHost: TabHost = {
    current: () => this.#state,
    api: this,
    adopt: (state, events) => {
      this.#state = state;
      dispatchAll(this, events);
    },
    promoted: () => void (this.#initPromise = this.#guardInit(this.#open(this.#resolved!))),
  };

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
    return (this.#initPromise ??= this.#guardInit(this.#init()));
  }

  #guardInit(init: Promise<void>): Promise<void> {
    return init.catch((error: unknown) => {
      this.#initPromise = null;
      if (this.#phase === 'disposed') throw disposedError('init');
      const wc = toWcError(error, 'init', 'init-failed');
      this.#phase = 'error';
      this.#fail(wc, 'init');
      throw wc;
    });
  }

  async #init(): Promise<void> {
    this.#phase = 'initializing';
    this.#commit({ lastError: null }, [], 'init');
    const options = (this.#resolved = resolveOptions(this.#options));
    if (!options.client) this.#owned = OwnedClient.claim(options.storagePrefix);
    // A follower tab opens no client: init is done once the leader's state has arrived.
    if ((await (this.#link ??= TabLink.for(options, this.#tabHost))?.join()) === 'follower') return void (this.#phase = 'ready');
    return this.#open(options);
  }

  /** Opens (or adopts) the client and restores from storage: init, or a follower tab taking over as the leader. */
  async #open(options: ResolvedOptions): Promise<void> {
    const opened: OpenedClient = options.client
      ? { client: options.client, persistent: true, dropped: null }
      : await this.#owned!.open(options, (error) => this.#fail(error, 'storage', { persistent: false }));
    if ((this.#phase as Phase) === 'disposed') throw disposedError('init');
    const { client } = opened;
    this.#ready = { client, options };
    patchVerify(client, options.verify);
    guardPeerUpdates(client, (error, topic) => onInvalidPeerData(this.#changes, topic, invalidPeerData(error)));
    guardPeerEvents(client, (error) => this.#fail(error, 'peer'));
    disableSdkDeepLinks(client);
    guardUnawaitedDisconnect(client);
    this.#unlisten = listenTo(client, sdkHandlers(this.#changes));
    // A refusing relay (4001) is fatal: it ends an open connect, else it is reported on its own.
    this.#relayGuard = guardRelay(client, () =>
      this.#connect ? this.#endConnect(relayRefusedError('connect')) : this.#fail(relayRefusedError('relay'), 'relay'),
    );
    if (opened.dropped) this.#fail(opened.dropped, 'restore');
    await Promise.all([restoreSessions(this.#changes, client, options.storagePrefix), reportInterrupted(client, options, this.#refuse)]);
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
    this.#link?.lead();
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
    for (const store of [this.#requested, this.#signIns]) store.detach();
    this.#ready = null;
    await this.#owned?.close();
    this.#owned = null;
    void wasInitializing?.catch(() => {});
    this.#commit({ proposal: null }, [], 'dispose');
    this.#link?.dispose(); // after the client closed: the next leader never opens storage this one still writes
  }

  // ---------------------------------------------------------------- operations

  /**
   * Proposes a session. The `wc:` URI arrives first in `state.proposal` and a `wc-proposal` event;
   * the promise resolves with the approved session. Required items the wallet did not grant are
   * listed in `session.unmet` and reported as `required-unmet` (or, with
   * `onRequiredUnmet: 'disconnect'`, the session is dropped and the promise rejects).
   */
  async connect(options: ConnectOptions = {}): Promise<SessionView> {
    return this.#run(
      'connect',
      [options],
      () => checkConnectOptions(options),
      async () => {
        const { client, options: resolved } = await this.#start('connect');
        this.#assertIdle('connect');
        const requested = requestedFrom(client, options, resolved.defaultNamespaces);
        return this.#propose(new ProposalFlow(requested, options, this.#proposalHooks, () => this.cancel()), client, options, resolved);
      },
    );
  }

  /** One-Click Auth (SIWE, `AuthFlow`): shown, cancelled and expired like a connect; resolves once the sign-in is verified. */
  async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    return this.#run(
      'authenticate',
      [params],
      () => checkAuthenticateParams(params),
      async () => {
        const { client, options } = await this.#start('authenticate');
        this.#assertIdle('authenticate');
        const flow = new AuthFlow(params, options, this.#proposalHooks, () => this.cancel());
        return onSignedIn(this.#changes, await flow.complete(await this.#propose(flow, client, {}, options), this));
      },
    );
  }

  #assertIdle(operation: WcOperation): void {
    if (this.#connect) throw new WcError('busy', 'A connection proposal is already open; cancel it first', { operation });
  }

  /** Opens a connect or sign-in proposal: one at a time, shown in `state.proposal`. */
  #propose(flow: ProposalFlow, client: ISignClient, options: ConnectOptions, resolved: ResolvedOptions): Promise<SessionView> {
    assertOnline(flow.operation);
    this.#relayGuard?.rearm();
    this.#connect = flow;
    this.#commit({ lastError: null }, [], flow.operation);
    void flow.propose(client, options, resolved, (topic) => this.#state.pairings.find((p) => p.topic === topic)?.peer ?? null);
    return flow.promise;
  }

  readonly #proposalHooks: ProposalHooks = {
    // A flow calls these only while it is open, that is while it is `#connect`.
    proposed: (proposal) => this.#commit({ proposal, pairings: this.#pairingViews() }, [() => new WcProposalEvent(proposal)], 'proposal'),
    failed: (error, expired) => this.#endConnect(error, expired ? [() => new WcProposalExpireEvent(expired)] : []),
    signedIn: (struct) => onSessionConnect(this.#changes, struct),
  };

  /** Closes the open proposal; `connect()` rejects with `cancelled`. */
  cancel(): void {
    if (this.#link?.following) return this.#link.send('cancel', []);
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
    return this.#run(
      'request',
      [options],
      () => checkRequestOptions(options),
      async () => {
        const { client } = await this.#start('request');
        const session = this.#sessions.sessionFor(options.topic ?? this.#state.activeTopic, 'request');
        const { chainId, method } = requestTarget(session, options);
        assertOnline('request');
        const what = { topic: session.topic, chainId, method, params: options.params ?? [], expirySeconds: options.expiry ?? 300 };
        return this.#requests.follow(what, options.signal, (request) =>
          client.request<T>({ topic: session.topic, chainId, request, expiry: what.expirySeconds }),
        );
      },
    );
  }

  async extend(topic?: string): Promise<SessionView> {
    return this.#onSession('extend', topic, async (client, t) => {
      const { acknowledged } = await client.extend({ topic: t });
      await acknowledged(); // lazy like approval(): call it at once
      const struct = client.session.keys.includes(t) ? client.session.get(t) : undefined;
      updateSession(this.#changes, t, { status: 'active', lastError: null }, 'extend', { struct });
      return this.#sessions.sessionFor(t, 'extend');
    });
  }

  async ping(topic?: string): Promise<number> {
    return this.#onSession('ping', topic, async (client, t) => {
      const started = performance.now();
      await client.ping({ topic: t });
      const ms = Math.round(performance.now() - started);
      updateSession(this.#changes, t, { status: 'active', lastPingMs: ms, lastError: null }, 'ping');
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
      removeSession(this.#changes, t, 'disconnect');
    });
  }

  select(topic: string): void {
    checkTopic('select', topic, false, this.#refuse);
    if (this.#link?.following) return this.#link.send('select', [topic]);
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
    return this.#run(
      operation,
      [topic],
      () => checkTopic(operation, topic, true),
      async () => {
        const { client } = await this.#start(operation);
        const session = this.#sessions.sessionFor(topic ?? this.#state.activeTopic, operation);
        if (operation !== 'disconnect') assertOnline(operation); // disconnect has always gone to the SDK regardless
        updateSession(this.#changes, session.topic, { status }, 'status');
        try {
          return await body(client, session.topic);
        } catch (error) {
          const wc = toWcError(error, operation, fallback);
          updateSession(this.#changes, session.topic, { status: 'active', lastError: wc }, 'status');
          throw wc;
        }
      },
    );
  }

  /**
   * Runs an operation: any failure becomes a WcError that rejects, lands in state and is announced once.
   * `check` refuses bad arguments first, in a follower tab too; a follower then forwards the call (the leader checks again).
   */
  async #run<T>(operation: WcOperation & TabOperation, args: readonly unknown[], check: () => void, body: () => Promise<T>): Promise<T> {
    try {
      check();
      if (this.#phase !== 'disposed') await this.init(); // then this tab knows whether it follows
      if (this.#link?.following) return await this.#link.call<T>(operation, args);
      return await body();
    } catch (error) {
      const wc = toWcError(error, operation);
      // A forwarded call's error was reported already, by the leader or by the link.
      if (wc.code !== 'cancelled' && wc.code !== 'disposed' && !this.#link?.forwarded(error)) this.#fail(wc, operation);
      throw wc;
    }
  }

  // ---------------------------------------------------------------- sessions and requests, committed

  readonly #pairingViews = (): readonly PairingView[] => pairingViewsOf(this.#ready?.client ?? null, this.#state.pairings);

  /** What session-changes.ts acts on: the stores and the committing steps above. */
  readonly #changes: ChangeHost = {
    sessions: this.#sessions,
    requested: this.#requested,
    signIns: this.#signIns,
    requests: this.#requests,
    state: () => this.#state,
    ready: () => this.#ready,
    connecting: () => this.#connect,
    connected: () => void (this.#connect = null),
    commit: (patch, events, cause) => this.#commit(patch, events, cause),
    fail: (error, operation) => this.#fail(error, operation),
    errorEvent: (error, operation) => this.#errorEvent(error, operation),
    endConnect: (error) => this.#endConnect(error),
    pairingViews: () => this.#pairingViews(),
    relayUp: () => void (this.#relayWasUp = true),
  };
}

// Typed listeners: `controller.addEventListener('wc-session-change', (e) => e.detail.sessions)`.
export interface SessionController {
  addEventListener: ControllerEventTarget<SessionController>['addEventListener'];
  removeEventListener: ControllerEventTarget<SessionController>['removeEventListener'];
}
