// @ts-check
// The dev relay's wire protocol, driven by raw WebSocket clients so bytes can be checked.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { afterEach, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { connect as connectTcp } from 'node:net';
import { REFUSE_AUTH_PATH, startRelay, startStallFront } from '../../demo/server/relay.js';
import { RawClient, TEST_TIMEOUT_MS, makeAuth, until, within } from './helpers.js';

const T = { timeout: TEST_TIMEOUT_MS };
const TOPIC = 'a'.repeat(64);

/** @type {Array<() => Promise<unknown>>} */
let cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** @param {Parameters<typeof startRelay>[0]} [options] */
async function relayFor(options) {
  const relay = await startRelay(options);
  cleanups.push(() => relay.close());
  return relay;
}

/** @param {string} url @param {Parameters<typeof RawClient.connect>[1]} [opts] */
async function clientFor(url, opts) {
  const client = await RawClient.connect(url, opts);
  cleanups.push(() => client.close());
  return client;
}

const sha256 = (/** @type {string} */ text) => createHash('sha256').update(text).digest('hex');

describe('request ids', () => {
  it('echoes a 19-digit numeric id byte for byte, never through a JS number', T, async () => {
    const relay = await relayFor();
    const client = await clientFor(relay.url);
    const rawId = '1795458323834164237'; // > Number.MAX_SAFE_INTEGER; as a double it would end in ...4224
    const { text } = await client.request('irn_subscribe', { topic: TOPIC }, rawId);
    assert.ok(text.startsWith(`{"id":${rawId},`), text);
    const { text: errorText } = await client.request('irn_nope', {}, '9007199254740993');
    assert.ok(errorText.startsWith('{"id":9007199254740993,'), errorText);
  });

  it('echoes a 19-digit string id (what 2.21.x clients send) as the same string', T, async () => {
    const relay = await relayFor();
    const client = await clientFor(relay.url);
    const { text } = await client.request('irn_subscribe', { topic: TOPIC }, '"1795458323834164237"');
    assert.ok(text.startsWith('{"id":"1795458323834164237",'), text);
  });

  it('finds the id wherever it sits and whatever the spacing', T, async () => {
    const relay = await relayFor();
    const client = await clientFor(relay.url);
    const params = `{"topic":"${TOPIC}","id":1}`; // a nested "id" must not be mistaken for the request's
    client.send(`{ "jsonrpc" : "2.0", "params" : ${params}, "method":"irn_subscribe" ,\n "id" : 1795458323834164237 }`);
    const { text } = await client.next((t) => t.startsWith('{"id":1795458323834164237,'), 'the answer');
    assert.match(text, /"result":"[0-9a-f]{64}"/);
  });
});

describe('JSON-RPC methods', () => {
  it('irn_subscribe answers sha256(topic + did), the id the client computes itself', T, async () => {
    const relay = await relayFor();
    const client = await clientFor(relay.url);
    const { value } = await client.subscribe(TOPIC);
    assert.equal(value.result, sha256(TOPIC + client.did));
  });

  it('irn_batchSubscribe answers the ids; irn_unsubscribe and irn_publish answer true', T, async () => {
    const relay = await relayFor();
    const client = await clientFor(relay.url);
    const topics = ['b'.repeat(64), 'c'.repeat(64)];
    const { value: batch } = await client.request('irn_batchSubscribe', { topics });
    assert.deepEqual(
      batch.result,
      topics.map((topic) => sha256(topic + client.did)),
    );
    const { value: unsubscribed } = await client.request('irn_unsubscribe', { topic: topics[0], id: batch.result[0] });
    assert.equal(unsubscribed.result, true);
    const { value: published } = await client.publish(TOPIC, 'm1');
    assert.equal(published.result, true);
  });

  it('unknown methods get -32601', T, async () => {
    const relay = await relayFor();
    const client = await clientFor(relay.url);
    const { value } = await client.request('irn_batchFetchMessages', { topics: [TOPIC] });
    assert.equal(value.error.code, -32601);
    assert.match(value.error.message, /irn_batchFetchMessages/);
  });

  it('bad params get -32602 naming the field, and nothing is stored', T, async () => {
    const relay = await relayFor();
    const client = await clientFor(relay.url);
    const cases = /** @type {Array<[string, unknown, RegExp]>} */ ([
      ['irn_subscribe', {}, /topic/],
      ['irn_subscribe', [TOPIC], /params must be an object/],
      ['irn_batchSubscribe', { topics: [TOPIC, 7] }, /topics/],
      ['irn_publish', { topic: TOPIC, message: '', ttl: 300 }, /message/],
      ['irn_publish', { topic: TOPIC, message: 'm', ttl: -1 }, /ttl/],
      ['irn_publish', { topic: TOPIC, message: 'm', ttl: 300, tag: 'x' }, /tag/],
      ['wc_approveSession', { sessionTopic: TOPIC, pairingTopic: TOPIC, sessionProposalResponse: 'r', ttl: 300 }, /sessionSettlementRequest/],
    ]);
    for (const [method, params, field] of cases) {
      const { value } = await client.request(method, params);
      assert.equal(value.error?.code, -32602, `${method} ${JSON.stringify(params)}`);
      assert.match(value.error.message, field);
    }
    assert.equal(relay.stats.stored, 0);
  });

  it('a malformed frame gets -32700 with id null; the socket and other clients carry on', T, async () => {
    const relay = await relayFor();
    const bad = await clientFor(relay.url);
    const good = await clientFor(relay.url);
    await good.subscribe(TOPIC);
    for (const junk of ['{"id":1,', 'not json', '\u0000\u00ff', '[1,2']) {
      bad.send(junk);
      const { value } = await bad.next((_, v) => v.error?.code === -32700, 'a parse error');
      assert.equal(value.id, null);
    }
    bad.send('[{"id":1,"jsonrpc":"2.0","method":"irn_subscribe","params":{}}]');
    assert.equal((await bad.next((_, v) => v.error, 'an error')).value.error.code, -32600);
    bad.socket.send(Buffer.from('{"id":2,"jsonrpc":"2.0","method":"irn_publish","params":{}}')); // a binary frame
    assert.equal((await bad.next((_, v) => v.id === 2, 'an error')).value.error.code, -32602);
    await bad.publish(TOPIC, 'still works');
    const { value } = await good.nextDelivery(TOPIC);
    assert.equal(value.params.data.message, 'still works');
  });

  it('answers to requests the relay never sent are ignored, not treated as requests', T, async () => {
    const relay = await relayFor();
    const client = await clientFor(relay.url);
    client.send('{"id":5,"jsonrpc":"2.0","result":true}');
    client.send('{"id":"6","jsonrpc":"2.0","error":{"code":1,"message":"x"}}');
    await client.subscribe(TOPIC); // answered after the two frames above were handled
    assert.deepEqual(client.frames, []);
    assert.equal(relay.stats.acked, 0);
  });
});

describe('mailbox', () => {
  it('stores a message for late subscribers, never echoes it to its publisher', T, async () => {
    const relay = await relayFor();
    const publisher = await clientFor(relay.url);
    await publisher.subscribe(TOPIC);
    await publisher.publish(TOPIC, 'hello', { tag: 1100 });
    const late = await clientFor(relay.url);
    await late.subscribe(TOPIC);
    const { value } = await late.nextDelivery(TOPIC);
    assert.equal(value.jsonrpc, '2.0');
    assert.equal(value.params.id, sha256(TOPIC + late.did));
    assert.deepEqual(Object.keys(value.params.data).sort(), ['message', 'publishedAt', 'tag', 'topic']);
    assert.equal(value.params.data.message, 'hello');
    assert.equal(value.params.data.tag, 1100);
    assert.ok(Math.abs(value.params.data.publishedAt - Date.now()) < 5_000);
    await publisher.roundTrip();
    assert.ok(!publisher.frames.some((f) => f.includes('irn_subscription')), 'the publisher got its own message');
  });

  it('an acked message is not redelivered to that identity; an unacked one is, on a new socket', T, async () => {
    const relay = await relayFor();
    const publisher = await clientFor(relay.url);
    await publisher.publish(TOPIC, 'one');
    await publisher.publish(TOPIC, 'two');
    const { jwt, did } = await makeAuth();

    const first = await RawClient.connect(relay.url, { auth: jwt, did });
    await first.subscribe(TOPIC);
    const one = await first.nextDelivery(TOPIC);
    const two = await first.nextDelivery(TOPIC);
    assert.deepEqual([one.value.params.data.message, two.value.params.data.message], ['one', 'two']);
    first.ack(one.text); // 'two' dies un-acked with the socket
    await until(() => relay.stats.acked === 1, 'the ack');
    first.socket.terminate();

    const second = await clientFor(relay.url, { auth: jwt, did });
    await second.request('irn_batchSubscribe', { topics: [TOPIC] });
    const again = await second.nextDelivery(TOPIC);
    assert.equal(again.value.params.data.message, 'two');
    second.ack(again.text);
    await second.roundTrip();
    assert.ok(!second.frames.some((f) => f.includes('irn_subscription')), 'redelivered an acked message');

    // A re-subscribe on the same socket does not resend what is still in flight or acked.
    await second.subscribe(TOPIC);
    await second.roundTrip();
    assert.ok(!second.frames.some((f) => f.includes('irn_subscription')));
  });

  it('pushes live messages to every subscriber but the publisher, and stops after unsubscribe', T, async () => {
    const relay = await relayFor();
    const [a, b, c] = [await clientFor(relay.url), await clientFor(relay.url), await clientFor(relay.url)];
    for (const client of [a, b, c]) await client.subscribe(TOPIC);
    await a.publish(TOPIC, 'live');
    assert.equal((await b.nextDelivery(TOPIC)).value.params.data.message, 'live');
    assert.equal((await c.nextDelivery(TOPIC)).value.params.data.message, 'live');
    await c.request('irn_unsubscribe', { topic: TOPIC, id: sha256(TOPIC + c.did) });
    await a.publish(TOPIC, 'after');
    await b.nextDelivery(TOPIC);
    await Promise.all([a.roundTrip(), c.roundTrip()]);
    assert.ok(!c.frames.some((f) => f.includes('"after"')));
    assert.ok(!a.frames.some((f) => f.includes('irn_subscription')));
  });

  it('wc_proposeSession / wc_approveSession subscribe the caller and publish with tags 1100/1101/1102', T, async () => {
    const relay = await relayFor();
    const dapp = await clientFor(relay.url);
    const wallet = await clientFor(relay.url);
    const pairingTopic = 'd'.repeat(64);
    const sessionTopic = 'e'.repeat(64);
    const proposal = { pairingTopic, sessionProposal: 'proposal', ttl: 300, correlationId: 1 };
    const proposed = await dapp.request('wc_proposeSession', proposal);
    assert.equal(proposed.value.result, true);
    await wallet.subscribe(pairingTopic);
    const delivered = await wallet.nextDelivery(pairingTopic);
    assert.deepEqual([delivered.value.params.data.message, delivered.value.params.data.tag], ['proposal', 1100]);
    wallet.ack(delivered.text);

    const approved = await wallet.request('wc_approveSession', {
      sessionTopic,
      pairingTopic,
      sessionProposalResponse: 'response',
      sessionSettlementRequest: 'settle',
      ttl: 300,
      correlationId: 1,
    });
    assert.equal(approved.value.result, true);
    const response = await dapp.nextDelivery(pairingTopic); // the dApp is subscribed to the pairing topic
    assert.deepEqual([response.value.params.data.message, response.value.params.data.tag], ['response', 1101]);
    await dapp.subscribe(sessionTopic); // as the dApp does after reading the response
    const settle = await dapp.nextDelivery(sessionTopic);
    assert.deepEqual([settle.value.params.data.message, settle.value.params.data.tag], ['settle', 1102]);

    await dapp.publish(sessionTopic, 'settle ack', { tag: 1103 }); // the wallet is subscribed to the session topic
    assert.equal((await wallet.nextDelivery(sessionTopic)).value.params.data.message, 'settle ack');
  });

  it('drops messages once their ttl has passed', T, async () => {
    const relay = await relayFor({ sweepIntervalMs: 20 });
    const publisher = await clientFor(relay.url);
    await publisher.publish(TOPIC, 'short', { ttl: 0.2 });
    await publisher.publish(TOPIC, 'long', { ttl: 300 });
    assert.equal(relay.stats.stored, 2);
    await until(() => relay.stats.stored === 1, 'the sweep');
    const late = await clientFor(relay.url);
    await late.subscribe(TOPIC);
    assert.equal((await late.nextDelivery(TOPIC)).value.params.data.message, 'long');
    await late.roundTrip();
    assert.ok(!late.frames.some((f) => f.includes('"short"')));
  });

  it('stores a re-published (retried) message once', T, async () => {
    const relay = await relayFor();
    const publisher = await clientFor(relay.url);
    await publisher.publish(TOPIC, 'same');
    await publisher.publish(TOPIC, 'same');
    assert.equal(relay.stats.stored, 1);
    assert.equal(relay.stats.published, 1);
  });
});

describe('limits', () => {
  it('rejects an oversized frame or message with a clear error and keeps the socket', T, async () => {
    const relay = await relayFor({ maxMessageBytes: 1024 });
    const client = await clientFor(relay.url);
    const oversized = { topic: TOPIC, message: 'x'.repeat(2000), ttl: 300, tag: 1108 };
    const big = await client.request('irn_publish', oversized, '1795458323834164237');
    assert.ok(big.text.startsWith('{"id":1795458323834164237,'), 'the id survives an oversized frame');
    assert.equal(big.value.error.code, -32001);
    assert.match(big.value.error.message, /exceeds the relay limit of 1024 bytes/);
    assert.equal(relay.stats.stored, 0);
    const { value } = await client.publish(TOPIC, 'small');
    assert.equal(value.result, true);
  });

  it('closes a socket whose frame is far over the limit (ws 1009) without affecting others', T, async () => {
    const relay = await relayFor({ maxMessageBytes: 1024 });
    const flooder = await clientFor(relay.url);
    const other = await clientFor(relay.url);
    flooder.send('x'.repeat(10 * 1024 * 1024));
    assert.equal((await flooder.closed()).code, 1009);
    assert.equal((await other.publish(TOPIC, 'fine')).value.result, true);
  });

  it('rejects publishes when the mailbox is full, and accepts again once messages expire', T, async () => {
    const relay = await relayFor({ maxMailboxMessages: 2 });
    const client = await clientFor(relay.url);
    await client.publish(TOPIC, 'one', { ttl: 0.2 });
    await client.publish(TOPIC, 'two');
    const { value } = await client.publish(TOPIC, 'three');
    assert.equal(value.error.code, -32002);
    assert.match(value.error.message, /Mailbox full/);
    const proposal = { pairingTopic: TOPIC, sessionProposal: 'p', ttl: 300, correlationId: 1 };
    const proposed = await client.request('wc_proposeSession', proposal);
    assert.equal(proposed.value.error.code, -32002);
    // accepted again once the expired 'one' is swept to make room ('one' goes, 'two' and 'three' stay)
    await until(async () => (await client.publish(TOPIC, 'three')).value.result === true, "a publish after 'one' expired");
    assert.equal(relay.stats.stored, 2);
  });
});

describe('auth', () => {
  it('accepts a valid relay-auth JWT and uses its did:key as the identity', T, async () => {
    const relay = await relayFor();
    const client = await clientFor(relay.url);
    assert.equal((await client.subscribe(TOPIC)).value.result, sha256(TOPIC + client.did));
  });

  /** @type {Array<[string, () => Promise<string | null>]>} */
  const badTokens = [
    ['missing', async () => null],
    ['malformed', async () => 'not-a-jwt'],
    ['expired', async () => (await makeAuth({ ttlSeconds: 10, issuedAt: Math.floor(Date.now() / 1000) - 100 })).jwt],
    [
      'tampered',
      async () => {
        const [header, payload, signature] = (await makeAuth()).jwt.split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
        claims.exp += 1;
        return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
      },
    ],
    [
      'signed by another key',
      async () => {
        const [header, payload] = (await makeAuth()).jwt.split('.');
        return [header, payload, (await makeAuth()).jwt.split('.')[2]].join('.');
      },
    ],
  ];
  for (const [name, token] of badTokens) {
    it(`closes the socket with 4001 on a ${name} JWT`, T, async () => {
      const relay = await relayFor();
      const client = await clientFor(relay.url, { auth: await token() });
      const { code, reason } = await client.closed();
      assert.equal(code, 4001);
      assert.match(reason, /auth JWT/);
      assert.equal(relay.stats.connections, 0);
    });
  }

  it('refuseAuth(true) closes even a valid JWT with 4001 and counts it; refuseAuth(false) accepts again', T, async () => {
    const relay = await relayFor();
    relay.refuseAuth(true);
    const refused = await clientFor(relay.url);
    const { code } = await refused.closed();
    assert.equal(code, 4001);
    assert.equal(relay.stats.authRefused, 1);
    relay.refuseAuth(false);
    const accepted = await clientFor(relay.url);
    assert.equal((await accepted.publish(TOPIC, 'welcome back')).value.result, true);
    assert.equal(relay.stats.authRefused, 1);
  });

  it(`refuses (4001) every socket on the ${REFUSE_AUTH_PATH} path, and only those`, T, async () => {
    const relay = await relayFor();
    const refused = await clientFor(relay.url + REFUSE_AUTH_PATH);
    assert.equal((await refused.closed()).code, 4001);
    const accepted = await clientFor(relay.url);
    assert.equal((await accepted.publish(TOPIC, 'unaffected')).value.result, true);
  });

  it('checkAuth:false accepts any or no JWT, still using a decodable iss as the identity', T, async () => {
    const relay = await relayFor({ checkAuth: false });
    const anonymous = await clientFor(relay.url, { auth: null });
    assert.equal((await anonymous.publish(TOPIC, 'from anonymous')).value.result, true);
    const expired = await makeAuth({ ttlSeconds: 10, issuedAt: Math.floor(Date.now() / 1000) - 100 });
    const client = await clientFor(relay.url, { auth: expired.jwt, did: expired.did });
    assert.equal((await client.subscribe(TOPIC)).value.result, sha256(TOPIC + expired.did));
    assert.equal((await client.nextDelivery(TOPIC)).value.params.data.message, 'from anonymous');
  });
});

describe('connections', () => {
  it('accepts any path and query', T, async () => {
    const relay = await relayFor({ checkAuth: false });
    const socket = new WebSocket(`${relay.url}/some/path?projectId=x&ua=y&useOnCloseEvent=true`);
    await within(once(socket, 'open'), 'open');
    socket.close();
    await once(socket, 'close');
  });

  it('dropAll() closes every socket (1012) and keeps the mailbox', T, async () => {
    const relay = await relayFor();
    const [a, b] = [await clientFor(relay.url), await clientFor(relay.url)];
    await a.publish(TOPIC, 'kept');
    const closedA = a.closed();
    const closedB = b.closed();
    relay.dropAll();
    assert.deepEqual([(await closedA).code, (await closedB).code], [1012, 1012]);
    await until(() => relay.stats.connections === 0, 'the sockets to go');
    assert.equal(relay.stats.stored, 1);
    const c = await clientFor(relay.url);
    await c.subscribe(TOPIC);
    assert.equal((await c.nextDelivery(TOPIC)).value.params.data.message, 'kept');
    const d = await clientFor(relay.url);
    const closedD = d.closed();
    relay.dropAll(1006); // not sendable: terminate, as a crash would
    assert.equal((await closedD).code, 1006);
  });

  it('pause() refuses new upgrades (503) and holds deliveries; resume() delivers them in order', T, async () => {
    const relay = await relayFor();
    const [publisher, subscriber] = [await clientFor(relay.url), await clientFor(relay.url)];
    const other = 'f'.repeat(64);
    await subscriber.request('irn_batchSubscribe', { topics: [TOPIC, other] });
    relay.pause();
    const refused = new WebSocket(relay.url);
    refused.on('error', () => {});
    const [, response] = await within(once(refused, 'unexpected-response'), 'the refusal');
    assert.equal(response.statusCode, 503);
    assert.equal(relay.stats.refused, 1);
    refused.terminate();
    for (const [topic, message] of [
      [TOPIC, 'first'],
      [other, 'second'],
      [TOPIC, 'third'],
    ]) {
      assert.equal((await publisher.publish(topic, message)).value.result, true); // answered, stored
    }
    await subscriber.subscribe(TOPIC); // a re-subscribe while paused is answered, not flushed
    await subscriber.roundTrip();
    assert.ok(!subscriber.frames.some((f) => f.includes('irn_subscription')), 'delivered while paused');
    relay.resume();
    const delivered = [];
    for (let i = 0; i < 3; i++) delivered.push((await subscriber.nextDelivery()).value.params.data.message);
    assert.deepEqual(delivered, ['first', 'second', 'third']);
    await clientFor(relay.url);
    assert.equal(relay.stats.connections, 3);
  });

  it('pings every interval and terminates a socket that stops answering', T, async () => {
    const relay = await relayFor({ pingIntervalMs: 40 });
    const silent = await clientFor(relay.url, { options: { autoPong: false } });
    const healthy = await clientFor(relay.url);
    let pings = 0;
    healthy.socket.on('ping', () => pings++);
    const { code } = await within(silent.closed(), 'the silent socket to be terminated', 2_000);
    assert.equal(code, 1006);
    assert.ok(pings >= 2, `healthy socket saw ${pings} pings`);
    assert.equal(healthy.socket.readyState, WebSocket.OPEN);
  });

  it('close() closes every socket (1001), stops listening and is idempotent', T, async () => {
    const relay = await startRelay();
    const client = await RawClient.connect(relay.url);
    const closed = client.closed();
    await Promise.all([relay.close(), relay.close()]);
    assert.equal((await closed).code, 1001);
    const refused = new WebSocket(relay.url);
    const [error] = await within(once(refused, 'error'), 'the refusal');
    assert.match(String(error), /ECONNREFUSED/);
  });

  it('counts methods, publishes, deliveries and acks; resetStats() clears the counters', T, async () => {
    const relay = await relayFor();
    const [a, b] = [await clientFor(relay.url), await clientFor(relay.url)];
    await b.subscribe(TOPIC);
    await a.publish(TOPIC, 'counted');
    b.ack((await b.nextDelivery(TOPIC)).text);
    await a.request('nope', {});
    await until(() => relay.stats.acked === 1, 'the ack');
    assert.deepEqual(relay.stats, {
      connections: 2,
      methods: { irn_subscribe: 1, irn_publish: 1, '(unknown)': 1 },
      published: 1,
      delivered: 1,
      acked: 1,
      refused: 0,
      authRefused: 0,
      stored: 1,
    });
    relay.resetStats();
    assert.deepEqual(relay.stats, { connections: 2, methods: {}, published: 0, delivered: 0, acked: 0, refused: 0, authRefused: 0, stored: 1 });
  });

  it('logs through the log option', T, async () => {
    /** @type {string[]} */
    const lines = [];
    const relay = await relayFor({ log: (line) => lines.push(line) });
    const client = await clientFor(relay.url);
    await client.publish(TOPIC, 'logged');
    assert.ok(
      lines.some((line) => line.startsWith('connect')),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((line) => line.startsWith('publish')),
      lines.join('\n'),
    );
  });
});

describe('stall front (test hook)', () => {
  /** @param {Parameters<typeof startStallFront>[0]} options */
  async function frontFor(options) {
    const front = await startStallFront(options);
    cleanups.push(() => front.close());
    return front;
  }

  it('pipes WebSockets to the relay while healthy', T, async () => {
    const relay = await relayFor();
    const front = await frontFor({ target: relay.url });
    const client = await clientFor(front.url);
    assert.equal((await client.publish(TOPIC, 'through the front')).value.result, true);
    assert.equal(front.stats().piped, 1);
  });

  it('stall() cuts piped sockets and holds new ones without a handshake; heal() pipes new ones again', T, async () => {
    const relay = await relayFor();
    const front = await frontFor({ target: relay.url });
    const before = await clientFor(front.url);
    front.stall();
    await before.closed();
    // A raw TCP socket: connected, but no byte ever comes back.
    const tcp = connectTcp(front.port, '127.0.0.1');
    cleanups.push(async () => tcp.destroy());
    await within(once(tcp, 'connect'), 'the TCP connect');
    tcp.write('GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    await until(() => front.stats().held === 1, 'the front to hold the socket');
    const answered = await within(once(tcp, 'data'), 'an answer', 300).then(
      () => true,
      () => false,
    );
    assert.equal(answered, false);
    front.heal();
    const after = await clientFor(front.url);
    assert.equal((await after.publish(TOPIC, 'healed')).value.result, true);
    assert.equal(front.stats().held, 1, 'the stalled socket stays held after heal()');
  });
});
