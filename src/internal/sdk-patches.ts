import type { ISignClient, SessionTypes } from '@walletconnect/types';
import { getSdkError, isValidNamespacesChainId, isValidNamespacesEvent } from '@walletconnect/utils';
import { validateSessionNamespaces } from '../caip.js';
import { WcError } from '../errors.js';

/** Bound on the Verify iframe when Verify is on: offline it would wait 5 s per call. */
export const VERIFY_BOUND_MS = 1000;

type Verify = { register: (p: unknown) => Promise<string | undefined>; resolve: (p: unknown) => Promise<unknown> };

/**
 * The SDK has no option to turn Verify off, and offline it stalls every connect() and request()
 * by 5 s. Off: answer at once. On: never wait more than VERIFY_BOUND_MS.
 */
export function patchVerify(client: ISignClient, enabled: boolean): void {
  const verify = client.core.verify as unknown as Verify;
  if (!enabled) {
    verify.register = async () => '';
    verify.resolve = async () => undefined;
    return;
  }
  const register = verify.register.bind(verify);
  verify.register = (params) =>
    Promise.race([register(params).catch(() => ''), new Promise<string>((resolve) => setTimeout(() => resolve(''), VERIFY_BOUND_MS))]);
}

/**
 * 2.21.8 stores a malformed `wc_sessionUpdate` from the peer and raises an unhandled rejection,
 * because its async validator is not awaited. Validating synchronously first makes the engine's
 * own try/catch reject the update to the peer, so nothing malformed is stored.
 */
export function guardPeerUpdates(client: ISignClient, onRejected: (error: unknown, topic: string) => void): void {
  const engine = client.engine as unknown as { isValidUpdate?: (p: { topic: string; namespaces: unknown }) => Promise<void> };
  const original = engine.isValidUpdate;
  if (typeof original !== 'function') return;
  engine.isValidUpdate = (params) => {
    try {
      validateSessionNamespaces(params.namespaces, 'session_update.namespaces');
    } catch (error) {
      onRejected(error, params.topic);
      throw getSdkError('INVALID_UPDATE_REQUEST', (error as Error).message);
    }
    const result = original.call(engine, params);
    result.catch(() => {}); // the engine does not await it on the peer path
    return result;
  };
}

/**
 * 2.21.8's `request()` reads `WALLETCONNECT_DEEPLINK_CHOICE` from `localStorage` (else from its own
 * storage) and follows its `href` — a stored `javascript:` value runs on every request, an `https:`
 * one opens a window carrying the session topic — unless the session's
 * `sessionConfig.disableDeepLink` is set. Set it on the struct every request reads, just before the
 * SDK reads it (whichever way the session arrived: settled, restored, updated, or another tab's).
 * Deep links to wallets are the elements' business, from links the page configured.
 */
export function disableSdkDeepLinks(client: ISignClient): void {
  const engine = client.engine as unknown as { request?: (params: { topic?: unknown }) => Promise<unknown> };
  const original = engine.request;
  if (typeof original !== 'function') return;
  engine.request = (params) => {
    const topic = params?.topic;
    if (typeof topic === 'string' && client.session.keys.includes(topic)) {
      // get() hands out the stored object, the one the engine reads next; update() copies its fields.
      const struct = client.session.get(topic) as SessionTypes.Struct;
      if (struct.sessionConfig?.disableDeepLink !== true) struct.sessionConfig = { ...struct.sessionConfig, disableDeepLink: true };
    }
    return original.call(engine, params);
  };
}

/**
 * 2.21.8 emits a peer's `wc_sessionEvent` before its (un-awaited) validation fails, so an event on
 * a chain or with a name the session never granted reaches listeners, plus a stray rejection.
 * Checking the grant synchronously first makes the engine's own try/catch refuse it to the peer:
 * nothing is emitted, and `onRejected` hears of it once as a `protocol-violation`.
 */
export function guardPeerEvents(client: ISignClient, onRejected: (error: WcError, topic: string) => void): void {
  type EmitParams = { topic?: unknown; chainId?: unknown; event?: { name?: unknown } };
  const engine = client.engine as unknown as { isValidEmit?: (params: EmitParams) => Promise<void> };
  const original = engine.isValidEmit;
  if (typeof original !== 'function') return;
  engine.isValidEmit = (params) => {
    const { topic, chainId } = params ?? {};
    const name = params?.event?.name;
    // Malformed shapes and unknown topics are left to the SDK's own checks (and the controller's).
    if (typeof topic === 'string' && typeof chainId === 'string' && typeof name === 'string' && client.session.keys.includes(topic)) {
      const { namespaces } = client.session.get(topic);
      const chainGranted = isValidNamespacesChainId(namespaces, chainId);
      if (!chainGranted || !isValidNamespacesEvent(namespaces, chainId, name)) {
        const event = `${JSON.stringify(name.slice(0, 64))} on ${JSON.stringify(chainId.slice(0, 64))}`;
        onRejected(
          new WcError(
            'protocol-violation',
            `The wallet sent the session event ${event}, whose ${chainGranted ? 'name' : 'chain'} the session does not grant; dropped`,
            {
              operation: 'peer',
              data: { chainId: chainId.slice(0, 64), name: name.slice(0, 64) },
            },
          ),
          topic,
        );
        throw getSdkError(chainGranted ? 'UNSUPPORTED_EVENTS' : 'UNSUPPORTED_CHAINS', `${chainId} ${name}`.slice(0, 160));
      }
    }
    const result = original.call(engine, params);
    result.catch(() => {}); // the engine does not await it on the peer path
    return result;
  };
}

/**
 * 2.21.8's handler of a peer's `wc_sessionDelete` calls its async `isValidDisconnect` without
 * awaiting it: when the session is already gone (both sides disconnected at once, or it expired),
 * the failed check is an unhandled rejection ("Record was recently deleted"). Give the check's
 * promise a handler; callers that await it (`disconnect()`) still see it reject.
 */
export function guardUnawaitedDisconnect(client: ISignClient): void {
  const engine = client.engine as unknown as { isValidDisconnect?: (params: unknown) => Promise<void> };
  const original = engine.isValidDisconnect;
  if (typeof original !== 'function') return;
  engine.isValidDisconnect = (params) => {
    const result = original.call(engine, params);
    result.catch(() => {});
    return result;
  };
}

/**
 * 2.21.8 never answers a wallet's `wc_sessionEvent`, so each one stays in the request history for
 * good, and the whole history is rewritten to storage on every incoming message: a flood of
 * events grows both without bound. Once emitted, such a record is settled; drop it.
 */
export function pruneSessionEventHistory(client: ISignClient): void {
  client.events.on('session_event', ({ id, topic }: { id: number; topic: string }) => {
    try {
      client.core.history.delete(topic, id);
    } catch {
      /* history not initialised or already gone */
    }
  });
}

/** The SDK caches one Core per storage prefix on globalThis; forget it so a fresh one can load. */
export function forgetGlobalCore(prefix: string, core?: unknown): void {
  const g = globalThis as Record<string, unknown>;
  // With a core given, forget only that one (a newer controller may already hold the prefix).
  if (core !== undefined && g[`_walletConnectCore_${prefix}`] !== core) return;
  delete g[`_walletConnectCore_${prefix}`];
  delete g[`_walletConnectCore_${prefix}_count`];
}

/** How long dispose waits for in-flight relay requests before closing the socket anyway. */
const CLOSE_DRAIN_MS = 2000;

/**
 * SignClient has no destroy: stop the heartbeat and close the socket, or timers and sockets linger.
 * Closing while a publish or subscribe is in flight makes the SDK reopen the socket at once and
 * leave retry timers behind, so wait (bounded) until its queues are quiet first.
 */
export async function closeClient(client: ISignClient): Promise<void> {
  const { heartbeat, relayer } = client.core;
  try {
    heartbeat.stop();
  } catch {
    /* already stopped */
  }
  const internals = relayer as unknown as { requestsInFlight?: unknown[]; publisher?: { queue?: Map<string, unknown> } };
  const idle = () => (internals.requestsInFlight?.length ?? 0) === 0 && (internals.publisher?.queue?.size ?? 0) === 0;
  const deadline = Date.now() + CLOSE_DRAIN_MS;
  for (let quiet = 0; quiet < 3 && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 15));
    quiet = idle() ? quiet + 1 : 0;
  }
  try {
    await relayer.transportClose();
  } catch {
    /* already closed */
  }
}

const prefixesKey = Symbol.for('wc-elements.storage-prefixes');

/**
 * Two clients with one storage prefix silently share one Core and pairing never completes, so a
 * prefix is claimed per page (on globalThis: two copies of the bundle must see each other).
 */
export function claimPrefix(prefix: string): boolean {
  const g = globalThis as { [prefixesKey]?: Set<string> };
  const set = (g[prefixesKey] ??= new Set());
  if (set.has(prefix)) return false;
  set.add(prefix);
  return true;
}

export function releasePrefix(prefix: string): void {
  (globalThis as { [prefixesKey]?: Set<string> })[prefixesKey]?.delete(prefix);
}
