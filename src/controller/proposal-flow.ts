import type { ISignClient, SessionTypes } from '@walletconnect/types';
import { getSdkError, mergeRequiredAndOptionalNamespaces, parseUri } from '@walletconnect/utils';
import { validateRequestedNamespaces } from '../caip.js';
import { WcError } from '../errors.js';
import { encodeRequired, REQUIRED_PROPERTY } from '../internal/required-property.js';
import { relayUnreachableError, RELAY_UNREACHABLE_MS, watchConnectAttempt } from '../internal/relay-guard.js';
import { toWcError } from '../internal/sdk-errors.js';
import type { NamespaceRequest, PeerMetadata, ProposalView, SessionView } from '../types.js';
import type { ConnectOptions } from './api.js';
import { ConnectMarker, takeInterruptedConnect } from './interrupted-connect.js';
import type { ResolvedOptions } from './options.js';

type ProposalNamespaces = NonNullable<Parameters<ISignClient['connect']>[0]['requiredNamespaces']>;

/** What an open flow tells the controller (never after `finish()`); the controller commits. */
export interface ProposalHooks {
  /** The `wc:` URI is ready (or the proposal went over an existing pairing). */
  proposed(proposal: ProposalView): void;
  /** The SDK failed the proposal, the wallet rejected it, or it expired (`expired` then says which). */
  failed(error: WcError, expired: { readonly uri: string; readonly pairingTopic: string } | null): void;
  /** A verified sign-in made this session (the SDK emits no session_connect for it). */
  signedIn(session: SessionTypes.Struct): void;
}

const EMPTY_REQUEST: NamespaceRequest = Object.freeze({ requiredNamespaces: Object.freeze({}), optionalNamespaces: Object.freeze({}) });

/**
 * What a connect asks for: the namespaces given, else the controller's defaults, else nothing.
 * Throws when they are malformed or `pairingTopic` names no active pairing of `client`.
 */
export function requestedFrom(client: ISignClient, options: ConnectOptions, defaults: NamespaceRequest | null): NamespaceRequest {
  const given = options.requiredNamespaces !== undefined || options.optionalNamespaces !== undefined;
  const requested = given
    ? Object.freeze({
        requiredNamespaces: validateRequestedNamespaces(options.requiredNamespaces, 'requiredNamespaces'),
        optionalNamespaces: validateRequestedNamespaces(options.optionalNamespaces, 'optionalNamespaces'),
      })
    : (defaults ?? EMPTY_REQUEST);
  if (options.pairingTopic !== undefined) {
    const pairing = client.core.pairing.getPairings().find((p) => p.topic === options.pairingTopic);
    if (!pairing || !pairing.active) {
      throw new WcError('invalid-option', 'pairingTopic does not name an active pairing', { operation: 'connect', data: { option: 'pairingTopic' } });
    }
  }
  return requested;
}

/**
 * One pending connect: proposes, follows the caller's AbortSignal, expires after the TTL, and ends
 * exactly once through `finish()` (clearing its timer and signal, and the SDK's copy of a failed
 * proposal). `promise` is what `connect()` returns.
 */
export class ProposalFlow {
  /** The operation its errors carry. */
  readonly operation: 'connect' | 'authenticate' = 'connect';
  readonly requested: NamespaceRequest;
  readonly promise: Promise<SessionView>;
  /** Known at once when reusing a pairing, else once the URI is made. */
  pairingTopic: string | null;
  /** The SDK's proposal id, once known. */
  proposalId: number | null = null;
  /** The proposal as announced, once it is. */
  proposal: ProposalView | null = null;
  readonly #hooks: ProposalHooks;
  #resolve: (session: SessionView) => void = () => {};
  #reject: (error: WcError) => void = () => {};
  #timer: ReturnType<typeof setTimeout> | null = null;
  #unwatch: (() => void) | null = null;
  #detachSignal: (() => void) | null = null;
  /** Remembers in storage that this connect is open, so a reload can tell it was interrupted. */
  #marker: ConnectMarker | null = null;
  #done = false;

  constructor(requested: NamespaceRequest, options: ConnectOptions, hooks: ProposalHooks, cancel: () => void) {
    this.requested = requested;
    this.pairingTopic = options.pairingTopic ?? null;
    this.#hooks = hooks;
    this.promise = new Promise<SessionView>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    const signal = options.signal;
    if (signal) {
      if (signal.aborted) queueMicrotask(cancel);
      signal.addEventListener('abort', cancel, { once: true });
      this.#detachSignal = () => signal.removeEventListener('abort', cancel);
    }
  }

  /** Sends the proposal; the outcome arrives through the hooks (and the client's session_connect). */
  async propose(
    client: ISignClient,
    options: ConnectOptions,
    { proposalTtl: ttlSeconds, storagePrefix }: Pick<ResolvedOptions, 'proposalTtl' | 'storagePrefix'>,
    peerOf: (pairingTopic: string) => PeerMetadata | null,
  ): Promise<void> {
    if (!this.#done) this.#marker = new ConnectMarker(client.core.storage, storagePrefix, ttlSeconds);
    // A relay that cannot be reached keeps the SDK's connect() pending for ~76 s: report it early.
    this.#unwatch = watchConnectAttempt(client, RELAY_UNREACHABLE_MS, () => {
      if (!this.#done && !this.proposal) this.#hooks.failed(relayUnreachableError(RELAY_UNREACHABLE_MS), null);
    });
    try {
      const uri = await this.send(client, options);
      if (this.#done) return;
      const pairingTopic = uri ? parseUri(uri).topic : (options.pairingTopic ?? '');
      this.pairingTopic = pairingTopic;
      const sdkProposal = client.proposal
        .getAll()
        .filter((p) => p.pairingTopic === pairingTopic)
        .at(-1);
      this.proposalId = sdkProposal?.id ?? null;
      // Exact milliseconds: flooring to whole seconds could shorten a short TTL to nothing.
      const sdkLeft = sdkProposal ? sdkProposal.expiryTimestamp * 1000 - Date.now() : Infinity;
      const left = Math.max(0, Math.min(ttlSeconds * 1000, sdkLeft));
      this.#timer = setTimeout(() => this.expire(), left);
      this.proposal = Object.freeze({
        uri: uri ?? '',
        pairingTopic,
        expiry: Math.round((Date.now() + left) / 1000),
        requested: this.requested,
        reusedPairing: !uri,
        peer: peerOf(pairingTopic),
      });
      this.#hooks.proposed(this.proposal);
    } catch (error) {
      if (!this.#done) this.#hooks.failed(toWcError(error, this.operation, client.core.relayer.connected ? 'unknown' : 'relay-unreachable'), null);
    }
  }

  /** Whether the flow has ended. */
  protected get done(): boolean {
    return this.#done;
  }

  /** Reports a failure of the open flow (nothing once it has ended). */
  protected fail(error: WcError): void {
    if (!this.#done) this.#hooks.failed(error, null);
  }

  /** Hands a signed-in session to the controller (which then finishes the flow with its view). */
  protected signedIn(session: SessionTypes.Struct): void {
    if (!this.#done) this.#hooks.signedIn(session);
  }

  /** Sends the SDK call that makes the URI (a session proposal here); resolves with the URI, or undefined over a reused pairing. */
  protected async send(client: ISignClient, options: ConnectOptions): Promise<string | undefined> {
    // Fold required into optional ourselves (what the SDK would do, minus its console warning)
    // and carry the required set as a session property a wallet can read.
    const required = encodeRequired(this.requested.requiredNamespaces);
    const sessionProperties = { ...(options.sessionProperties ?? {}), ...(required ? { [REQUIRED_PROPERTY]: required } : {}) };
    const { uri, approval } = await client.connect({
      requiredNamespaces: {},
      optionalNamespaces: mergeRequiredAndOptionalNamespaces(
        this.requested.requiredNamespaces as ProposalNamespaces,
        this.requested.optionalNamespaces as ProposalNamespaces,
      ),
      ...(options.pairingTopic ? { pairingTopic: options.pairingTopic } : {}),
      ...(Object.keys(sessionProperties).length ? { sessionProperties } : {}),
    });
    // approval() is lazy: call it at once or a settle that arrives first is lost. The session
    // itself is taken from the client's session_connect event; only failures come from here.
    approval().catch((error: unknown) => this.fail(toWcError(error, 'connect', 'user-rejected')));
    return uri;
  }

  /** The TTL ran out, or the SDK expired proposal `proposalId` first (ignored when that is another one). */
  expire(proposalId?: number): void {
    if (this.#done || (proposalId !== undefined && proposalId !== this.proposalId)) return;
    const expired = { uri: this.proposal?.uri ?? '', pairingTopic: this.proposal?.pairingTopic ?? this.pairingTopic ?? '' };
    this.#hooks.failed(new WcError('proposal-expired', 'The wallet did not answer before the proposal expired', { operation: this.operation }), expired);
  }

  /** Ends the flow, once: with the session (resolve) or an error (reject, and the SDK forgets the proposal). */
  finish(outcome: SessionView | WcError, client: ISignClient | null): void {
    if (this.#done) return;
    this.#done = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#unwatch?.();
    this.#detachSignal?.();
    // Disposed (a reload, or the page took the controller away): the marker stays, the next init reports it.
    if (!(outcome instanceof WcError && outcome.code === 'disposed')) this.#marker?.clear();
    if (outcome instanceof WcError) {
      // Forget the SDK's copy so it stops waiting for this proposal (it may be gone already).
      if (this.proposalId !== null) client?.proposal.delete(this.proposalId, getSdkError('USER_DISCONNECTED')).catch(() => {});
      this.#reject(outcome);
    } else {
      this.#resolve(outcome);
    }
  }
}

export function cancelledError(): WcError {
  return new WcError('cancelled', 'The connection was cancelled', { operation: 'connect' });
}

/** At init: a connect that was open when the last page went away (a reload) goes to `report` as `connect-interrupted`. */
export async function reportInterrupted(
  client: ISignClient,
  { storagePrefix }: Pick<ResolvedOptions, 'storagePrefix'>,
  report: (error: WcError) => void,
): Promise<void> {
  const interrupted = await takeInterruptedConnect(client.core.storage, storagePrefix);
  if (interrupted) report(interrupted);
}
