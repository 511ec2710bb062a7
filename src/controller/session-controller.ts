import { SignClient } from '@walletconnect/sign-client';
import { KeyValueStorage } from '@walletconnect/keyvaluestorage';
import type { IKeyValueStorage } from '@walletconnect/keyvaluestorage';
import type { ISignClient, SessionTypes, SignClientTypes } from '@walletconnect/types';
import { getSdkError, mergeRequiredAndOptionalNamespaces, parseUri } from '@walletconnect/utils';
import { isCaip2, isNothingMissing, methodsFor, missingFrom, NOTHING_MISSING, validateRequestedNamespaces, validateSessionNamespaces } from '../caip.js';
import { WcError, type WcErrorCode, type WcOperation } from '../errors.js';
import {
  WcErrorEvent,
  WcPairingChangeEvent,
  WcProposalEvent,
  WcProposalExpireEvent,
  WcReadyEvent,
  WcRelayChangeEvent,
  WcRequestEvent,
  WcSessionChangeEvent,
  WcSessionEventEvent,
  WcStateChangeEvent,
  WcStatusChangeEvent,
  type ControllerEventTarget,
} from '../events.js';
import { MemoryStorage } from '../internal/memory-storage.js';
import { encodeRequired, REQUIRED_PROPERTY } from '../internal/required-property.js';
import { toWcError } from '../internal/sdk-errors.js';
import { claimPrefix, closeClient, forgetGlobalCore, guardPeerUpdates, patchVerify, releasePrefix } from '../internal/sdk-patches.js';
import { guardStorage, type DroppedRecords } from '../internal/storage-guard.js';
import type {
  ControllerStatus,
  NamespaceRequest,
  PairingView,
  ProposalView,
  RelayStatus,
  RequestView,
  SessionChangeReason,
  SessionState,
  SessionView,
  StatusChange,
} from '../types.js';
import type { ConnectOptions, RequestOptions, SessionControllerApi } from './api.js';
import { resolveOptions, type ResolvedOptions, type SessionControllerOptions } from './options.js';
import { buildPairingView, buildSessionView, copyMetadata, samePairings, type SessionMeta } from './views.js';

export type { SessionControllerOptions } from './options.js';

const HISTORY_LIMIT = 50;
const RECENT_REQUESTS_LIMIT = 20;
/** Where the controller keeps what each session was asked for (the SDK forgets required items). */
const REQUESTED_KEY = 'wc-elements//requested';

type Phase = 'idle' | 'initializing' | 'ready' | 'error' | 'disposed';
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type EventFactory = (state: SessionState) => Event;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Node-style emitters of the SDK
type Emitter = { on(event: string, listener: (...args: any[]) => void): unknown; off(event: string, listener: (...args: any[]) => void): unknown };

interface PendingConnect {
  readonly call: number;
  readonly requested: NamespaceRequest;
  readonly resolve: (session: SessionView) => void;
  readonly reject: (error: WcError) => void;
  pairingTopic: string | null;
  proposalId: number | null;
  timer: ReturnType<typeof setTimeout> | null;
  detachSignal: (() => void) | null;
}

interface StoredRequested {
  readonly requested: NamespaceRequest;
  readonly createdAt: number;
}

const INITIAL_STATE: SessionState = Object.freeze({
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

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: WcError) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function withTimeout<T>(promise: Promise<T>, ms: number, code: WcErrorCode, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new WcError(code, message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The one owner of WalletConnect state on a page: wraps a real SignClient (dApp role), absorbs its
 * quirks, and announces every change as a frozen snapshot plus typed `wc-*` events. Imports no Lit.
 *
 * @fires wc-state-change - every snapshot replacement
 * @fires wc-ready - init finished
 * @fires wc-status-change - `state.status` changed
 * @fires wc-relay-change - relay socket connected / disconnected
 * @fires wc-session-change - sessions added, updated or removed
 * @fires wc-pairing-change - pairings changed
 * @fires wc-proposal - a `wc:` URI (or a proposal over an existing pairing) is ready
 * @fires wc-proposal-expire - the open proposal expired
 * @fires wc-session-event - the wallet emitted an event (chainChanged, accountsChanged, …)
 * @fires wc-request - a request changed: pending, resolved, rejected or expired
 * @fires wc-error - an operation failed
 */
export class SessionController extends EventTarget implements SessionControllerApi {
  readonly #options: SessionControllerOptions;
  #resolved: ResolvedOptions | null = null;
  #client: ISignClient | null = null;
  #ownsClient = false;
  #claimedPrefix: string | null = null;
  #state: SessionState = INITIAL_STATE;
  #phase: Phase = 'idle';
  #initPromise: Promise<void> | null = null;
  #structs = new Map<string, SessionTypes.Struct>();
  #meta = new Map<string, SessionMeta>();
  #views = new Map<string, SessionView>();
  #requested: Record<string, StoredRequested> = {};
  #connectCall = 0;
  #connect: PendingConnect | null = null;
  #requests = new Map<number, RequestView>();
  #recent: RequestView[] = [];
  #inflight = new WeakMap<object, (id: number) => void>();
  #requestTimers = new Map<number, ReturnType<typeof setTimeout>>();
  #relayWasUp = false;
  #expiring = new Set<string>();
  #sdkListeners: Array<() => void> = [];
  /** Errors already announced: each goes out in one wc-error, however many callers see it. */
  #reported = new WeakSet<WcError>();

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
    return this.#client;
  }
  get defaultNamespaces(): NamespaceRequest | null {
    return this.#resolved?.defaultNamespaces ?? null;
  }
  get metadata(): SignClientTypes.Metadata {
    return this.#resolved?.metadata ?? this.#client?.metadata ?? { name: '', description: '', url: '', icons: [] };
  }
  getSession(topic: string): SessionView | undefined {
    return this.#views.get(topic);
  }

  // ---------------------------------------------------------------- init / dispose

  /** Creates (or adopts) the SignClient and restores sessions. Idempotent; retried after a failure. */
  init(): Promise<void> {
    if (this.#phase === 'disposed') return Promise.reject(this.#disposedError('init'));
    this.#initPromise ??= this.#init().catch((error: unknown) => {
      this.#initPromise = null;
      if (this.#phase === 'disposed') throw this.#disposedError('init');
      const wc = toWcError(error, 'init', 'init-failed');
      this.#phase = 'error';
      this.#report(wc, 'init');
      throw wc;
    });
    return this.#initPromise;
  }

  async #init(): Promise<void> {
    this.#phase = 'initializing';
    this.#commit({ lastError: null }, [], 'init');
    const opts = resolveOptions(this.#options);
    this.#resolved = opts;
    let persistent = true;
    const dropped: DroppedRecords[] = [];
    let client: ISignClient;
    if (opts.client) {
      client = opts.client;
    } else {
      if (!claimPrefix(opts.storagePrefix)) {
        throw new WcError('invalid-option', `storagePrefix "${opts.storagePrefix}" is already used by another controller on this page; give each its own`, {
          operation: 'init',
          data: { option: 'storagePrefix' },
        });
      }
      this.#claimedPrefix = opts.storagePrefix;
      this.#ownsClient = true;
      const storage = guardStorage(opts.storage ?? new KeyValueStorage(), (info) => dropped.push(info));
      try {
        client = await this.#createClient(opts, storage);
      } catch (error) {
        // Broken persistent storage (IndexedDB that never opens, records that always throw): run on
        // memory so the page works, and say sessions will not persist.
        forgetGlobalCore(opts.storagePrefix);
        persistent = false;
        this.#report(
          new WcError('storage-unavailable', 'Persistent storage failed; sessions will not persist across reloads', {
            cause: error,
            operation: 'storage',
          }),
          'storage',
        );
        client = await this.#createClient(opts, new MemoryStorage());
      }
    }
    if ((this.#phase as Phase) === 'disposed') {
      if (this.#ownsClient) {
        await closeClient(client);
        forgetGlobalCore(opts.storagePrefix, client.core);
      }
      throw this.#disposedError('init');
    }
    this.#client = client;
    patchVerify(client, opts.verify);
    guardPeerUpdates(client, (error, topic) => this.#onInvalidPeerData(error, topic, 'peer'));
    this.#listen(client);
    if (dropped.length) {
      const count = dropped.reduce((n, d) => n + d.dropped, 0);
      this.#report(
        new WcError('storage-corrupt', `${count} stored record(s) could not be read and were dropped`, { operation: 'restore', data: dropped }),
        'restore',
      );
    }
    await this.#loadRequested();
    const activeTopic = this.#restore();
    this.#phase = 'ready';
    this.#commit({ persistent, activeTopic, pairings: this.#pairingViews(), relay: client.core.relayer.connected ? 'connected' : 'disconnected' }, [
      (s) => new WcSessionChangeEvent({ sessions: s.sessions, reason: 'restore', topic: null }),
      (s) => new WcPairingChangeEvent({ pairings: s.pairings }),
      (s) => new WcReadyEvent({ state: s }),
    ], 'ready');
  }

  async #createClient(opts: ResolvedOptions, storage: IKeyValueStorage): Promise<ISignClient> {
    const init = SignClient.init({
      projectId: opts.projectId,
      relayUrl: opts.relayUrl,
      // A mutable copy: the SDK writes to it.
      metadata: { ...opts.metadata, icons: [...opts.metadata.icons] },
      customStoragePrefix: opts.storagePrefix,
      storage,
      telemetryEnabled: opts.telemetry,
      logger: opts.logLevel,
    });
    // A late settle of a timed-out init must not surface as an unhandled rejection.
    init.catch(() => {});
    return withTimeout(init, opts.initTimeout, 'init-timeout', `SignClient.init did not finish within ${opts.initTimeout} ms`);
  }

  /** Stops listening, rejects what is open, and (for a client it made) closes the socket. */
  async dispose(): Promise<void> {
    if (this.#phase === 'disposed') return;
    const wasInitializing = this.#initPromise;
    this.#phase = 'disposed';
    this.#settleConnect(this.#disposedError('connect'));
    for (const off of this.#sdkListeners) off();
    this.#sdkListeners = [];
    for (const t of this.#requestTimers.values()) clearTimeout(t);
    this.#requestTimers.clear();
    const client = this.#client;
    this.#client = null;
    if (client && this.#ownsClient) await closeClient(client);
    if (this.#claimedPrefix) {
      // Also when init is still running: its Core is cached under the prefix already.
      forgetGlobalCore(this.#claimedPrefix);
      releasePrefix(this.#claimedPrefix);
    }
    this.#claimedPrefix = null;
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
      const client = await this.#ready('connect');
      if (this.#connect) throw new WcError('busy', 'A connection proposal is already open; cancel it first', { operation: 'connect' });
      const requested = this.#requestedFrom(options);
      if (options.pairingTopic !== undefined) {
        const pairing = client.core.pairing.getPairings().find((p) => p.topic === options.pairingTopic);
        if (!pairing || !pairing.active) {
          throw new WcError('invalid-option', 'pairingTopic does not name an active pairing', { operation: 'connect', data: { option: 'pairingTopic' } });
        }
      }
      this.#assertOnline('connect');
      const call = ++this.#connectCall;
      const { promise, resolve, reject } = deferred<SessionView>();
      const pending: PendingConnect = { call, requested, resolve, reject, pairingTopic: options.pairingTopic ?? null, proposalId: null, timer: null, detachSignal: null };
      this.#connect = pending;
      if (options.signal) {
        if (options.signal.aborted) queueMicrotask(() => this.cancel());
        const onAbort = () => this.cancel();
        options.signal.addEventListener('abort', onAbort, { once: true });
        pending.detachSignal = () => options.signal?.removeEventListener('abort', onAbort);
      }
      this.#commit({ lastError: null }, [], 'connect');
      void this.#propose(client, pending, options);
      return promise;
    });
  }

  async #propose(client: ISignClient, pending: PendingConnect, options: ConnectOptions): Promise<void> {
    const current = () => this.#connect === pending;
    try {
      // Fold required into optional ourselves (what the SDK would do, minus its console warning)
      // and carry the required set as a session property a wallet can read.
      const required = encodeRequired(pending.requested.requiredNamespaces);
      const sessionProperties = { ...(options.sessionProperties ?? {}), ...(required ? { [REQUIRED_PROPERTY]: required } : {}) };
      const { uri, approval } = await client.connect({
        requiredNamespaces: {},
        optionalNamespaces: mergeRequiredAndOptionalNamespaces(
          pending.requested.requiredNamespaces as ProposalNamespaces,
          pending.requested.optionalNamespaces as ProposalNamespaces,
        ),
        ...(options.pairingTopic ? { pairingTopic: options.pairingTopic } : {}),
        ...(Object.keys(sessionProperties).length ? { sessionProperties } : {}),
      });
      // approval() is lazy: call it at once or a settle that arrives first is lost. The session
      // itself is taken from the client's session_connect event; only failures come from here.
      approval().catch((error: unknown) => {
        if (current()) this.#settleConnect(toWcError(error, 'connect', 'user-rejected'));
      });
      if (!current()) return;
      const pairingTopic = uri ? parseUri(uri).topic : options.pairingTopic!;
      pending.pairingTopic = pairingTopic;
      const sdkProposal = client.proposal.getAll().filter((p) => p.pairingTopic === pairingTopic).at(-1);
      pending.proposalId = sdkProposal?.id ?? null;
      // Exact milliseconds: flooring to whole seconds could shorten a short TTL to nothing.
      const sdkLeft = sdkProposal ? sdkProposal.expiryTimestamp * 1000 - Date.now() : Infinity;
      const left = Math.max(0, Math.min(this.#resolved!.proposalTtl * 1000, sdkLeft));
      const expiry = Math.round((Date.now() + left) / 1000);
      pending.timer = setTimeout(() => this.#expireProposal(pending), left);
      const pairing = this.#state.pairings.find((p) => p.topic === pairingTopic);
      const proposal: ProposalView = Object.freeze({
        uri: uri ?? '',
        pairingTopic,
        expiry,
        requested: pending.requested,
        reusedPairing: !uri,
        peer: pairing?.peer ?? null,
      });
      this.#commit({ proposal, pairings: this.#pairingViews() }, [(s) => new WcProposalEvent(s.proposal!)], 'proposal');
    } catch (error) {
      if (current()) this.#settleConnect(toWcError(error, 'connect', this.#client?.core.relayer.connected ? 'unknown' : 'relay-unreachable'));
    }
  }

  /** Closes the open proposal; `connect()` rejects with `cancelled`. */
  cancel(): void {
    if (!this.#connect) return;
    this.#settleConnect(new WcError('cancelled', 'The connection was cancelled', { operation: 'connect' }));
  }

  #expireProposal(pending: PendingConnect): void {
    if (this.#connect !== pending) return;
    const proposal = this.#state.proposal;
    this.#settleConnect(new WcError('proposal-expired', 'The wallet did not answer before the proposal expired', { operation: 'connect' }), [
      () => new WcProposalExpireEvent({ uri: proposal?.uri ?? '', pairingTopic: proposal?.pairingTopic ?? pending.pairingTopic ?? '' }),
    ]);
  }

  /** Ends the open connect: with a session (resolve) or an error (reject, reported unless cancelled). */
  #settleConnect(outcome: WcError | SessionView, extra: EventFactory[] = []): void {
    const pending = this.#connect;
    if (!pending) return;
    this.#connect = null;
    if (pending.timer) clearTimeout(pending.timer);
    pending.detachSignal?.();
    if (pending.proposalId !== null && outcome instanceof WcError) {
      // Forget the SDK's copy so it stops waiting for this proposal (it may be gone already).
      this.#client?.proposal.delete(pending.proposalId, getSdkError('USER_DISCONNECTED')).catch(() => {});
    }
    if (outcome instanceof WcError) {
      const quiet = outcome.code === 'cancelled' || outcome.code === 'disposed';
      this.#reported.add(outcome);
      this.#commit(
        { proposal: null, ...(quiet ? {} : { lastError: outcome }) },
        [...extra, ...(quiet ? [] : [() => new WcErrorEvent({ error: outcome, operation: 'connect' })])],
        outcome.code,
      );
      pending.reject(outcome);
    } else {
      pending.resolve(outcome);
    }
  }

  async request<T = unknown>(options: RequestOptions): Promise<T> {
    return this.#run('request', async () => {
      const client = await this.#ready('request');
      if (!options || typeof options !== 'object') throw new WcError('invalid-option', 'request() needs {chainId, method, params}', { operation: 'request' });
      const session = this.#sessionFor(options.topic, 'request');
      const { chainId, method } = options;
      if (!isCaip2(chainId)) throw new WcError('invalid-namespace', `chainId: ${JSON.stringify(String(chainId)).slice(0, 80)} is not a CAIP-2 chain id`, { operation: 'request' });
      if (!session.chains.includes(chainId)) {
        throw new WcError('unsupported-chain', `${chainId} is not part of the session with ${session.peer.metadata.name || 'the wallet'}`, { operation: 'request', data: { chainId } });
      }
      if (typeof method !== 'string' || !methodsFor(session.namespaces as SessionTypes.Namespaces, chainId).includes(method)) {
        throw new WcError('unsupported-method', `${String(method).slice(0, 80)} is not granted on ${chainId}`, { operation: 'request', data: { chainId, method } });
      }
      this.#assertOnline('request');
      const request = { method, params: options.params ?? [] };
      const expirySeconds = options.expiry ?? 300;
      const idKnown = new Promise<number>((resolve) => this.#inflight.set(request, resolve));
      const sdk = client.request<T>({ topic: session.topic, chainId, request, expiry: expirySeconds });
      sdk.catch(() => {}); // handled below, once the id is known
      const onAbort = deferred<never>();
      onAbort.promise.catch(() => {}); // an abort after the request settled must not surface
      const abort = () => onAbort.reject(new WcError('cancelled', 'The request was cancelled', { operation: 'request' }));
      options.signal?.addEventListener('abort', abort, { once: true });
      if (options.signal?.aborted) abort();
      try {
        return await this.#awaitRequest<T>(sdk, idKnown, onAbort.promise, { topic: session.topic, chainId, method, params: request.params, expirySeconds });
      } finally {
        options.signal?.removeEventListener('abort', abort);
      }
    });
  }

  /** Waits for the SDK request: tracks it in state once the SDK names its id, then settles it. */
  async #awaitRequest<T>(
    sdk: Promise<T>,
    idKnown: Promise<number>,
    aborted: Promise<never>,
    what: { topic: string; chainId: string; method: string; params: unknown; expirySeconds: number },
  ): Promise<T> {
    const id = await Promise.race([idKnown, sdk.then(() => -1, () => -1), aborted]);
    if (id === -1) {
      // Failed before it was sent (publish failure, offline).
      return await sdk;
    }
    this.#trackRequest(id, what.topic, what.chainId, what.method, what.params, nowSeconds() + what.expirySeconds);
    try {
      const result = await Promise.race([sdk, aborted]);
      this.#settleRequest(id, { status: 'resolved', result });
      return result;
    } catch (error) {
      // A wallet's answer is settled from history first; throw that same (already reported) error.
      const settled = this.#recent.find((r) => r.id === id)?.error;
      if (settled) throw settled;
      const expired = (this.#requests.get(id)?.expiry ?? Infinity) <= nowSeconds();
      const wc = toWcError(error, 'request', expired ? 'request-expired' : 'request-failed');
      this.#settleRequest(id, { status: wc.code === 'request-expired' ? 'expired' : 'rejected', error: wc });
      throw wc;
    }
  }

  async extend(topic?: string): Promise<SessionView> {
    return this.#run('extend', async () => {
      const client = await this.#ready('extend');
      const session = this.#sessionFor(topic, 'extend');
      this.#assertOnline('extend');
      this.#setSessionMeta(session.topic, { status: 'extending' }, 'status');
      try {
        const { acknowledged } = await client.extend({ topic: session.topic });
        // Like approval(), acknowledged() is lazy: call it at once.
        await acknowledged();
        this.#refreshStruct(session.topic);
        this.#setSessionMeta(session.topic, { status: 'active', lastError: null }, 'extend');
        return this.#views.get(session.topic)!;
      } catch (error) {
        throw this.#sessionFailed(session.topic, toWcError(error, 'extend', 'timeout'));
      }
    });
  }

  async ping(topic?: string): Promise<number> {
    return this.#run('ping', async () => {
      const client = await this.#ready('ping');
      const session = this.#sessionFor(topic, 'ping');
      this.#assertOnline('ping');
      this.#setSessionMeta(session.topic, { status: 'pinging' }, 'status');
      const started = performance.now();
      try {
        await client.ping({ topic: session.topic });
        const ms = Math.round(performance.now() - started);
        this.#setSessionMeta(session.topic, { status: 'active', lastPingMs: ms, lastError: null }, 'ping');
        return ms;
      } catch (error) {
        throw this.#sessionFailed(session.topic, toWcError(error, 'ping', 'timeout'));
      }
    });
  }

  /** Ends a session (the active one by default). The SDK tells only the peer, so state is updated here. */
  async disconnect(topic?: string): Promise<void> {
    return this.#run('disconnect', async () => {
      const client = await this.#ready('disconnect');
      const session = this.#sessionFor(topic, 'disconnect');
      this.#setSessionMeta(session.topic, { status: 'disconnecting' }, 'status');
      try {
        await client.disconnect({ topic: session.topic, reason: getSdkError('USER_DISCONNECTED') });
      } catch (error) {
        if (client.session.keys.includes(session.topic)) {
          throw this.#sessionFailed(session.topic, toWcError(error, 'disconnect', 'unknown'));
        }
        // The SDK removed it locally even though telling the peer failed: it is gone for us too.
      }
      this.#removeSession(session.topic, 'disconnect');
    });
  }

  select(topic: string): void {
    if (!this.#views.has(topic)) {
      this.#report(new WcError('no-session', `No session with topic ${String(topic).slice(0, 16)}…`, { operation: 'select' }), 'select');
      return;
    }
    if (this.#state.activeTopic === topic) return;
    this.#commit({ activeTopic: topic }, [(s) => new WcSessionChangeEvent({ sessions: s.sessions, reason: 'select', topic })], 'select');
  }

  // ---------------------------------------------------------------- SDK events

  #listen(client: ISignClient): void {
    const on = <E extends SignClientTypes.Event>(event: E, fn: (args: SignClientTypes.EventArguments[E]) => void) => {
      const safe = (args: SignClientTypes.EventArguments[E]) => {
        try {
          fn(args);
        } catch (error) {
          this.#report(toWcError(error, 'peer', 'unknown'), 'peer');
        }
      };
      client.events.on(event, safe);
      this.#sdkListeners.push(() => client.events.off(event, safe));
    };
    const onCore = (emitter: Emitter, event: string, fn: Parameters<Emitter["on"]>[1]) => {
      emitter.on(event, fn);
      this.#sdkListeners.push(() => emitter.off(event, fn));
    };
    on('session_connect', ({ session }) => this.#onSessionConnect(session));
    on('session_update', ({ topic }) => this.#onSessionUpdate(topic));
    on('session_extend', ({ topic }) => {
      if (!this.#views.has(topic)) return;
      this.#refreshStruct(topic);
      this.#setSessionMeta(topic, {}, 'extend');
    });
    on('session_event', ({ topic, params }) => this.#onSessionEvent(topic, params));
    // The SDK emits session_delete before session_expire when a session expires; tell them apart.
    on('session_delete', ({ topic }) => this.#removeSession(topic, this.#expiring.delete(topic) ? 'expire' : 'delete'));
    on('session_expire', ({ topic }) => this.#removeSession(topic, 'expire'));
    on('session_request_sent', ({ request, id }) => {
      this.#inflight.get(request)?.(id);
      this.#inflight.delete(request);
    });
    on('proposal_expire', ({ id }) => {
      if (this.#connect && this.#connect.proposalId === id) this.#expireProposal(this.#connect);
    });
    onCore(client.core.expirer, 'expirer_expired', (e: { target?: string }) => {
      if (typeof e?.target === 'string' && e.target.startsWith('topic:')) this.#expiring.add(e.target.slice(6));
    });
    onCore(client.core.relayer, 'relayer_connect', () => this.#onRelay('connected'));
    onCore(client.core.relayer, 'relayer_disconnect', () => this.#onRelay('disconnected'));
    const pairingChanged = () => this.#syncPairings();
    for (const e of ['pairing_create', 'pairing_delete', 'pairing_expire']) onCore(client.core.pairing.events, e, pairingChanged);
    // A response that arrives after a reload resolves the history record, though no promise waits.
    onCore(client.core.history.events, 'history_updated', ((record: { id: number; response?: { result?: unknown; error?: unknown } }) =>
      this.#onHistoryUpdated(record)));
  }

  #onRelay(relay: RelayStatus): void {
    if (relay === 'connected') this.#relayWasUp = true;
    if (this.#state.relay !== relay) this.#commit({ relay }, [], 'relay');
  }

  #onSessionConnect(struct: SessionTypes.Struct): void {
    const pending = this.#connect && this.#connect.pairingTopic === struct.pairingTopic ? this.#connect : null;
    let namespaces: SessionTypes.Namespaces;
    try {
      namespaces = validateSessionNamespaces(struct.namespaces);
    } catch (error) {
      // Hostile or broken grant: do not keep it, tell the wallet, and fail the connect.
      const wc = toWcError(error, 'connect', 'invalid-peer-data');
      void this.#client?.disconnect({ topic: struct.topic, reason: getSdkError('USER_DISCONNECTED') }).catch(() => {});
      if (pending) this.#settleConnect(wc);
      else this.#report(wc, 'peer');
      return;
    }
    const requested = pending?.requested ?? this.#requested[struct.topic]?.requested ?? null;
    const unmet = requested ? missingFrom(requested.requiredNamespaces, namespaces) : NOTHING_MISSING;
    const unmetError = isNothingMissing(unmet)
      ? null
      : new WcError('required-unmet', `The wallet did not grant required items: ${[...unmet.chains, ...unmet.methods, ...unmet.events].join(', ')}`, {
          operation: 'connect',
          data: unmet,
        });
    if (unmetError && this.#resolved?.onRequiredUnmet === 'disconnect') {
      // The page asked not to keep such sessions: it never enters state; the wallet is told.
      void this.#client?.disconnect({ topic: struct.topic, reason: getSdkError('USER_DISCONNECTED') }).catch(() => {});
      if (pending) this.#settleConnect(unmetError);
      else this.#report(unmetError, 'connect');
      return;
    }
    if (pending) {
      this.#connect = null;
      if (pending.timer) clearTimeout(pending.timer);
      pending.detachSignal?.();
    }
    const now = Date.now();
    if (requested) this.#rememberRequested(struct.topic, requested, now);
    this.#structs.set(struct.topic, struct);
    this.#meta.set(struct.topic, { status: 'active', createdAt: now, updatedAt: now, lastError: unmetError, lastPingMs: null, namespaces });
    const view = buildSessionView(struct, this.#meta.get(struct.topic)!, requested);
    this.#views.set(struct.topic, view);
    this.#commit(
      {
        activeTopic: struct.topic,
        proposal: pending ? null : this.#state.proposal,
        pairings: this.#pairingViews(),
        ...(unmetError ? { lastError: unmetError } : {}),
      },
      [
        (s) => new WcSessionChangeEvent({ sessions: s.sessions, reason: 'connect', topic: struct.topic }),
        ...(unmetError ? [() => new WcErrorEvent({ error: unmetError, operation: 'connect' })] : []),
        (s) => new WcPairingChangeEvent({ pairings: s.pairings }),
      ],
      'connect',
    );
    pending?.resolve(view);
  }

  #onSessionUpdate(topic: string): void {
    const struct = this.#client?.session.keys.includes(topic) ? this.#client.session.get(topic) : undefined;
    if (!struct || !this.#meta.has(topic)) return;
    let namespaces: SessionTypes.Namespaces;
    try {
      namespaces = validateSessionNamespaces(struct.namespaces);
    } catch (error) {
      this.#onInvalidPeerData(error, topic, 'peer');
      return;
    }
    this.#structs.set(topic, struct);
    this.#setSessionMeta(topic, { namespaces }, 'update');
  }

  #onSessionEvent(topic: string, params: { event: { name: string; data: unknown }; chainId: string }): void {
    const view = this.#views.get(topic);
    if (!view) return;
    const name = params?.event?.name;
    const chainId = params?.chainId;
    if (typeof name !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(name) || !isCaip2(chainId)) {
      this.#onInvalidPeerData(new WcError('invalid-peer-data', 'The wallet sent a malformed session event'), topic, 'peer');
      return;
    }
    this.#setSessionMeta(topic, {}, 'event', [
      () => new WcSessionEventEvent({ topic, chainId, name, data: params.event.data }),
    ]);
  }

  #onInvalidPeerData(error: unknown, topic: string, operation: WcOperation): void {
    const wc = toWcError(error, operation, 'invalid-peer-data');
    const normalized = wc.code === 'invalid-peer-data' ? wc : new WcError('invalid-peer-data', wc.message, { cause: error, operation });
    if (this.#meta.has(topic)) this.#setSessionMeta(topic, { lastError: normalized }, 'update', [() => new WcErrorEvent({ error: normalized, operation })], normalized);
    else this.#report(normalized, operation);
  }

  #onHistoryUpdated(record: { id: number; response?: { result?: unknown; error?: unknown } }): void {
    const view = this.#requests.get(record.id);
    if (!view || view.status !== 'pending' || !record.response) return;
    if ('error' in record.response && record.response.error !== undefined) {
      this.#settleRequest(record.id, { status: 'rejected', error: toWcError(record.response.error, 'request', 'request-failed') });
    } else {
      this.#settleRequest(record.id, { status: 'resolved', result: record.response.result });
    }
  }

  // ---------------------------------------------------------------- sessions

  /** Loads sessions and pending requests from the client; returns the topic to make active. */
  #restore(): string | null {
    const client = this.#client!;
    const now = Date.now();
    for (const struct of client.session.getAll()) {
      if (struct.expiry <= nowSeconds()) continue; // the expirer removes it on its next pulse
      let namespaces: SessionTypes.Namespaces;
      try {
        namespaces = validateSessionNamespaces(struct.namespaces);
      } catch (error) {
        this.#report(toWcError(error, 'restore', 'invalid-peer-data'), 'restore');
        continue;
      }
      const stored = this.#requested[struct.topic];
      this.#structs.set(struct.topic, struct);
      this.#meta.set(struct.topic, { status: 'active', createdAt: stored?.createdAt ?? now, updatedAt: now, lastError: null, lastPingMs: null, namespaces });
      this.#views.set(struct.topic, buildSessionView(struct, this.#meta.get(struct.topic)!, stored?.requested ?? null));
    }
    // Drop bookkeeping for sessions that are gone, in storage too.
    const gone = Object.keys(this.#requested).filter((topic) => !this.#views.has(topic));
    for (const topic of gone) delete this.#requested[topic];
    if (gone.length) this.#persistRequested();
    // Requests sent before a reload that the wallet has not answered yet.
    for (const record of client.core.history.records.values()) {
      const req = record.request as { method?: string; params?: { request?: { method?: string; params?: unknown; expiryTimestamp?: number }; chainId?: string } };
      if (req.method !== 'wc_sessionRequest' || record.response !== undefined || !this.#views.has(record.topic)) continue;
      const inner = req.params?.request;
      const expiry = typeof inner?.expiryTimestamp === 'number' ? inner.expiryTimestamp : null;
      if (expiry !== null && expiry <= nowSeconds()) continue;
      this.#trackRequest(record.id, record.topic, record.chainId ?? req.params?.chainId ?? '', inner?.method ?? '', inner?.params, expiry, false);
    }
    const newest = [...this.#views.values()].sort((a, b) => b.createdAt - a.createdAt || b.expiry - a.expiry)[0];
    return newest?.topic ?? null;
  }

  #refreshStruct(topic: string): void {
    const client = this.#client;
    if (client?.session.keys.includes(topic)) this.#structs.set(topic, client.session.get(topic));
  }

  /** Replaces one session's view (others keep their identity) and commits. */
  #setSessionMeta(topic: string, patch: Partial<SessionMeta>, reason: SessionChangeReason, extra: EventFactory[] = [], lastError?: WcError): void {
    const meta = this.#meta.get(topic);
    const struct = this.#structs.get(topic);
    if (!meta || !struct) return;
    Object.assign(meta, patch, { updatedAt: Date.now() });
    this.#views.set(topic, buildSessionView(struct, meta, this.#requested[topic]?.requested ?? null));
    const announce = reason !== 'status';
    this.#commit(
      lastError ? { lastError } : {},
      [...(announce ? [(s: SessionState) => new WcSessionChangeEvent({ sessions: s.sessions, reason, topic })] : []), ...extra],
      reason,
    );
  }

  #sessionFailed(topic: string, error: WcError): WcError {
    this.#setSessionMeta(topic, { status: 'active', lastError: error }, 'status');
    return error;
  }

  #removeSession(topic: string, reason: SessionChangeReason): void {
    if (!this.#views.has(topic)) return;
    this.#views.delete(topic);
    this.#meta.delete(topic);
    this.#structs.delete(topic);
    this.#forgetRequested(topic);
    const requestEvents: EventFactory[] = [];
    for (const [id, req] of [...this.#requests]) {
      if (req.topic === topic) {
        requestEvents.push(...this.#finishRequest(id, { status: 'rejected', error: new WcError('no-session', 'The session ended before the wallet answered', { operation: 'request' }) }));
      }
    }
    const activeTopic = this.#state.activeTopic === topic ? ([...this.#views.values()].sort((a, b) => b.updatedAt - a.updatedAt)[0]?.topic ?? null) : this.#state.activeTopic;
    this.#commit(
      { activeTopic, pairings: this.#pairingViews() },
      [(s) => new WcSessionChangeEvent({ sessions: s.sessions, reason, topic }), (s) => new WcPairingChangeEvent({ pairings: s.pairings }), ...requestEvents],
      reason,
    );
  }

  #sessionFor(topic: string | undefined, operation: WcOperation): SessionView {
    const t = topic ?? this.#state.activeTopic;
    const view = t ? this.#views.get(t) : undefined;
    if (!view) {
      throw new WcError('no-session', t ? `No session with topic ${t.slice(0, 16)}…` : 'There is no connected session', { operation });
    }
    return view;
  }

  #sessionList(): readonly SessionView[] {
    return Object.freeze([...this.#views.values()].sort((a, b) => a.expiry - b.expiry || a.topic.localeCompare(b.topic)));
  }

  #pairingViews(): readonly PairingView[] {
    const client = this.#client;
    if (!client) return this.#state.pairings;
    const next = client.core.pairing
      .getPairings()
      .filter((p) => p.expiry > nowSeconds())
      .map(buildPairingView)
      .sort((a, b) => b.expiry - a.expiry);
    return samePairings(next, this.#state.pairings) ? this.#state.pairings : Object.freeze(next);
  }

  #syncPairings(): void {
    const pairings = this.#pairingViews();
    if (pairings !== this.#state.pairings) this.#commit({ pairings }, [(s) => new WcPairingChangeEvent({ pairings: s.pairings })], 'pairing');
  }

  // ---------------------------------------------------------------- requests

  #trackRequest(id: number, topic: string, chainId: string, method: string, params: unknown, expiry: number | null, announce = true): void {
    const view: RequestView = Object.freeze({ id, topic, chainId, method, params, status: 'pending', createdAt: Date.now(), expiry });
    this.#requests.set(id, view);
    if (expiry !== null) {
      // After a reload no SDK promise times the request out; do it here.
      this.#requestTimers.set(id, setTimeout(() => {
        if (this.#requests.get(id)?.status === 'pending') {
          this.#settleRequest(id, { status: 'expired', error: new WcError('request-expired', 'The wallet did not answer before the request expired', { operation: 'request' }) });
        }
      }, Math.max(0, expiry * 1000 - Date.now() + 1000)));
    }
    if (announce) this.#commit({}, [() => new WcRequestEvent(view)], 'request');
  }

  /** Moves a request out of pending; returns the events to announce with the next commit. */
  #finishRequest(id: number, outcome: Pick<RequestView, 'status'> & { result?: unknown; error?: WcError }): EventFactory[] {
    const current = this.#requests.get(id);
    if (!current || current.status !== 'pending') return [];
    const done: RequestView = Object.freeze({ ...current, ...outcome });
    this.#requests.delete(id);
    clearTimeout(this.#requestTimers.get(id));
    this.#requestTimers.delete(id);
    this.#recent = [done, ...this.#recent].slice(0, RECENT_REQUESTS_LIMIT);
    const events: EventFactory[] = [() => new WcRequestEvent(done)];
    if (done.error && done.error.code !== 'cancelled') {
      this.#reported.add(done.error);
      events.push(() => new WcErrorEvent({ error: done.error!, operation: 'request' }));
    }
    return events;
  }

  #settleRequest(id: number, outcome: Pick<RequestView, 'status'> & { result?: unknown; error?: WcError }): void {
    const events = this.#finishRequest(id, outcome);
    if (!events.length) return;
    const failed = outcome.error && outcome.error.code !== 'cancelled';
    this.#commit(failed ? { lastError: outcome.error! } : {}, events, 'request');
  }

  #pendingList(): readonly RequestView[] {
    return Object.freeze([...this.#requests.values()].sort((a, b) => a.createdAt - b.createdAt));
  }

  // ---------------------------------------------------------------- what each session was asked for

  #requestedKey(): string {
    return `${REQUESTED_KEY}:${this.#resolved!.storagePrefix}`;
  }

  async #loadRequested(): Promise<void> {
    try {
      const stored = await this.#client!.core.storage.getItem<Record<string, StoredRequested>>(this.#requestedKey());
      const out: Record<string, StoredRequested> = Object.create(null);
      if (stored && typeof stored === 'object') {
        for (const [topic, entry] of Object.entries(stored)) {
          try {
            out[topic] = Object.freeze({
              requested: Object.freeze({
                requiredNamespaces: validateRequestedNamespaces(entry?.requested?.requiredNamespaces),
                optionalNamespaces: validateRequestedNamespaces(entry?.requested?.optionalNamespaces),
              }),
              createdAt: typeof entry?.createdAt === 'number' ? entry.createdAt : Date.now(),
            });
          } catch {
            /* a bad entry only loses the requested-vs-granted comparison for that session */
          }
        }
      }
      this.#requested = out;
    } catch (error) {
      this.#report(toWcError(error, 'storage', 'storage-corrupt'), 'storage');
    }
  }

  #rememberRequested(topic: string, requested: NamespaceRequest, createdAt: number): void {
    this.#requested[topic] = Object.freeze({ requested, createdAt });
    this.#persistRequested();
  }

  #forgetRequested(topic: string): void {
    if (!(topic in this.#requested)) return;
    delete this.#requested[topic];
    this.#persistRequested();
  }

  #persistRequested(): void {
    const client = this.#client;
    if (!client) return;
    client.core.storage.setItem(this.#requestedKey(), { ...this.#requested }).catch((error: unknown) => {
      this.#report(toWcError(error, 'storage', 'storage-unavailable'), 'storage');
    });
  }

  // ---------------------------------------------------------------- helpers

  #requestedFrom(options: ConnectOptions): NamespaceRequest {
    const given = options.requiredNamespaces !== undefined || options.optionalNamespaces !== undefined;
    if (!given) return this.#resolved?.defaultNamespaces ?? Object.freeze({ requiredNamespaces: Object.freeze({}), optionalNamespaces: Object.freeze({}) });
    return Object.freeze({
      requiredNamespaces: validateRequestedNamespaces(options.requiredNamespaces, 'requiredNamespaces'),
      optionalNamespaces: validateRequestedNamespaces(options.optionalNamespaces, 'optionalNamespaces'),
    });
  }

  async #ready(operation: WcOperation): Promise<ISignClient> {
    if (this.#phase === 'disposed') throw this.#disposedError(operation);
    await this.init();
    if (!this.#client) throw this.#disposedError(operation);
    return this.#client;
  }

  #assertOnline(operation: WcOperation): void {
    // The SDK throws on navigator.onLine === false even on loopback; say so clearly.
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      throw new WcError('offline', 'The browser is offline', { operation });
    }
  }

  #disposedError(operation: WcOperation): WcError {
    return new WcError('disposed', 'The controller was disposed', { operation });
  }

  /** Runs an operation: any failure becomes a WcError that rejects, lands in state and is announced once. */
  async #run<T>(operation: WcOperation, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      const wc = toWcError(error, operation);
      if (wc.code !== 'cancelled' && wc.code !== 'disposed') this.#report(wc, operation);
      throw wc;
    }
  }

  /** Records an error in state and fires `wc-error`, once per error object. */
  #report(error: WcError, operation: WcOperation): void {
    if (this.#reported.has(error)) return;
    this.#reported.add(error);
    if (this.#phase === 'disposed' && error.code === 'disposed') return;
    this.#commit({ lastError: error }, [() => new WcErrorEvent({ error, operation })], 'error');
  }

  #deriveStatus(draft: SessionState): ControllerStatus {
    switch (this.#phase) {
      case 'idle':
      case 'disposed':
        return 'idle';
      case 'initializing':
        return 'initializing';
      case 'error':
        return 'error';
    }
    if (this.#relayWasUp && draft.relay === 'disconnected' && (draft.sessions.length > 0 || this.#connect)) return 'reconnecting';
    if (this.#connect) return draft.proposal ? 'awaiting-approval' : 'connecting';
    return draft.sessions.length > 0 ? 'connected' : 'ready';
  }

  /**
   * The one place state changes: builds the next frozen snapshot from the current views, replaces
   * it, then dispatches `wc-state-change`, derived status/relay events and the given events.
   */
  #commit(patch: Partial<Mutable<SessionState>>, events: EventFactory[], cause: string): void {
    const prev = this.#state;
    const draft: Mutable<SessionState> = { ...prev, ...patch };
    draft.sessions = this.#sessionsChanged(prev.sessions) ? this.#sessionList() : prev.sessions;
    draft.pendingRequests = this.#pendingChanged(prev.pendingRequests) ? this.#pendingList() : prev.pendingRequests;
    if (prev.recentRequests[0] !== this.#recent[0]) draft.recentRequests = Object.freeze([...this.#recent]);
    if (draft.activeTopic && !this.#views.has(draft.activeTopic)) draft.activeTopic = null;
    draft.status = this.#deriveStatus(draft);
    const before: EventFactory[] = [];
    if (draft.status !== prev.status) {
      const entry: StatusChange = Object.freeze({ status: draft.status, at: Date.now() });
      draft.history = Object.freeze([...prev.history, entry].slice(-HISTORY_LIMIT));
      before.push(() => new WcStatusChangeEvent({ status: draft.status, previous: prev.status }));
    }
    if (draft.relay !== prev.relay) before.push((s) => new WcRelayChangeEvent({ relay: s.relay }));
    const next = Object.freeze(draft) as SessionState;
    this.#state = next;
    this.#dispatch(new WcStateChangeEvent({ state: next, cause }));
    for (const make of [...before, ...events]) this.#dispatch(make(next));
  }

  #sessionsChanged(list: readonly SessionView[]): boolean {
    return list.length !== this.#views.size || list.some((v) => this.#views.get(v.topic) !== v);
  }

  #pendingChanged(list: readonly RequestView[]): boolean {
    return list.length !== this.#requests.size || list.some((r) => this.#requests.get(r.id) !== r);
  }

  #dispatch(event: Event): void {
    // A throwing page listener is reported by the browser; it must not break the controller.
    try {
      this.dispatchEvent(event);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

type ProposalNamespaces = NonNullable<Parameters<ISignClient['connect']>[0]['requiredNamespaces']>;

export { copyMetadata };

// Typed listeners: `controller.addEventListener('wc-session-change', (e) => e.detail.sessions)`.
export interface SessionController {
  addEventListener: ControllerEventTarget<SessionController>['addEventListener'];
  removeEventListener: ControllerEventTarget<SessionController>['removeEventListener'];
}
