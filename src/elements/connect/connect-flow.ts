import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConnectOptions, SessionControllerApi } from '../../controller/api.js';
import { isWcError } from '../../errors.js';
import type { PeerMetadata, ProposalView, SessionState, SessionView } from '../../types.js';

/** A pairing the user can reconnect over, with the wallet's display name. */
export interface ReuseTarget {
  readonly topic: string;
  readonly name: string;
}

/**
 * Where the flow is, shaped after `@lit/task`'s `TaskStatus`: `INITIAL` (closed, nothing under way),
 * `PENDING` (open, a `controller.connect()` call of this flow is under way), `COMPLETE` (closed with
 * the session it made), `ERROR` (open, stopped without a session: see `stage`).
 */
export const ConnectStatus = {
  INITIAL: 'initial',
  PENDING: 'pending',
  COMPLETE: 'complete',
  ERROR: 'error',
} as const;
export type ConnectStatus = (typeof ConnectStatus)[keyof typeof ConnectStatus];

/** What the open flow shows. */
export type Stage =
  | { readonly kind: 'closed' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'qr'; readonly proposal: ProposalView }
  /** A request went over a known pairing: no code to scan, the wallet is asked directly. */
  | { readonly kind: 'reuse'; readonly proposal: ProposalView | null; readonly target: ReuseTarget | null }
  /** The code expired more than `max-refresh` times. */
  | { readonly kind: 'expired' }
  /** The connect call rejected; `error` is its reason. */
  | { readonly kind: 'failed'; readonly error: unknown };

/** What just happened, for the host to announce. */
export type FlowNote =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'proposal' }
  | { readonly kind: 'expires-soon'; readonly secondsLeft: number }
  | { readonly kind: 'refreshed' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'fallback'; readonly peer: PeerMetadata | null; readonly target: ReuseTarget | null }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'connected'; readonly session: SessionView }
  | { readonly kind: 'cancelled' };

export interface ConnectFlowOptions {
  /** The controller in use now. */
  readonly controller: () => SessionControllerApi | null;
  /** The host's `max-refresh` and `reuse-timeout` (seconds), read when needed. */
  readonly limits: () => { readonly maxRefresh: number; readonly reuseTimeout: number };
  readonly onNote: (note: FlowNote) => void;
  /** What an attempt calls (default `controller.connect(options)`; `<wc-connect auth>` signs in). */
  readonly call?: (controller: SessionControllerApi, options: ConnectOptions) => Promise<SessionView>;
}

/** One `controller.connect()` call this flow made, or a proposal someone else opened that it shows (`adopted`). */
interface Attempt {
  readonly id: number;
  readonly options: ConnectOptions;
  readonly reuse: ReuseTarget | null;
  /** Opened by another caller on the same controller (a script, an EIP-1193 `eth_requestAccounts`): shown, not refreshed. */
  readonly adopted?: ProposalView;
}

type FlowState =
  | { readonly status: typeof ConnectStatus.INITIAL }
  | { readonly status: typeof ConnectStatus.PENDING; readonly attempt: Attempt }
  | { readonly status: typeof ConnectStatus.COMPLETE; readonly session: SessionView }
  | { readonly status: typeof ConnectStatus.ERROR; readonly stalled: 'expired' }
  | { readonly status: typeof ConnectStatus.ERROR; readonly stalled: 'failed'; readonly error: unknown };

/** Seconds before expiry at which the countdown is announced once. */
const WARN_AT = 30;
/** Seconds past expiry before the countdown itself refreshes: the controller normally reports it first. */
const EXPIRY_GRACE = 1;
/** Proposals remembered as given up on. */
const MAX_DEAD = 64;
/**
 * The flows of the page's connected `<wc-connect>` elements: a proposal one of them opened is that
 * element's to show; the others adopt only proposals a script (or an EIP-1193 provider) opened, so two
 * elements on one controller never show one code twice or stack two dialogs.
 */
const LIVE_FLOWS = new Set<ConnectFlow>();

/**
 * `<wc-connect>`'s connect flow as a reactive controller, shaped like `@lit/task`: a `status`, one
 * `controller.connect()` call per attempt with a call id so that a stale attempt's result never
 * touches a newer one, `start` / `retry` / `cancel`. An expired code is replaced up to `max-refresh`
 * times; a request over a known pairing falls back to a fresh QR code after `reuse-timeout`.
 * The controller reports failures itself (`wc-error`, `state.lastError`); the flow keeps the
 * reasons its own attempts failed with, to show them and to tell them from other errors.
 * A proposal another caller opened on the same controller while the flow is closed is shown too
 * (adopted): its QR code until the proposal leaves the snapshot; Cancel cancels it; it is not refreshed.
 */
export class ConnectFlow implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: ConnectFlowOptions;
  #state: FlowState = { status: ConnectStatus.INITIAL };
  #seq = 0;
  #refreshes = 0;
  /** The proposal of the current attempt, once observed. */
  #seen: ProposalView | null = null;
  /** Proposals this flow gave up on (expired, fallen back); never shown again even if the snapshot still holds one. */
  #dead: ProposalView[] = [];
  #warned: ProposalView | null = null;
  readonly #ownErrors = new WeakSet<object>();
  #reuseTimer: ReturnType<typeof setTimeout> | undefined;
  #reuseTimerFor: number | null = null;
  #connected = false;

  constructor(host: ReactiveControllerHost, options: ConnectFlowOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get status(): ConnectStatus {
    return this.#state.status;
  }

  /** The flow is open: an attempt is under way or it stopped and offers "Try again". */
  get open(): boolean {
    return this.#state.status === ConnectStatus.PENDING || this.#state.status === ConnectStatus.ERROR;
  }

  /** Why the open flow stopped without a session, or null. */
  get stalled(): 'expired' | 'failed' | null {
    return this.#state.status === ConnectStatus.ERROR ? this.#state.stalled : null;
  }

  /** The snapshot's proposal while this flow's attempt is under way (never one it gave up on). */
  get proposal(): ProposalView | null {
    const attempt = this.#attempt();
    const proposal = attempt ? (this.#options.controller()?.state.proposal ?? null) : null;
    if (attempt?.adopted && !sameProposal(attempt.adopted, proposal)) return null;
    return proposal && !this.#dead.some((dead) => sameProposal(dead, proposal)) ? proposal : null;
  }

  get stage(): Stage {
    const state = this.#state;
    switch (state.status) {
      case ConnectStatus.INITIAL:
      case ConnectStatus.COMPLETE:
        return { kind: 'closed' };
      case ConnectStatus.ERROR:
        return state.stalled === 'failed' ? { kind: 'failed', error: state.error } : { kind: 'expired' };
      case ConnectStatus.PENDING: {
        const proposal = this.proposal;
        const reuse = state.attempt.reuse;
        if (proposal?.reusedPairing || (reuse && !proposal)) return { kind: 'reuse', proposal, target: reuse };
        return proposal ? { kind: 'qr', proposal } : { kind: 'starting' };
      }
    }
  }

  /** Whether `error` is the reason one of this flow's attempts failed. */
  owns(error: unknown): boolean {
    return typeof error === 'object' && error !== null && this.#ownErrors.has(error);
  }

  /** Opens the flow and connects (over `reuse` when given). No-op while open or without a controller. */
  start(options: ConnectOptions, reuse: ReuseTarget | null = null): void {
    if (this.open || !this.#options.controller()) return;
    this.#refreshes = 0;
    this.#dead = [];
    this.#warned = null;
    this.#connect(reuse ? { ...options, pairingTopic: reuse.topic } : options, reuse);
  }

  /** "Try again" after the flow stalled: a fresh QR connect with `options`. */
  retry(options: ConnectOptions): void {
    if (this.#state.status !== ConnectStatus.ERROR) return;
    this.#refreshes = 0;
    this.#connect(options, null);
  }

  /** Closes the flow, cancelling the attempt under way. */
  cancel(): void {
    if (!this.open) return;
    const attempt = this.#attempt();
    if (attempt?.adopted) this.#bury(attempt.adopted);
    this.#set({ status: ConnectStatus.INITIAL });
    this.#clearReuseTimer();
    if (attempt) this.#options.controller()?.cancel();
    this.#options.onNote({ kind: 'cancelled' });
  }

  /** "Use a QR code instead": give up on the known pairing now. */
  useQr(): void {
    const attempt = this.#attempt();
    if (attempt) this.#fallbackToQr(attempt.id);
  }

  /**
   * Call before each render: ends an adopted proposal that left the snapshot, adopts one another caller
   * opened while the flow is closed, and notes the attempt's proposal the first time it is seen.
   */
  observe(): void {
    this.#followOthers();
    const proposal = this.proposal;
    if (proposal && !sameProposal(proposal, this.#seen)) {
      this.#seen = proposal;
      this.#options.onNote({ kind: 'proposal' });
    }
  }

  /** The clock ticked: refresh a code the controller let run out, or warn once that it soon will. */
  tick(nowMs: number): void {
    const attempt = this.#attempt();
    const proposal = this.proposal;
    if (!attempt || !proposal) return;
    const left = proposal.expiry - nowMs / 1000;
    if (left <= -EXPIRY_GRACE) {
      if (attempt.adopted) return; // its owner's connect() reports the expiry; the snapshot then drops it

      this.#seen = proposal;
      this.#expire(attempt.id);
    } else if (left <= WARN_AT && left > 0 && !sameProposal(this.#warned, proposal) && !proposal.reusedPairing) {
      this.#warned = proposal;
      this.#options.onNote({ kind: 'expires-soon', secondsLeft: left });
    }
  }

  /** The controller reported an expired proposal (`wc-proposal-expire`). */
  proposalExpired(uri: string, pairingTopic: string): void {
    const attempt = this.#attempt();
    const seen = this.#seen;
    // Only the proposal this attempt showed: a late report of an earlier one is ignored.
    if (!attempt || attempt.adopted || !seen || (uri ? uri !== seen.uri : pairingTopic !== seen.pairingTopic)) return;
    // Let the controller finish the commit it is dispatching from before connecting again.
    setTimeout(() => this.#expire(attempt.id), 0);
  }

  hostConnected(): void {
    this.#connected = true;
    LIVE_FLOWS.add(this);
  }

  hostUpdated(): void {
    const attempt = this.#attempt();
    const timeout = this.#reuseTimeoutMs();
    const wanted = attempt?.reuse && this.stage.kind === 'reuse' && timeout > 0 && this.#connected;
    if (wanted && this.#reuseTimerFor !== attempt.id) {
      this.#clearReuseTimer();
      this.#reuseTimerFor = attempt.id;
      this.#reuseTimer = setTimeout(() => this.#fallbackToQr(attempt.id), timeout);
    } else if (!wanted && this.#reuseTimer !== undefined) {
      this.#clearReuseTimer();
    }
  }

  hostDisconnected(): void {
    this.#connected = false;
    LIVE_FLOWS.delete(this);
    this.#clearReuseTimer();
  }

  /** This flow has an attempt of its own open on `controller`, or shows `proposal` for another caller. */
  #shows(controller: SessionControllerApi, proposal: ProposalView): boolean {
    const attempt = this.#attempt();
    if (!attempt || this.#options.controller() !== controller) return false;
    return !attempt.adopted || sameProposal(attempt.adopted, proposal);
  }

  // ---- attempts ----

  #attempt(): Attempt | null {
    return this.#state.status === ConnectStatus.PENDING ? this.#state.attempt : null;
  }

  /** The attempt `id` if it is still the current one: a stale attempt's result is dropped. */
  #current(id: number): Attempt | null {
    const attempt = this.#attempt();
    return attempt?.id === id ? attempt : null;
  }

  #set(state: FlowState): void {
    this.#state = state;
    this.#host.requestUpdate();
  }

  #connect(options: ConnectOptions, reuse: ReuseTarget | null): void {
    const controller = this.#options.controller();
    if (!controller) return;
    const attempt: Attempt = { id: ++this.#seq, options, reuse };
    this.#set({ status: ConnectStatus.PENDING, attempt });
    this.#seen = null;
    this.#options.onNote({ kind: 'connecting' });
    let result: Promise<SessionView>;
    try {
      result = this.#options.call ? this.#options.call(controller, options) : controller.connect(options);
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(
      (session) => this.#onConnected(attempt.id, session),
      (error: unknown) => this.#onFailed(attempt.id, error),
    );
  }

  #onConnected(id: number, session: SessionView): void {
    if (!this.#current(id)) return;
    this.#set({ status: ConnectStatus.COMPLETE, session });
    this.#options.onNote({ kind: 'connected', session });
  }

  #onFailed(id: number, error: unknown): void {
    if (typeof error === 'object' && error !== null) this.#ownErrors.add(error);
    if (!this.#current(id)) return;
    const code = isWcError(error) ? error.code : null;
    if (code === 'proposal-expired') {
      this.#expire(id);
    } else if (code === 'cancelled') {
      // cancelled elsewhere (another element, dispose): close quietly
      this.#set({ status: ConnectStatus.INITIAL });
      this.#options.onNote({ kind: 'cancelled' });
    } else {
      this.#set({ status: ConnectStatus.ERROR, stalled: 'failed', error });
      this.#options.onNote({ kind: 'failed', error });
    }
  }

  /** Marks the attempt's proposal (or `proposal`) as done with; returns it. */
  #bury(proposal: ProposalView | null = this.#seen): ProposalView | null {
    const seen = proposal;
    if (seen && this.#dead.length < MAX_DEAD) this.#dead.push(seen);
    return seen;
  }

  /** The attempt's code expired: replace it (up to max-refresh times) or offer "Try again". */
  #expire(id: number): void {
    const attempt = this.#current(id);
    if (!attempt) return;
    const controller = this.#options.controller();
    const seen = this.#bury();
    this.#set({ status: ConnectStatus.ERROR, stalled: 'expired' }); // the old call is now stale
    if (controller && seen && sameProposal(controller.state.proposal, seen)) controller.cancel();
    if (this.#refreshes < this.#maxRefresh()) {
      this.#refreshes++;
      this.#connect(attempt.options, attempt.reuse);
      this.#options.onNote({ kind: 'refreshed' });
    } else {
      this.#options.onNote({ kind: 'expired' });
    }
  }

  /** No answer over the known pairing: cancel that request and show a fresh QR code. */
  #fallbackToQr(id: number): void {
    const attempt = this.#current(id);
    if (!attempt) return;
    const note: FlowNote = { kind: 'fallback', peer: this.proposal?.peer ?? null, target: attempt.reuse };
    this.#bury();
    this.#set({ status: ConnectStatus.INITIAL }); // the old call is now stale
    this.#options.controller()?.cancel();
    const fresh: { -readonly [K in keyof ConnectOptions]: ConnectOptions[K] } = { ...attempt.options };
    delete fresh.pairingTopic;
    this.#connect(fresh, null);
    this.#options.onNote(note);
  }

  /**
   * Another caller's proposal: an adopted one that left the snapshot ends the flow (complete when its
   * session arrived; otherwise closed, and the controller's error shows outside the flow); while the
   * flow is closed, a proposal none of its own attempts showed and not given up on is adopted.
   * Runs inside the host's update, so it changes the state without asking for another one.
   */
  #followOthers(): void {
    const state = this.#options.controller()?.state;
    const attempt = this.#attempt();
    const adopted = attempt?.adopted;
    if (adopted && !sameProposal(adopted, state?.proposal)) {
      const session = state?.sessions.find((s) => s.pairingTopic === adopted.pairingTopic) ?? null;
      this.#bury(adopted);
      this.#state = session ? { status: ConnectStatus.COMPLETE, session } : { status: ConnectStatus.INITIAL };
      if (session) this.#options.onNote({ kind: 'connected', session });
    }
    const proposal = state?.proposal ?? null;
    const closed = this.#state.status === ConnectStatus.INITIAL || this.#state.status === ConnectStatus.COMPLETE;
    if (!proposal || !closed || sameProposal(proposal, this.#seen) || this.#dead.some((dead) => sameProposal(dead, proposal))) return;
    const controller = this.#options.controller();
    // Another element's own code, or a script's that another element shows already: one element shows it.
    if (controller && [...LIVE_FLOWS].some((flow) => flow !== this && flow.#shows(controller, proposal))) return;
    const options: ConnectOptions = { requiredNamespaces: proposal.requested.requiredNamespaces, optionalNamespaces: proposal.requested.optionalNamespaces };
    this.#refreshes = 0;
    this.#seen = null;
    this.#state = { status: ConnectStatus.PENDING, attempt: { id: ++this.#seq, options, reuse: null, adopted: proposal } };
  }

  #clearReuseTimer(): void {
    if (this.#reuseTimer !== undefined) clearTimeout(this.#reuseTimer);
    this.#reuseTimer = undefined;
    this.#reuseTimerFor = null;
  }

  #maxRefresh(): number {
    const { maxRefresh } = this.#options.limits();
    return Number.isFinite(maxRefresh) && maxRefresh >= 0 ? Math.floor(maxRefresh) : 3;
  }

  #reuseTimeoutMs(): number {
    const { reuseTimeout } = this.#options.limits();
    return Number.isFinite(reuseTimeout) && reuseTimeout > 0 ? reuseTimeout * 1000 : 0;
  }
}

/** Same proposal across snapshots (the controller may rebuild the object). */
function sameProposal(a: ProposalView | null | undefined, b: ProposalView | null | undefined): boolean {
  return !!a && !!b && a.uri === b.uri && a.pairingTopic === b.pairingTopic && a.expiry === b.expiry;
}

/** `<wc-connect>`'s custom states; exactly one is set at a time. */
export const CONNECT_PHASES = ['idle', 'connecting', 'awaiting-approval', 'connected', 'error'] as const;
export type ConnectPhase = (typeof CONNECT_PHASES)[number];

/** The custom state: the element's own flow first, then the controller's status, then errors, then the session. */
export function connectPhase(stage: Stage, status: SessionState['status'] | undefined, hasError: boolean, hasSession: boolean): ConnectPhase {
  switch (stage.kind) {
    case 'starting':
      return 'connecting';
    case 'qr':
      return 'awaiting-approval';
    case 'reuse':
      return stage.proposal ? 'awaiting-approval' : 'connecting';
    case 'expired':
    case 'failed':
    case 'closed':
      break;
  }
  switch (status) {
    case 'connecting':
      return 'connecting';
    case 'awaiting-approval':
      return 'awaiting-approval';
    default:
      if (stage.kind !== 'closed' || hasError) return 'error';
      return hasSession ? 'connected' : 'idle';
  }
}
