import type { WcError, WcOperation } from './errors.js';
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
} from './types.js';
import type { SessionTypes, ProposalTypes } from '@walletconnect/types';
import type { AuthResult } from './controller/api.js';

/**
 * Base of every wc-elements event: bubbles and is composed (crosses shadow roots), so
 * `document.addEventListener('wc-…')` sees it. Only user-intent events are cancelable.
 */
export abstract class WcEvent<D> extends Event {
  readonly detail: D;
  constructor(type: string, detail: D, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
    this.detail = detail;
  }
  /** A fresh, undispatched copy: the provider re-dispatches controller events on the DOM. */
  clone(): this {
    const Ctor = this.constructor as new (detail: D) => this;
    return new Ctor(this.detail);
  }
}

// ---- controller events (dispatched on the SessionController, re-dispatched once by the provider) ----

/** Fired on every snapshot replacement; `cause` names the specific event that went with it. */
export class WcStateChangeEvent extends WcEvent<{ readonly state: SessionState; readonly cause: string }> {
  static readonly eventName = 'wc-state-change';
  constructor(detail: WcStateChangeEvent['detail']) {
    super(WcStateChangeEvent.eventName, detail);
  }
}

export class WcReadyEvent extends WcEvent<{ readonly state: SessionState }> {
  static readonly eventName = 'wc-ready';
  constructor(detail: WcReadyEvent['detail']) {
    super(WcReadyEvent.eventName, detail);
  }
}

export class WcStatusChangeEvent extends WcEvent<{
  readonly status: ControllerStatus;
  readonly previous: ControllerStatus;
}> {
  static readonly eventName = 'wc-status-change';
  constructor(detail: WcStatusChangeEvent['detail']) {
    super(WcStatusChangeEvent.eventName, detail);
  }
}

export class WcRelayChangeEvent extends WcEvent<{ readonly relay: RelayStatus }> {
  static readonly eventName = 'wc-relay-change';
  constructor(detail: WcRelayChangeEvent['detail']) {
    super(WcRelayChangeEvent.eventName, detail);
  }
}

export class WcSessionChangeEvent extends WcEvent<{
  readonly sessions: readonly SessionView[];
  readonly reason: SessionChangeReason;
  readonly topic: string | null;
}> {
  static readonly eventName = 'wc-session-change';
  constructor(detail: WcSessionChangeEvent['detail']) {
    super(WcSessionChangeEvent.eventName, detail);
  }
}

export class WcPairingChangeEvent extends WcEvent<{ readonly pairings: readonly PairingView[] }> {
  static readonly eventName = 'wc-pairing-change';
  constructor(detail: WcPairingChangeEvent['detail']) {
    super(WcPairingChangeEvent.eventName, detail);
  }
}

export class WcProposalEvent extends WcEvent<ProposalView> {
  static readonly eventName = 'wc-proposal';
  constructor(detail: ProposalView) {
    super(WcProposalEvent.eventName, detail);
  }
}

export class WcProposalExpireEvent extends WcEvent<{ readonly uri: string; readonly pairingTopic: string }> {
  static readonly eventName = 'wc-proposal-expire';
  constructor(detail: WcProposalExpireEvent['detail']) {
    super(WcProposalExpireEvent.eventName, detail);
  }
}

export class WcSessionEventEvent extends WcEvent<{
  readonly topic: string;
  readonly chainId: string;
  readonly name: string;
  readonly data: unknown;
}> {
  static readonly eventName = 'wc-session-event';
  constructor(detail: WcSessionEventEvent['detail']) {
    super(WcSessionEventEvent.eventName, detail);
  }
}

export class WcRequestEvent extends WcEvent<RequestView> {
  static readonly eventName = 'wc-request';
  constructor(detail: RequestView) {
    super(WcRequestEvent.eventName, detail);
  }
}

export class WcErrorEvent extends WcEvent<{ readonly error: WcError; readonly operation: WcOperation }> {
  static readonly eventName = 'wc-error';
  constructor(detail: WcErrorEvent['detail']) {
    super(WcErrorEvent.eventName, detail);
  }
}

// ---- user-intent events (dispatched by elements) ----

/** Cancelable: `preventDefault()` keeps the session. */
export class WcDisconnectRequestEvent extends WcEvent<{ readonly topic: string; readonly session: SessionView }> {
  static readonly eventName = 'wc-disconnect-request';
  constructor(detail: WcDisconnectRequestEvent['detail']) {
    super(WcDisconnectRequestEvent.eventName, detail, true);
  }
}

export class WcSessionSelectEvent extends WcEvent<{ readonly topic: string }> {
  static readonly eventName = 'wc-session-select';
  constructor(detail: WcSessionSelectEvent['detail']) {
    super(WcSessionSelectEvent.eventName, detail);
  }
}

export class WcUriCopyEvent extends WcEvent<{ readonly uri: string; readonly ok: boolean }> {
  static readonly eventName = 'wc-uri-copy';
  constructor(detail: WcUriCopyEvent['detail']) {
    super(WcUriCopyEvent.eventName, detail);
  }
}

export class WcNamespaceChangeEvent extends WcEvent<{ readonly value: NamespaceRequest; readonly valid: boolean }> {
  static readonly eventName = 'wc-namespace-change';
  constructor(detail: WcNamespaceChangeEvent['detail']) {
    super(WcNamespaceChangeEvent.eventName, detail);
  }
}

/** Cancelable: the page may veto an approval. */
export class WcNamespaceApproveEvent extends WcEvent<{
  readonly id: number;
  readonly namespaces: SessionTypes.Namespaces;
  readonly proposal: ProposalTypes.Struct;
}> {
  static readonly eventName = 'wc-namespace-approve';
  constructor(detail: WcNamespaceApproveEvent['detail']) {
    super(WcNamespaceApproveEvent.eventName, detail, true);
  }
}

export class WcNamespaceRejectEvent extends WcEvent<{ readonly id: number; readonly proposal: ProposalTypes.Struct }> {
  static readonly eventName = 'wc-namespace-reject';
  constructor(detail: WcNamespaceRejectEvent['detail']) {
    super(WcNamespaceRejectEvent.eventName, detail, true);
  }
}

/** `<wc-connect auth>` signed in: the verified result of `controller.authenticate()`. */
export class WcAuthEvent extends WcEvent<AuthResult> {
  static readonly eventName = 'wc-auth';
  constructor(detail: AuthResult) {
    super(WcAuthEvent.eventName, detail);
  }
}

/** A frozen name → class map whose every key is its class's own `eventName` (checked by the type). */
function byName<const T extends { readonly [K in keyof T]: { readonly eventName: K } }>(map: T): Readonly<T> {
  return Object.freeze(map);
}

/**
 * Every event the controller dispatches, declared once: name → class. The event map, the name list
 * and the typed listener overloads below derive from it, so adding an event means a class and a line.
 */
export const controllerEvents = byName({
  'wc-state-change': WcStateChangeEvent,
  'wc-ready': WcReadyEvent,
  'wc-status-change': WcStatusChangeEvent,
  'wc-relay-change': WcRelayChangeEvent,
  'wc-session-change': WcSessionChangeEvent,
  'wc-pairing-change': WcPairingChangeEvent,
  'wc-proposal': WcProposalEvent,
  'wc-proposal-expire': WcProposalExpireEvent,
  'wc-session-event': WcSessionEventEvent,
  'wc-request': WcRequestEvent,
  'wc-error': WcErrorEvent,
});

/** Every event an element dispatches for the user's intent: name → class. */
export const elementEvents = byName({
  'wc-disconnect-request': WcDisconnectRequestEvent,
  'wc-session-select': WcSessionSelectEvent,
  'wc-uri-copy': WcUriCopyEvent,
  'wc-namespace-change': WcNamespaceChangeEvent,
  'wc-namespace-approve': WcNamespaceApproveEvent,
  'wc-namespace-reject': WcNamespaceRejectEvent,
  'wc-auth': WcAuthEvent,
});

type EventMapOf<T extends Record<string, abstract new (...args: never[]) => Event>> = { [K in keyof T]: InstanceType<T[K]> };

/** Every event the controller dispatches, by name. (Interfaces, so `M[K]` of a generic K resolves.) */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- derived from the map above
export interface WcControllerEventMap extends EventMapOf<typeof controllerEvents> {}
/** Every user-intent event the elements dispatch, by name. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- derived from the map above
export interface WcElementEventMap extends EventMapOf<typeof elementEvents> {}

export const controllerEventNames = Object.freeze(Object.keys(controllerEvents)) as readonly (keyof WcControllerEventMap)[];

/**
 * Typed listeners for the controller's events, e.g.
 * `controller.addEventListener('wc-session-change', (e) => e.detail.sessions)`.
 */
export interface ControllerEventTarget<This = EventTarget> extends EventTarget {
  addEventListener<K extends keyof WcControllerEventMap>(
    type: K,
    listener: (this: This, ev: WcControllerEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof WcControllerEventMap>(
    type: K,
    listener: (this: This, ev: WcControllerEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface GlobalEventHandlersEventMap extends WcControllerEventMap, WcElementEventMap {}
}
