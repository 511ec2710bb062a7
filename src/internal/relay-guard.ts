import type { ISignClient } from '@walletconnect/types';
import { WcError } from '../errors.js';

/**
 * The pinned SDK's relay transport, as far as these guards reach into it (instance fields of
 * 2.21.8's Relayer; each use checks that it is there).
 */
type Relayer = {
  connected: boolean;
  connectTimeout?: number;
  connectPromise?: unknown;
  transportExplicitlyClosed?: boolean;
  subscriber?: { hasAnyTopics?: boolean };
  provider?: { connection?: Connection };
  createProvider?: () => Promise<void>;
  transportOpen(): Promise<void>;
  transportClose(): Promise<void>;
};

/** 2.21.8's WsConnection (one per attempt): the socket is local to `register()` until it opens. */
type Connection = {
  url?: string;
  registering?: boolean;
  on?(event: string, listener: (event?: { code?: number }) => void): void;
  register?(url?: string): Promise<unknown>;
  onOpen?(socket: WebSocket): void;
  emitError?(error: unknown): unknown;
};

/**
 * Bound on one WebSocket handshake. The SDK waits 15 s per attempt (five attempts, ~76 s in all),
 * so a relay that accepts TCP but never answers the upgrade kept it "reconnecting" for minutes.
 */
export const HANDSHAKE_TIMEOUT_MS = 5_000;
/** While the SDK has given up its own attempts, how often the guard starts a new one. */
export const RELAY_RETRY_MS = 3_000;
/** A connect whose socket has not opened by then is reported as `relay-unreachable`. */
export const RELAY_UNREACHABLE_MS = 6_000;
/** The close code a relay sends when it refuses the client's auth JWT (or its project). */
export const AUTH_REFUSED_CLOSE = 4001;

export function relayRefusedError(operation: 'connect' | 'relay'): WcError {
  return new WcError('relay-refused', 'The WalletConnect relay refused this client (close code 4001: auth refused). Check the project id and the relay URL.', {
    operation,
    data: { closeCode: AUTH_REFUSED_CLOSE },
  });
}

export function relayUnreachableError(ms: number): WcError {
  return new WcError('relay-unreachable', `The WalletConnect relay could not be reached within ${Math.round(ms / 1000)} s; still trying in the background`, {
    operation: 'connect',
  });
}

export interface RelayGuard {
  /** Refusal is reported once; after this (a new connect) it is reported again, and the socket may reopen. */
  rearm(): void;
  /** Whether the relay refused this client since the last `rearm()`. */
  readonly refused: boolean;
  dispose(): void;
}

/**
 * Contains three relay faults of the pinned SDK (no files patched, instance fields only):
 * - a stalled WebSocket handshake: each attempt is bounded by HANDSHAKE_TIMEOUT_MS;
 * - the SDK giving up after five attempts while sessions wait: a new attempt every RELAY_RETRY_MS;
 * - a 4001 close (auth refused), which the SDK retries about 45 times a minute and never reports:
 *   the transport is closed (stopping the flapping) and `onRefused` called once.
 */
export function guardRelay(client: ISignClient, onRefused: () => void): RelayGuard {
  const relayer = client.core.relayer as unknown as Relayer;
  let active = true;
  let refused = false;
  if (typeof relayer.connectTimeout === 'number') relayer.connectTimeout = Math.min(relayer.connectTimeout, HANDSHAKE_TIMEOUT_MS);

  const onClose = (event?: { code?: number }) => {
    if (!active || event?.code !== AUTH_REFUSED_CLOSE) return;
    // Explicitly closed: the SDK's reconnect loop and heartbeat stop trying.
    relayer.transportClose().catch(() => {});
    if (refused) return;
    refused = true;
    onRefused();
  };
  const createProvider = relayer.createProvider;
  if (typeof createProvider === 'function') {
    relayer.createProvider = async () => {
      await createProvider.call(relayer);
      const connection = relayer.provider?.connection;
      connection?.on?.('close', onClose);
      if (connection) boundHandshake(connection);
    };
  }

  const retry = setInterval(() => {
    if (!active || refused || relayer.connected || relayer.connectPromise || relayer.transportExplicitlyClosed) return;
    if (!relayer.subscriber?.hasAnyTopics) return;
    relayer.transportOpen().catch(() => {});
  }, RELAY_RETRY_MS);

  return {
    rearm() {
      refused = false;
    },
    get refused() {
      return refused;
    },
    dispose() {
      active = false;
      clearInterval(retry);
      if (createProvider) relayer.createProvider = createProvider;
    },
  };
}

/**
 * The SDK's own timeout abandons a stalled handshake but never closes its socket, and the browser
 * queues the next socket to that endpoint behind it (for minutes): open the socket here instead, as
 * the SDK would, and close it when the handshake takes longer than HANDSHAKE_TIMEOUT_MS.
 */
function boundHandshake(connection: Connection): void {
  const { register, onOpen, emitError } = connection;
  if (typeof WebSocket === 'undefined' || typeof register !== 'function' || typeof onOpen !== 'function' || typeof emitError !== 'function') return;
  connection.register = function (this: Connection, url = this.url) {
    // A second caller while opening: the SDK's own code waits for the first.
    if (this.registering || typeof url !== 'string' || !/^wss?:/.test(url)) return register.call(this, url);
    this.url = url;
    this.registering = true;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const timer = setTimeout(() => {
        socket.onerror = socket.onopen = null;
        socket.close();
        reject(emitError.call(this, new Error(`WebSocket handshake with ${url.split('?')[0]} took longer than ${HANDSHAKE_TIMEOUT_MS} ms`)));
      }, HANDSHAKE_TIMEOUT_MS);
      socket.onerror = (event) => {
        clearTimeout(timer);
        reject(emitError.call(this, (event as ErrorEvent).error));
      };
      socket.onopen = () => {
        clearTimeout(timer);
        onOpen.call(this, socket);
        resolve(socket);
      };
    });
  };
}

/**
 * Watches one connect attempt: when the relay socket has not opened after `ms` and no proposal was
 * made, `onStuck` is called (once). The SDK keeps its own attempts going. Returns the canceller.
 */
export function watchConnectAttempt(client: ISignClient, ms: number, onStuck: () => void): () => void {
  const relayer = client.core.relayer as unknown as Relayer;
  const timer = setTimeout(() => {
    if (!relayer.connected) onStuck();
  }, ms);
  return () => clearTimeout(timer);
}
