import type { ISignClient, SessionTypes, SignClientTypes } from '@walletconnect/types';
import { isCaip2, validateSessionNamespaces } from '../caip.js';
import { WcError } from '../errors.js';
import { toWcError } from '../internal/sdk-errors.js';
import type { RelayStatus } from '../types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Node-style emitters of the SDK
type Listener = (...args: any[]) => void;
type Emitter = { on(event: string, listener: Listener): unknown; off(event: string, listener: Listener): unknown };

/** `error` as an `invalid-peer-data` WcError (operation `peer`), keeping the original as its cause. */
export function invalidPeerData(error: unknown): WcError {
  const wc = toWcError(error, 'peer', 'invalid-peer-data');
  return wc.code === 'invalid-peer-data' ? wc : new WcError('invalid-peer-data', wc.message, { cause: error, operation: 'peer' });
}

/** A wallet's session event after validation. */
export interface SessionEventData {
  readonly chainId: string;
  readonly name: string;
  readonly data: unknown;
}

/**
 * What the controller does with each SignClient / Core event. Updates and events of a session the
 * controller does not know (`knows`) are dropped; what the peer sent is validated first, and
 * malformed data goes to `invalidPeerData` instead.
 */
export interface SdkHandlers {
  knows(topic: string): boolean;
  invalidPeerData(topic: string, error: WcError): void;
  sessionConnect(struct: SessionTypes.Struct): void;
  /** The peer updated a session; its new struct and the namespaces that passed validation. */
  sessionUpdate(topic: string, struct: SessionTypes.Struct, namespaces: SessionTypes.Namespaces): void;
  /** A session was extended; its new struct, when the client still holds it. */
  sessionExtend(topic: string, struct: SessionTypes.Struct | undefined): void;
  sessionEvent(topic: string, event: SessionEventData): void;
  /** The session is gone: deleted by the wallet, or expired. */
  sessionEnded(topic: string, reason: 'delete' | 'expire'): void;
  /**
   * The SDK named the id of a request in flight: `request` is the object given to `client.request`
   * (its `session_request_sent`, after the publish) or its copy in a new history record (before it).
   */
  requestSent(request: object, id: number): void;
  proposalExpired(id: number): void;
  relay(relay: RelayStatus): void;
  pairingsChanged(): void;
  /** A request's history record changed: a response arrived (also after a reload). */
  historyUpdated(record: { id: number; response?: { result?: unknown; error?: unknown } }): void;
  /** A sign-client handler threw. */
  failed(error: unknown): void;
}

/** The event name and chain a wallet's `session_event` must carry to be passed on. */
function checkEvent(params: { event?: { name?: unknown; data?: unknown }; chainId?: unknown } | undefined): SessionEventData {
  const name = params?.event?.name;
  const chainId = params?.chainId;
  if (typeof name !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(name) || !isCaip2(chainId)) {
    throw new WcError('invalid-peer-data', 'The wallet sent a malformed session event');
  }
  return { chainId, name, data: params?.event?.data };
}

/** Wires the client's and its Core's events to `handlers`; returns the one function that unwires them all. */
export function listenTo(client: ISignClient, handlers: SdkHandlers): () => void {
  const offs: Array<() => void> = [];
  const on = <E extends SignClientTypes.Event>(event: E, fn: (args: SignClientTypes.EventArguments[E]) => void) => {
    const safe = (args: SignClientTypes.EventArguments[E]) => {
      try {
        fn(args);
      } catch (error) {
        handlers.failed(error);
      }
    };
    client.events.on(event, safe);
    offs.push(() => client.events.off(event, safe));
  };
  const onCore = (emitter: Emitter, event: string, fn: Listener) => {
    emitter.on(event, fn);
    offs.push(() => emitter.off(event, fn));
  };
  // The SDK emits session_delete before session_expire when a session expires: the expirer names
  // the topic first, so a delete of an expiring topic is reported as the expiry it is.
  const expiring = new Set<string>();
  const structOf = (topic: string) => (client.session.keys.includes(topic) ? client.session.get(topic) : undefined);
  on('session_connect', ({ session }) => handlers.sessionConnect(session));
  /** For a session the controller knows: `check` what the peer sent, then hand it on, or report it as invalid. */
  const known = <T>(topic: string, check: () => T, then: (value: T) => void) => {
    if (!handlers.knows(topic)) return;
    let value: T;
    try {
      value = check();
    } catch (error) {
      return handlers.invalidPeerData(topic, invalidPeerData(error));
    }
    then(value);
  };
  on('session_update', ({ topic }) => {
    const struct = structOf(topic);
    if (struct)
      known(
        topic,
        () => validateSessionNamespaces(struct.namespaces),
        (namespaces) => handlers.sessionUpdate(topic, struct, namespaces),
      );
  });
  on('session_extend', ({ topic }) =>
    known(
      topic,
      () => structOf(topic),
      (struct) => handlers.sessionExtend(topic, struct),
    ),
  );
  on('session_event', ({ topic, params }) =>
    known(
      topic,
      () => checkEvent(params),
      (event) => handlers.sessionEvent(topic, event),
    ),
  );
  on('session_delete', ({ topic }) => handlers.sessionEnded(topic, expiring.delete(topic) ? 'expire' : 'delete'));
  on('session_expire', ({ topic }) => handlers.sessionEnded(topic, 'expire'));
  on('session_request_sent', ({ request, id }) => handlers.requestSent(request, id));
  on('proposal_expire', ({ id }) => handlers.proposalExpired(id));
  onCore(client.core.expirer, 'expirer_expired', (e: { target?: string }) => {
    if (typeof e?.target === 'string' && e.target.startsWith('topic:')) expiring.add(e.target.slice(6));
  });
  onCore(client.core.relayer, 'relayer_connect', () => handlers.relay('connected'));
  onCore(client.core.relayer, 'relayer_disconnect', () => handlers.relay('disconnected'));
  for (const e of ['pairing_create', 'pairing_delete', 'pairing_expire']) onCore(client.core.pairing.events, e, () => handlers.pairingsChanged());
  // Recorded before the publish, which a dead relay holds for up to a minute: the id is known at once.
  onCore(client.core.history.events, 'history_created', (record: { id: number; request?: { method?: string; params?: { request?: unknown } } }) => {
    const inner = record?.request?.method === 'wc_sessionRequest' ? record.request.params?.request : undefined;
    if (typeof inner === 'object' && inner !== null) handlers.requestSent(inner, record.id);
  });
  onCore(client.core.history.events, 'history_updated', (record: { id: number; response?: { result?: unknown; error?: unknown } }) =>
    handlers.historyUpdated(record),
  );
  return () => {
    for (const off of offs.splice(0)) off();
  };
}
