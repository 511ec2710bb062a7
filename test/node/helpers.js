// @ts-check
/**
 * Shared helpers for the dev relay's Node tests: a raw WebSocket client that keeps frames as text,
 * relay-auth JWTs, and real SignClients (2.21.8 and 2.21.5) paired through the relay.
 * Not a test file itself: it defines no tests.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { generateKeyPair, signJWT } from '@walletconnect/relay-auth';
import { SignClient } from '@walletconnect/sign-client';
import { SignClient as SignClient215 } from 'sign-client-2215';
import { WebSocket } from 'ws';

export { SignClient, SignClient215 };

/** Every `it` gets this bound; a whole pairing on loopback takes ~150 ms. */
export const TEST_TIMEOUT_MS = 15_000;

/**
 * Resolve when `promise` does, reject after `ms` with a message saying what did not happen.
 * @template T
 * @param {Promise<T>} promise
 * @param {string} what
 * @param {number} [ms]
 * @returns {Promise<T>}
 */
export async function within(promise, what, ms = 5_000) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return /** @type {T} */ (await Promise.race([promise, timeout]));
  } finally {
    clearTimeout(timer);
  }
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Poll `condition` (which may be async) until it holds.
 * @param {() => boolean | Promise<boolean>} condition
 * @param {string} what
 * @param {number} [ms]
 */
export async function until(condition, what, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(10);
  }
}

// ---------------------------------------------------------------------------------------------
// Raw clients

/** A relay-auth JWT as a real client makes it, plus the did:key it names. */
export async function makeAuth({ ttlSeconds = 86_400, issuedAt = Math.floor(Date.now() / 1000) } = {}) {
  const keyPair = generateKeyPair();
  const jwt = await signJWT(randomUUID(), 'ws://127.0.0.1', ttlSeconds, keyPair, issuedAt);
  const did = /** @type {string} */ (JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).iss);
  return { jwt, did };
}

/**
 * A WebSocket client that records every frame as text, so tests can check bytes, not values.
 */
export class RawClient {
  /** @type {string[]} */
  frames = [];
  /** @type {Array<() => void>} */
  #waiters = [];

  /** @param {WebSocket} socket @param {string} did */
  constructor(socket, did) {
    this.socket = socket;
    this.did = did;
    socket.on('message', (data) => {
      this.frames.push(String(data));
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /**
   * Open a socket with a fresh valid JWT (or `auth`, or none when `auth` is null).
   * @param {string} url
   * @param {{ auth?: string | null, did?: string, options?: import('ws').ClientOptions }} [opts]
   */
  static async connect(url, opts = {}) {
    const generated = opts.auth === undefined ? await makeAuth() : undefined;
    const jwt = generated?.jwt ?? opts.auth;
    const query = jwt ? `?auth=${jwt}&projectId=test&ua=raw-test` : '';
    const socket = new WebSocket(`${url}/${query}`, opts.options);
    const client = new RawClient(socket, generated?.did ?? opts.did ?? '');
    await within(once(socket, 'open'), 'the socket to open');
    return client;
  }

  /** @param {string | object} frame */
  send(frame) {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /**
   * Wait for a received frame matching `predicate`, consuming it.
   * @param {(frame: string, value: any) => boolean} predicate
   * @param {string} what
   * @param {number} [ms]
   * @returns {Promise<{ text: string, value: any }>}
   */
  async next(predicate, what, ms = 3_000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const index = this.frames.findIndex((text) => predicate(text, JSON.parse(text)));
      if (index >= 0) {
        const [text] = this.frames.splice(index, 1);
        return { text, value: JSON.parse(text) };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames)}`);
      await within(new Promise((resolve) => this.#waiters.push(() => resolve(undefined))), what, left).catch(() => {});
    }
  }

  /**
   * Send a request and wait for the answer carrying `rawId` (its exact source text).
   * @param {string} method
   * @param {unknown} params
   * @param {string} [rawId]
   */
  async request(method, params, rawId = `"${randomUUID()}"`) {
    this.send(`{"id":${rawId},"jsonrpc":"2.0","method":${JSON.stringify(method)},"params":${JSON.stringify(params)}}`);
    const isAnswer = (/** @type {string} */ text) => text.startsWith(`{"id":${rawId},`) && !text.includes('"method"');
    return this.next(isAnswer, `the answer to ${method}`);
  }

  /**
   * Barrier: send a request and wait for its answer. The relay handles frames one at a time and
   * sends what a frame causes (answers, deliveries) before it handles the next, so once this answer
   * is here, every frame the relay sent this client before is here too.
   */
  async roundTrip() {
    await this.request('test_barrier', {});
  }

  /** Wait for the next irn_subscription delivery, optionally on one topic. @param {string} [topic] */
  nextDelivery(topic) {
    return this.next(
      (_, value) => value.method === 'irn_subscription' && (!topic || value.params.data.topic === topic),
      `a delivery${topic ? ` on ${topic}` : ''}`,
    );
  }

  /** @param {string} topic */
  subscribe(topic) {
    return this.request('irn_subscribe', { topic });
  }

  /** @param {string} topic @param {string} message @param {{ ttl?: number, tag?: number }} [opts] */
  publish(topic, message, { ttl = 300, tag = 1108 } = {}) {
    return this.request('irn_publish', { topic, message, ttl, prompt: false, tag });
  }

  /**
   * Acknowledge a delivery as the SDK does: `{id, result: true}` with the id as received.
   * @param {string} deliveryText
   */
  ack(deliveryText) {
    const rawId = /^\{"id":([^,]+),/.exec(deliveryText)?.[1];
    this.send(`{"id":${rawId},"jsonrpc":"2.0","result":true}`);
  }

  /** Resolves with the close code and reason. @returns {Promise<{ code: number, reason: string }>} */
  async closed() {
    if (this.socket.readyState === WebSocket.CLOSED) throw new Error('already closed');
    const [code, reason] = await within(once(this.socket, 'close'), 'the socket to close');
    return { code, reason: String(reason) };
  }

  async close() {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = once(this.socket, 'close');
    this.socket.close();
    await within(closed, 'the socket to close').catch(() => this.socket.terminate());
  }
}

// ---------------------------------------------------------------------------------------------
// SignClients

/** @typedef {import('@walletconnect/sign-client').SignClient} Client */

export const CHAIN = 'eip155:1';
export const ACCOUNT = `${CHAIN}:0x1111111111111111111111111111111111111111`;
export const NAMESPACES = {
  eip155: {
    chains: [CHAIN],
    methods: ['personal_sign', 'eth_sendTransaction'],
    events: ['chainChanged', 'accountsChanged'],
  },
};
const WALLET_NAMESPACES = { eip155: { ...NAMESPACES.eip155, accounts: [ACCOUNT] } };

/**
 * A real SignClient on the relay, with its own storage prefix (one prefix = one shared Core) and
 * Verify removed (it would wait on the network).
 * @param {typeof SignClient | typeof SignClient215} Class
 * @param {string} name
 * @param {{ url: string }} relay
 * @param {object} [extra] more init options
 * @returns {Promise<Client>}
 */
export async function createClient(Class, name, relay, extra = {}) {
  const client = await Class.init({
    projectId: 'test',
    relayUrl: relay.url,
    customStoragePrefix: `${name}-${randomUUID()}`,
    telemetryEnabled: false,
    logger: 'silent',
    metadata: { name, description: `${name} (relay test)`, url: 'http://127.0.0.1', icons: [] },
    ...extra,
  });
  const verify = /** @type {any} */ (client.core.verify);
  verify.resolve = async () => undefined;
  verify.register = async () => '';
  return /** @type {Client} */ (client);
}

/**
 * SignClient has no destroy: stop its heartbeat and close its socket so the process can exit.
 * First let requests already under way finish: closing under a publish makes the SDK reopen the
 * socket at once and leaves 15-60 s retry timers behind, which keep the process alive.
 * @param {Client} client
 */
export async function closeClient(client) {
  const { heartbeat, relayer } = client.core;
  heartbeat.stop();
  // Internals (both 2.21.5 and 2.21.8): requests awaiting the relay, publishes awaiting a retry.
  const internals = /** @type {{ requestsInFlight: unknown[], publisher: { queue: Map<string, unknown> } }} */ (/** @type {unknown} */ (relayer));
  const idle = () => internals.requestsInFlight.length === 0 && internals.publisher.queue.size === 0;
  const deadline = Date.now() + 2_000;
  for (let quietPolls = 0; quietPolls < 3 && Date.now() < deadline;) {
    await sleep(15);
    quietPolls = idle() ? quietPolls + 1 : 0;
  }
  await relayer.transportClose().catch(() => {});
}

/**
 * A dApp and a wallet paired with one approved session. The wallet answers `personal_sign` with
 * `signed:<message>` and rejects `eth_sendTransaction` with code 5000.
 * @param {{ url: string }} relay
 * @param {{ Wallet?: typeof SignClient | typeof SignClient215 }} [opts]
 */
export async function connectPair(relay, { Wallet = SignClient } = {}) {
  const dapp = await createClient(SignClient, 'dapp', relay);
  const wallet = await createClient(Wallet, 'wallet', relay, { signConfig: { disableRequestQueue: true } });
  wallet.on('session_proposal', ({ id }) => {
    wallet.approve({ id, namespaces: WALLET_NAMESPACES }).catch((error) => console.error('approve failed', error));
  });
  wallet.on('session_request', ({ id, topic, params }) => {
    const { method, params: args } = params.request;
    const response =
      method === 'personal_sign'
        ? { id, jsonrpc: '2.0', result: `signed:${args[0]}` }
        : { id, jsonrpc: '2.0', error: { code: 5000, message: 'User rejected.' } };
    wallet.respond({ topic, response }).catch((error) => console.error('respond failed', error));
  });
  const { uri, approval } = await dapp.connect({ optionalNamespaces: NAMESPACES });
  const approved = approval(); // lazy: start it before the settle can arrive
  if (!uri) throw new Error('connect() returned no uri');
  await wallet.pair({ uri });
  const session = await within(approved, 'the session to settle on the dApp');
  // Wait for the dApp's answer to the settle to reach the wallet, so pairing is quiet when a test
  // starts or tears down. approve()'s acknowledged() does not wait for it in 2.21.8: it resolves at once.
  await until(() => wallet.session.get(session.topic).acknowledged, 'the wallet to see the settle acknowledged');
  const teardown = async () => {
    await Promise.all([closeClient(dapp), closeClient(wallet)]);
  };
  return { dapp, wallet, topic: session.topic, session, teardown };
}

/**
 * @param {Client} dapp
 * @param {string} topic
 * @param {string} [message]
 */
export function sign(dapp, topic, message = 'hello') {
  const request = { method: 'personal_sign', params: [message, ACCOUNT.split(':')[2]] };
  return dapp.request({ topic, chainId: CHAIN, request });
}

/**
 * The next `event` from a SignClient (or any emitter with on/off), bounded.
 * @param {{ on: Function, off: Function }} emitter
 * @param {string} event
 * @param {number} [ms]
 * @returns {Promise<any>}
 */
export function nextEvent(emitter, event, ms = 5_000) {
  /** @type {(value: unknown) => void} */
  let listener = () => {};
  const fired = new Promise((resolve) => {
    listener = resolve;
    emitter.on(event, listener);
  });
  return within(fired, `the ${event} event`, ms).finally(() => emitter.off(event, listener));
}
