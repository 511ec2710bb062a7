// @ts-check
/**
 * A loopback WalletConnect v2 relay for the demo and the tests: JSON-RPC 2.0 over one WebSocket per
 * client, with the mailbox (store-and-forward) that pairing depends on. It speaks the dialect that
 * @walletconnect/sign-client 2.21.5 and 2.21.8 were measured to use; it is not a production relay
 * (one process, memory only, no rate limits).
 *
 *   const relay = await startRelay({ port: 0 });   // relay.url === 'ws://127.0.0.1:<port>'
 *   ...
 *   await relay.close();
 */
import { createServer } from 'node:http';
import { connect as connectTcp, createServer as createTcpServer } from 'node:net';
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */

/**
 * @typedef {object} RelayOptions
 * @property {number} [port] default 0 (ephemeral)
 * @property {string} [host] default '127.0.0.1'
 * @property {boolean} [checkAuth] default true: verify the EdDSA did:key JWT in `?auth=`
 * @property {number} [maxMessageBytes] default 1 MiB, per incoming frame and per published message;
 *   a larger frame gets a JSON-RPC error, one over twice the limit closes the socket (1009)
 * @property {number} [maxMailboxMessages] default 50 000 stored messages
 * @property {number} [pingIntervalMs] default 15 000
 * @property {number} [sweepIntervalMs] default 30 000: how often expired messages are dropped
 * @property {(line: string) => void} [log] default: nothing
 */

/**
 * @typedef {object} RelayStats
 * @property {number} connections open client sockets (a gauge; resetStats leaves it)
 * @property {Record<string, number>} methods requests received, by method; unknown ones as '(unknown)'
 * @property {number} published messages stored (a retried publish of a stored message is not counted)
 * @property {number} delivered irn_subscription frames sent
 * @property {number} acked deliveries acknowledged by their client
 * @property {number} refused upgrades refused (HTTP 503) while paused or closing
 * @property {number} authRefused sockets closed with 4001 (bad JWT, or refuseAuth(true))
 * @property {number} stored messages in the mailbox now (a gauge; resetStats leaves it)
 */

/**
 * @typedef {object} StoredMessage
 * @property {number} seq publish order across topics
 * @property {string} topic
 * @property {string} message
 * @property {number} tag
 * @property {string | undefined} attestation
 * @property {number} publishedAt ms since the epoch
 * @property {number} expiresAt ms since the epoch
 * @property {string} publisher identity of the publishing client
 * @property {Set<string>} ackedBy identities that acknowledged it
 */

/**
 * One client socket.
 * @typedef {object} Peer
 * @property {WebSocket} socket
 * @property {string} identity the did:key from the JWT: stable across reconnects
 * @property {Map<string, string>} subscriptions topic -> subscription id
 * @property {Map<string, StoredMessage>} inFlight delivery id -> message, until the client acks
 * @property {Set<StoredMessage>} sent messages in flight on this socket, so a re-subscribe does not resend them
 * @property {number} missedPongs
 */

export const RPC_ERROR = Object.freeze({
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  tooLarge: -32001,
  mailboxFull: -32002,
});

/** Close code for a missing, malformed, badly signed or expired auth JWT. */
export const AUTH_CLOSE_CODE = 4001;

/**
 * Test hook: a socket whose URL path starts with this is always refused with 4001, so one client can
 * be given a refusing relay (`relay.url + REFUSE_AUTH_PATH`) without touching the others.
 */
export const REFUSE_AUTH_PATH = '/refuse-auth';

const TAG = Object.freeze({ proposal: 1100, proposalResponse: 1101, settle: 1102 });
const MAX_TTL_SECONDS = 30 * 24 * 60 * 60;
const MAX_TOPIC_LENGTH = 256;
const CLOSE_GRACE_MS = 1000;
const KNOWN_METHODS = new Set(['irn_subscribe', 'irn_batchSubscribe', 'irn_unsubscribe', 'irn_publish', 'wc_proposeSession', 'wc_approveSession']);

class RpcError extends Error {
  /** @param {number} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** @typedef {LoopbackRelay} Relay */

/**
 * Start a relay listening on `host:port`.
 * @param {RelayOptions} [options]
 * @returns {Promise<Relay>}
 */
export async function startRelay(options = {}) {
  const relay = new LoopbackRelay(options);
  await relay.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return relay;
}

/**
 * @typedef {object} StallFront
 * @property {string} url `ws://127.0.0.1:<port>`: give it to clients instead of the relay's URL
 * @property {number} port
 * @property {() => void} stall accept TCP but never answer the WebSocket handshake; cuts the
 *   connections piped so far (their clients must reconnect, and stall)
 * @property {() => void} heal pipe new connections to the relay again; sockets held so far stay held,
 *   as behind a real relay that recovered (only a client-side handshake timeout frees them)
 * @property {() => { held: number, piped: number }} stats
 * @property {() => Promise<void>} close
 */

/**
 * Test hook: a TCP front for a relay that, while stalled, accepts connections and holds them without
 * ever completing the WebSocket handshake; while healthy it pipes bytes to `target` (a relay URL).
 * @param {{ target: string, host?: string, stalled?: boolean }} options
 * @returns {Promise<StallFront>}
 */
export async function startStallFront({ target, host = '127.0.0.1', stalled = false }) {
  const to = new URL(target);
  let stalling = stalled;
  /** @type {Set<import('node:net').Socket>} */
  const held = new Set();
  /** @type {Set<import('node:net').Socket>} */
  const piped = new Set();
  const server = createTcpServer((socket) => {
    socket.on('error', () => {});
    if (stalling) {
      held.add(socket);
      socket.on('close', () => held.delete(socket));
      return;
    }
    const upstream = connectTcp(Number(to.port), to.hostname);
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
    piped.add(socket);
    socket.on('close', () => piped.delete(socket));
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve(undefined));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `ws://${host}:${port}`,
    port,
    stall() {
      stalling = true;
      for (const socket of piped) socket.destroy();
    },
    heal() {
      stalling = false;
    },
    stats: () => ({ held: held.size, piped: piped.size }),
    async close() {
      for (const socket of [...held, ...piped]) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

class LoopbackRelay {
  #checkAuth;
  #maxMessageBytes;
  #maxMailboxMessages;
  #log;
  #server;
  #wss;
  /** @type {Set<Peer>} */
  #peers = new Set();
  /** @type {Map<string, Set<Peer>>} topic -> live subscribers */
  #subscribers = new Map();
  #mailbox = new Mailbox();
  #timers = /** @type {NodeJS.Timeout[]} */ ([]);
  #paused = false;
  /** Test hook: refuse every upgrade's auth (close 4001) until refuseAuth(false). */
  #refusingAuth = false;
  /** @type {Promise<void> | undefined} */
  #closing;
  #port = 0;
  #host = '';
  // Our own delivery ids: 16-digit integers, safe as JS numbers on both ends.
  #nextDeliveryId = Date.now() * 1000;
  #anonymousCount = 0;
  #counters = newCounters();

  /** @param {RelayOptions} options */
  constructor(options) {
    this.#checkAuth = options.checkAuth ?? true;
    this.#maxMessageBytes = options.maxMessageBytes ?? 1024 * 1024;
    this.#maxMailboxMessages = options.maxMailboxMessages ?? 50_000;
    this.#log = options.log ?? (() => {});
    // ws closes the socket (1009) above maxPayload; below it, an oversized frame gets a JSON-RPC error.
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: 2 * this.#maxMessageBytes + 64 * 1024 });
    this.#server = createServer((_request, response) => {
      response.writeHead(426, { 'content-type': 'text/plain' });
      response.end('WalletConnect dev relay: connect with a WebSocket\n');
    });
    this.#server.on('upgrade', (request, socket, head) => {
      socket.on('error', () => {});
      if (this.#paused || this.#closing) {
        this.#counters.refused++;
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, request));
    });
    const pingIntervalMs = options.pingIntervalMs ?? 15_000;
    const sweepIntervalMs = options.sweepIntervalMs ?? 30_000;
    this.#timers.push(setInterval(() => this.#pingAll(), pingIntervalMs).unref());
    this.#timers.push(setInterval(() => this.#mailbox.sweep(Date.now()), sweepIntervalMs).unref());
  }

  /** Called once, by startRelay. @param {number} port @param {string} host */
  async listen(port, host) {
    await new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        resolve(undefined);
      });
    });
    const address = this.#server.address();
    this.#port = typeof address === 'object' && address ? address.port : port;
    this.#host = host;
  }

  get port() {
    return this.#port;
  }

  get url() {
    const wildcard = this.#host === '0.0.0.0' || this.#host === '::' || this.#host === '';
    const host = wildcard ? '127.0.0.1' : this.#host.includes(':') ? `[${this.#host}]` : this.#host;
    return `ws://${host}:${this.#port}`;
  }

  /** @returns {Readonly<RelayStats>} a snapshot */
  get stats() {
    return Object.freeze({
      ...this.#counters,
      methods: Object.freeze({ ...this.#counters.methods }),
      connections: this.#peers.size,
      stored: this.#mailbox.size,
    });
  }

  resetStats() {
    this.#counters = newCounters();
  }

  /**
   * Act as an unreachable relay until resume(): refuse new connections (HTTP 503 on the upgrade)
   * and hold deliveries. Open sockets stay open, requests are still answered, publishes stored.
   */
  pause() {
    this.#paused = true;
  }

  /** Accept connections again and deliver what was held, in publish order. */
  resume() {
    this.#paused = false;
    for (const peer of this.#peers) {
      const held = [...peer.subscriptions.keys()].flatMap((topic) => this.#mailbox.onTopic(topic));
      for (const stored of held.sort((a, b) => a.seq - b.seq)) this.#deliver(peer, stored);
    }
  }

  /**
   * Test hook: while on, every new socket is closed with 4001 (auth refused) right after the
   * handshake, whatever its JWT, as a relay that no longer accepts the project would. Open sockets stay.
   * @param {boolean} on
   */
  refuseAuth(on) {
    this.#refusingAuth = on;
  }

  /**
   * Close every client socket, as a relay restart would, but keep the mailbox and acks.
   * @param {number} [code] default 1012 (service restart); 1006 or any unsendable code terminates
   */
  dropAll(code = 1012) {
    for (const socket of this.#wss.clients) {
      try {
        socket.close(code, 'relay restart');
      } catch {
        socket.terminate(); // ws refuses to send 1005/1006 and out-of-range codes
      }
    }
  }

  /** Stop listening, close every socket, clear timers. Idempotent. */
  close() {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown() {
    for (const timer of this.#timers) clearInterval(timer);
    const sockets = [...this.#wss.clients];
    const closed = sockets.map((socket) => new Promise((resolve) => socket.once('close', resolve)));
    for (const socket of sockets) socket.close(1001, 'relay shutting down');
    // A peer that never answers the close frame must not hold the process.
    const grace = new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
    await Promise.race([Promise.all(closed), grace]);
    for (const socket of this.#wss.clients) socket.terminate();
    await new Promise((resolve) => this.#wss.close(() => resolve(undefined)));
    await new Promise((resolve) => {
      this.#server.close(() => resolve(undefined));
      this.#server.closeAllConnections();
    });
    this.#log('relay closed');
  }

  /** @param {WebSocket} socket @param {IncomingMessage} request */
  #accept(socket, request) {
    socket.on('error', (error) => this.#log(`socket error: ${error.message}`));
    const refusing = this.#refusingAuth || (request.url ?? '').startsWith(REFUSE_AUTH_PATH);
    const identity = refusing ? { error: 'auth JWT refused (test hook)' } : this.#identify(request);
    if ('error' in identity) {
      this.#counters.authRefused++;
      this.#log(`auth rejected: ${identity.error}`);
      socket.close(AUTH_CLOSE_CODE, identity.error);
      return;
    }
    /** @type {Peer} */
    const peer = {
      socket,
      identity: identity.id,
      subscriptions: new Map(),
      inFlight: new Map(),
      sent: new Set(),
      missedPongs: 0,
    };
    this.#peers.add(peer);
    this.#log(`connect ${shortId(peer.identity)} (${this.#peers.size} open)`);
    socket.on('pong', () => {
      peer.missedPongs = 0;
    });
    socket.on('message', (data) => {
      try {
        this.#onFrame(peer, toBuffer(data));
      } catch (error) {
        // A bug tripped by one client's frame must not take the relay down for the others.
        this.#log(`error handling a frame from ${shortId(peer.identity)}: ${error}`);
      }
    });
    socket.on('close', (code) => {
      this.#forget(peer);
      this.#log(`close ${shortId(peer.identity)} ${code} (${this.#peers.size} open)`);
    });
  }

  /**
   * @param {IncomingMessage} request
   * @returns {{ id: string } | { error: string }}
   */
  #identify(request) {
    const token = new URL(request.url ?? '/', 'http://relay.invalid').searchParams.get('auth');
    if (this.#checkAuth) {
      if (!token) return { error: 'missing auth JWT' };
      const result = verifyAuthToken(token, Date.now() / 1000);
      return 'error' in result ? result : { id: result.issuer };
    }
    // Unchecked: still prefer the issuer, so acks and subscription ids stay stable across reconnects.
    const issuer = token ? decodeIssuer(token) : undefined;
    return { id: issuer ?? token ?? `anonymous-${++this.#anonymousCount}` };
  }

  /** @param {Peer} peer */
  #forget(peer) {
    this.#peers.delete(peer);
    for (const topic of peer.subscriptions.keys()) this.#removeSubscriber(topic, peer);
    peer.subscriptions.clear();
    peer.inFlight.clear();
    peer.sent.clear();
  }

  #pingAll() {
    for (const peer of this.#peers) {
      if (peer.missedPongs >= 2) {
        this.#log(`terminate ${shortId(peer.identity)}: no pong`);
        peer.socket.terminate();
        continue;
      }
      peer.missedPongs++;
      if (peer.socket.readyState === WebSocket.OPEN) peer.socket.ping();
    }
  }

  /** @param {Peer} peer @param {Buffer} data */
  #onFrame(peer, data) {
    const text = data.toString('utf8');
    if (data.length > this.#maxMessageBytes) {
      const message = `frame of ${data.length} bytes exceeds the relay limit of ${this.#maxMessageBytes} bytes`;
      this.#sendError(peer, findRawIdLeniently(text), RPC_ERROR.tooLarge, message);
      return;
    }
    /** @type {{ value: unknown, rawId: string | undefined }} */
    let frame;
    try {
      frame = parseFrame(text);
    } catch {
      this.#sendError(peer, 'null', RPC_ERROR.parse, 'Parse error: frame is not valid JSON');
      return;
    }
    const { value, rawId } = frame;
    if (!isRecord(value)) {
      this.#sendError(peer, 'null', RPC_ERROR.invalidRequest, 'Invalid Request: expected one JSON-RPC object');
      return;
    }
    if (typeof value.method === 'string') {
      this.#onRequest(peer, rawId, value.method, value.params);
    } else if (rawId !== undefined && ('result' in value || 'error' in value)) {
      this.#onAck(peer, rawId, 'result' in value);
    } else {
      this.#sendError(peer, rawId ?? 'null', RPC_ERROR.invalidRequest, 'Invalid Request: no method, result or error');
    }
  }

  /**
   * @param {Peer} peer
   * @param {string | undefined} rawId undefined for a notification: act, but do not answer
   * @param {string} method
   * @param {unknown} params
   */
  #onRequest(peer, rawId, method, params) {
    const known = KNOWN_METHODS.has(method);
    const counted = known ? method : '(unknown)';
    this.#counters.methods[counted] = (this.#counters.methods[counted] ?? 0) + 1;
    /** @type {string[]} topics whose stored messages the peer gets after our answer */
    let flushTopics = [];
    try {
      if (!known) throw new RpcError(RPC_ERROR.methodNotFound, `Method not found: ${method.slice(0, 100)}`);
      if (!isRecord(params)) invalidParams('params must be an object');
      const handled = this.#handle(peer, method, params);
      flushTopics = handled.flush;
      const result = JSON.stringify(handled.result);
      if (rawId !== undefined) this.#send(peer, `{"id":${rawId},"jsonrpc":"2.0","result":${result}}`);
    } catch (error) {
      if (!(error instanceof RpcError)) this.#log(`internal error on ${method}: ${error}`);
      const rpcError = error instanceof RpcError ? error : new RpcError(RPC_ERROR.internal, 'Internal error');
      if (rawId !== undefined) this.#sendError(peer, rawId, rpcError.code, rpcError.message);
      return;
    }
    // After the answer, so the client knows the subscription before its messages arrive.
    for (const topic of flushTopics) this.#flushStored(peer, topic);
  }

  /**
   * @param {Peer} peer
   * @param {string} method
   * @param {Record<string, unknown>} params
   * @returns {{ result: unknown, flush: string[] }}
   */
  #handle(peer, method, params) {
    switch (method) {
      case 'irn_subscribe': {
        const topic = requireTopic(params, 'topic');
        return { result: this.#subscribe(peer, topic), flush: [topic] };
      }
      case 'irn_batchSubscribe': {
        const topics = requireTopics(params);
        return { result: topics.map((topic) => this.#subscribe(peer, topic)), flush: topics };
      }
      case 'irn_unsubscribe': {
        const topic = requireTopic(params, 'topic');
        peer.subscriptions.delete(topic);
        this.#removeSubscriber(topic, peer);
        return { result: true, flush: [] };
      }
      case 'irn_publish': {
        const published = {
          topic: requireTopic(params, 'topic'),
          message: requireMessage(params, 'message'),
          ttl: requireTtl(params),
          tag: optionalTag(params),
          attestation: optionalString(params, 'attestation'),
        };
        this.#admit([published.message]);
        this.#publish(peer, published);
        return { result: true, flush: [] };
      }
      case 'wc_proposeSession': {
        const pairingTopic = requireTopic(params, 'pairingTopic');
        const proposal = requireMessage(params, 'sessionProposal');
        const ttl = requireTtl(params);
        const attestation = optionalString(params, 'attestation');
        this.#admit([proposal]);
        this.#subscribe(peer, pairingTopic);
        this.#publish(peer, { topic: pairingTopic, message: proposal, ttl, tag: TAG.proposal, attestation });
        return { result: true, flush: [pairingTopic] };
      }
      case 'wc_approveSession': {
        const sessionTopic = requireTopic(params, 'sessionTopic');
        const pairingTopic = requireTopic(params, 'pairingTopic');
        const response = requireMessage(params, 'sessionProposalResponse');
        const settle = requireMessage(params, 'sessionSettlementRequest');
        const ttl = requireTtl(params);
        this.#admit([response, settle]);
        this.#subscribe(peer, sessionTopic);
        const base = { ttl, attestation: undefined };
        this.#publish(peer, { ...base, topic: pairingTopic, message: response, tag: TAG.proposalResponse });
        this.#publish(peer, { ...base, topic: sessionTopic, message: settle, tag: TAG.settle });
        return { result: true, flush: [sessionTopic] };
      }
      default:
        throw new RpcError(RPC_ERROR.methodNotFound, `Method not found: ${method}`);
    }
  }

  /** @param {Peer} peer @param {string} topic @returns {string} the subscription id */
  #subscribe(peer, topic) {
    // The id the client computes itself: sha256(topic + clientId) in hex.
    const id = peer.subscriptions.get(topic) ?? sha256Hex(topic + peer.identity);
    peer.subscriptions.set(topic, id);
    let peers = this.#subscribers.get(topic);
    if (!peers) this.#subscribers.set(topic, (peers = new Set()));
    peers.add(peer);
    return id;
  }

  /** @param {string} topic @param {Peer} peer */
  #removeSubscriber(topic, peer) {
    const peers = this.#subscribers.get(topic);
    peers?.delete(peer);
    if (peers?.size === 0) this.#subscribers.delete(topic);
  }

  /**
   * Check, before any side effect, that these messages may be published.
   * @param {string[]} messages
   */
  #admit(messages) {
    for (const message of messages) {
      const bytes = Buffer.byteLength(message);
      if (bytes > this.#maxMessageBytes) {
        const limit = this.#maxMessageBytes;
        throw new RpcError(RPC_ERROR.tooLarge, `message of ${bytes} bytes exceeds the relay limit of ${limit} bytes`);
      }
    }
    const count = messages.length;
    if (this.#mailbox.size + count <= this.#maxMailboxMessages) return;
    this.#mailbox.sweep(Date.now());
    if (this.#mailbox.size + count > this.#maxMailboxMessages) {
      const state = `${this.#mailbox.size} of ${this.#maxMailboxMessages} messages stored`;
      throw new RpcError(RPC_ERROR.mailboxFull, `Mailbox full: ${state}; publish rejected`);
    }
  }

  /**
   * @param {Peer} peer
   * @param {{ topic: string, message: string, ttl: number, tag: number, attestation: string | undefined }} published
   */
  #publish(peer, { topic, message, ttl, tag, attestation }) {
    const now = Date.now();
    const { entry, added } = this.#mailbox.put({
      topic,
      message,
      tag,
      attestation,
      publishedAt: now,
      expiresAt: now + ttl * 1000,
      publisher: peer.identity,
      ackedBy: new Set(),
    });
    if (added) this.#counters.published++;
    this.#log(`publish ${topic.slice(0, 8)}… tag ${tag} from ${shortId(peer.identity)}${added ? '' : ' (again)'}`);
    for (const subscriber of this.#subscribers.get(topic) ?? []) this.#deliver(subscriber, entry);
  }

  /** @param {Peer} peer @param {string} topic */
  #flushStored(peer, topic) {
    if (!peer.subscriptions.has(topic)) return;
    for (const stored of this.#mailbox.onTopic(topic)) this.#deliver(peer, stored);
  }

  /** @param {Peer} peer @param {StoredMessage} stored */
  #deliver(peer, stored) {
    if (this.#paused) return; // resume() delivers it
    if (stored.publisher === peer.identity || stored.ackedBy.has(peer.identity)) return;
    if (stored.expiresAt <= Date.now() || peer.socket.readyState !== WebSocket.OPEN) return;
    if (peer.sent.has(stored)) return;
    const subscriptionId = peer.subscriptions.get(stored.topic);
    if (!subscriptionId) return;
    const id = String(this.#nextDeliveryId++);
    peer.inFlight.set(id, stored);
    peer.sent.add(stored);
    const { topic, message, publishedAt, tag, attestation } = stored;
    const data = { topic, message, publishedAt, tag, ...(attestation === undefined ? {} : { attestation }) };
    const params = { id: subscriptionId, data };
    this.#send(peer, `{"id":${id},"jsonrpc":"2.0","method":"irn_subscription","params":${JSON.stringify(params)}}`);
    this.#counters.delivered++;
  }

  /** @param {Peer} peer @param {string} rawId @param {boolean} ok */
  #onAck(peer, rawId, ok) {
    const key = normalizeId(rawId);
    const stored = peer.inFlight.get(key);
    if (!stored) return; // an answer to nothing we sent: ignore, never treat it as a request
    peer.inFlight.delete(key);
    peer.sent.delete(stored);
    if (!ok) return; // an error reply leaves it un-acked, so it is offered again on re-subscribe
    stored.ackedBy.add(peer.identity);
    this.#counters.acked++;
  }

  /** @param {Peer} peer @param {string} rawId @param {number} code @param {string} message */
  #sendError(peer, rawId, code, message) {
    this.#send(peer, `{"id":${rawId},"jsonrpc":"2.0","error":${JSON.stringify({ code, message })}}`);
  }

  /** @param {Peer} peer @param {string} text */
  #send(peer, text) {
    if (peer.socket.readyState === WebSocket.OPEN) peer.socket.send(text);
  }
}

/** Messages by topic, each kept until its ttl runs out. A re-published message is stored once. */
class Mailbox {
  /** @type {Map<string, Map<string, StoredMessage>>} topic -> message text -> stored */
  #topics = new Map();
  #size = 0;
  #nextSeq = 0;

  get size() {
    return this.#size;
  }

  /**
   * @param {Omit<StoredMessage, 'seq'>} candidate
   * @returns {{ entry: StoredMessage, added: boolean }} the stored entry; added false for a repeat
   */
  put(candidate) {
    let messages = this.#topics.get(candidate.topic);
    if (!messages) this.#topics.set(candidate.topic, (messages = new Map()));
    const existing = messages.get(candidate.message);
    if (existing) {
      // A retried publish: keep the acks, extend the life.
      existing.expiresAt = Math.max(existing.expiresAt, candidate.expiresAt);
      return { entry: existing, added: false };
    }
    const entry = { ...candidate, seq: this.#nextSeq++ };
    messages.set(entry.message, entry);
    this.#size++;
    return { entry, added: true };
  }

  /** @param {string} topic @returns {StoredMessage[]} in publish order */
  onTopic(topic) {
    return [...(this.#topics.get(topic)?.values() ?? [])];
  }

  /** @param {number} now ms */
  sweep(now) {
    for (const [topic, messages] of this.#topics) {
      for (const [text, stored] of messages) {
        if (stored.expiresAt > now) continue;
        messages.delete(text);
        this.#size--;
      }
      if (messages.size === 0) this.#topics.delete(topic);
    }
  }
}

function newCounters() {
  return { methods: /** @type {Record<string, number>} */ ({}), published: 0, delivered: 0, acked: 0, refused: 0, authRefused: 0 };
}

// ---------------------------------------------------------------------------------------------
// Frames

/**
 * Parse a frame, keeping the top-level `id` as its exact source text: the SDK's 19-digit ids
 * do not survive a round trip through a JS number, so they are echoed byte for byte.
 * @param {string} text
 * @returns {{ value: unknown, rawId: string | undefined }}
 * @throws {SyntaxError}
 */
function parseFrame(text) {
  const value = JSON.parse(text);
  return { value, rawId: isRecord(value) ? findRawMember(text, 'id') : undefined };
}

/**
 * For a frame too large to parse: its id if one can be found, else 'null'.
 * @param {string} text
 */
function findRawIdLeniently(text) {
  try {
    const start = skipWhitespace(text, 0);
    if (text[start] !== '{') return 'null';
    const raw = findRawMember(text, 'id');
    return raw !== undefined && isValidJson(raw) ? raw : 'null';
  } catch {
    return 'null';
  }
}

/**
 * The source text of a member of the top-level object (the last one, as JSON.parse keeps).
 * @param {string} text JSON whose top-level value is an object
 * @param {string} name
 * @returns {string | undefined}
 */
function findRawMember(text, name) {
  let found;
  let i = skipWhitespace(text, 0) + 1; // past '{'
  for (;;) {
    i = skipWhitespace(text, i);
    if (i >= text.length) throw new SyntaxError('unterminated object');
    if (text[i] === '}') return found;
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd));
    i = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1); // past ':'
    const valueEnd = skipValue(text, i);
    if (key === name) found = text.slice(i, valueEnd);
    i = skipWhitespace(text, valueEnd);
    if (text[i] === ',') i++;
  }
}

/** @param {string} text @param {number} i */
function skipWhitespace(text, i) {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** @param {string} text @param {number} i index of the opening quote @returns {number} index after the closing quote */
function skipString(text, i) {
  if (text[i] !== '"') throw new SyntaxError('expected a string');
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  throw new SyntaxError('unterminated string');
}

/** @param {string} text @param {number} i @returns {number} index after the value */
function skipValue(text, i) {
  const first = text[i];
  if (first === '"') return skipString(text, i);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (c === '"') j = skipString(text, j) - 1;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') if (--depth === 0) return j + 1;
    }
    throw new SyntaxError('unterminated value');
  }
  let j = i;
  while (j < text.length && !',}] \n\r\t'.includes(text[j])) j++;
  return j;
}

/**
 * The key an id is matched by, whatever its form: 123, "123", or safe-json's BigInt "123n".
 * @param {string} rawId
 */
function normalizeId(rawId) {
  let id = rawId;
  if (id.startsWith('"')) {
    try {
      id = String(JSON.parse(id));
    } catch {
      return rawId;
    }
  }
  return /^-?\d+n$/.test(id) ? id.slice(0, -1) : id;
}

/** @param {string} text */
function isValidJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Params

/** @param {string} message @returns {never} */
function invalidParams(message) {
  throw new RpcError(RPC_ERROR.invalidParams, `Invalid params: ${message}`);
}

/** @param {Record<string, unknown>} params @param {string} name */
function requireTopic(params, name) {
  const topic = params[name];
  if (typeof topic !== 'string' || topic.length === 0 || topic.length > MAX_TOPIC_LENGTH) {
    invalidParams(`${name} must be a non-empty string of at most ${MAX_TOPIC_LENGTH} characters`);
  }
  return topic;
}

/** @param {Record<string, unknown>} params @returns {string[]} */
function requireTopics(params) {
  const { topics } = params;
  const valid = (/** @type {unknown} */ topic) => typeof topic === 'string' && topic.length > 0 && topic.length <= MAX_TOPIC_LENGTH;
  if (!Array.isArray(topics) || !topics.every(valid)) {
    invalidParams(`topics must be an array of non-empty strings of at most ${MAX_TOPIC_LENGTH} characters`);
  }
  return topics;
}

/** @param {Record<string, unknown>} params @param {string} name */
function requireMessage(params, name) {
  const message = params[name];
  if (typeof message !== 'string' || message.length === 0) invalidParams(`${name} must be a non-empty string`);
  return message;
}

/** @param {Record<string, unknown>} params @returns {number} seconds */
function requireTtl(params) {
  const { ttl } = params;
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0 || ttl > MAX_TTL_SECONDS) {
    invalidParams(`ttl must be a number of seconds in (0, ${MAX_TTL_SECONDS}]`);
  }
  return ttl;
}

/** @param {Record<string, unknown>} params */
function optionalTag(params) {
  const { tag } = params;
  if (tag === undefined) return 0;
  if (!Number.isSafeInteger(tag)) invalidParams('tag must be an integer');
  return /** @type {number} */ (tag);
}

/** @param {Record<string, unknown>} params @param {string} name */
function optionalString(params, name) {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') invalidParams(`${name} must be a string`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Auth: the relay-auth JWT, `iss` = did:key of the client's ed25519 key (multibase base58btc, 0xed01)

const DID_KEY_PREFIX = 'did:key:z';
const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/**
 * @param {string} token
 * @param {number} nowSeconds
 * @returns {{ issuer: string } | { error: string }}
 */
function verifyAuthToken(token, nowSeconds) {
  const parts = token.split('.');
  if (parts.length !== 3) return { error: 'malformed auth JWT' };
  const [encodedHeader, encodedPayload, encodedSignature] = parts;
  const header = decodeJsonSegment(encodedHeader);
  const payload = decodeJsonSegment(encodedPayload);
  if (!isRecord(header) || header.alg !== 'EdDSA' || header.typ !== 'JWT') {
    return { error: 'auth JWT header must be EdDSA/JWT' };
  }
  if (!isRecord(payload) || typeof payload.iss !== 'string') return { error: 'auth JWT has no iss' };
  const publicKey = ed25519KeyFromDid(payload.iss);
  if (!publicKey) return { error: 'auth JWT iss is not an ed25519 did:key' };
  const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`);
  let valid = false;
  try {
    valid = verifySignature(null, signed, publicKey, Buffer.from(encodedSignature, 'base64url'));
  } catch {
    valid = false;
  }
  if (!valid) return { error: 'auth JWT signature is invalid' };
  if (typeof payload.exp !== 'number' || payload.exp <= nowSeconds) return { error: 'auth JWT expired' };
  return { issuer: payload.iss };
}

/** The iss of a JWT without checking anything, or undefined. @param {string} token */
function decodeIssuer(token) {
  const payload = decodeJsonSegment(token.split('.')[1] ?? '');
  return isRecord(payload) && typeof payload.iss === 'string' ? payload.iss : undefined;
}

/** @param {string} segment */
function decodeJsonSegment(segment) {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** @param {string} did @returns {import('node:crypto').KeyObject | undefined} */
function ed25519KeyFromDid(did) {
  if (!did.startsWith(DID_KEY_PREFIX) || did.length > 100) return undefined;
  const bytes = base58Decode(did.slice(DID_KEY_PREFIX.length));
  if (!bytes || bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) return undefined;
  try {
    const x = bytes.subarray(2).toString('base64url');
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  } catch {
    return undefined;
  }
}

/** @param {string} text @returns {Buffer | undefined} */
function base58Decode(text) {
  let value = 0n;
  for (const char of text) {
    const digit = BASE58_ALPHABET.indexOf(char);
    if (digit < 0) return undefined;
    value = value * 58n + BigInt(digit);
  }
  let hex = value === 0n ? '' : value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const leadingZeros = text.length - text.replace(/^1+/, '').length;
  return Buffer.concat([Buffer.alloc(leadingZeros), Buffer.from(hex, 'hex')]);
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {string} text */
function sha256Hex(text) {
  return createHash('sha256').update(text).digest('hex');
}

/** @param {string} identity */
function shortId(identity) {
  return identity.length > 16 ? `…${identity.slice(-8)}` : identity;
}

/** @param {import('ws').RawData} data */
function toBuffer(data) {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
