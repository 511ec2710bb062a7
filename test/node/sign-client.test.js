// @ts-check
// Real SignClients (2.21.8, and a 2.21.5 wallet) talking through the dev relay in one process.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { startRelay } from '../../demo/server/relay.js';
import { ACCOUNT, CHAIN, SignClient215, TEST_TIMEOUT_MS, connectPair, nextEvent, sign, until, within } from './helpers.js';

const T = { timeout: TEST_TIMEOUT_MS };

/** @type {Array<() => Promise<unknown>>} */
let cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A relay and a paired dApp + wallet, torn down after the test (clients first, then the relay). */
async function setup(/** @type {Parameters<typeof connectPair>[1]} */ opts = {}) {
  const relay = await startRelay();
  cleanups.push(() => relay.close());
  const pair = await connectPair(relay, opts);
  cleanups.push(pair.teardown);
  return { relay, ...pair };
}

/** @param {import('./helpers.js').Client[]} clients */
function bothReconnect(...clients) {
  return Promise.all(clients.map((client) => nextEvent(client.core.relayer, 'relayer_connect')));
}

describe('2.21.8 dApp with a 2.21.8 wallet', () => {
  it('pairs: proposal, approval, and the same session on both sides', T, async () => {
    const { relay, dapp, wallet, topic } = await setup();
    const dappSession = dapp.session.get(topic);
    const walletSession = wallet.session.get(topic);
    assert.deepEqual(dappSession.namespaces.eip155.accounts, [ACCOUNT]);
    assert.deepEqual(walletSession.namespaces, dappSession.namespaces);
    assert.equal(dappSession.peer.metadata.name, 'wallet');
    assert.equal(walletSession.peer.metadata.name, 'dapp');
    const { methods } = relay.stats;
    assert.equal(methods.wc_proposeSession, 1);
    assert.equal(methods.wc_approveSession, 1);
    assert.equal(relay.stats.connections, 2);
  });

  it('carries a request and its result, and a rejection as an error', T, async () => {
    const { dapp, topic } = await setup();
    assert.equal(await sign(dapp, topic, 'gm'), 'signed:gm');
    const rejected = dapp.request({ topic, chainId: CHAIN, request: { method: 'eth_sendTransaction', params: [{}] } });
    await assert.rejects(rejected, { code: 5000, message: /User rejected/ });
    assert.equal(await sign(dapp, topic, 'again'), 'signed:again');
  });

  it('delivers the wallet’s update and emit to the dApp', T, async () => {
    const { dapp, wallet, topic } = await setup();
    const second = `${CHAIN}:0x2222222222222222222222222222222222222222`;
    const updated = nextEvent(dapp, 'session_update');
    const namespaces = { eip155: { ...wallet.session.get(topic).namespaces.eip155, accounts: [ACCOUNT, second] } };
    const { acknowledged } = await wallet.update({ topic, namespaces });
    await within(acknowledged(), 'the update ack');
    assert.deepEqual((await updated).params.namespaces.eip155.accounts, [ACCOUNT, second]);
    assert.deepEqual(dapp.session.get(topic).namespaces.eip155.accounts, [ACCOUNT, second]);

    const emitted = nextEvent(dapp, 'session_event');
    await wallet.emit({ topic, chainId: CHAIN, event: { name: 'chainChanged', data: 1 } });
    const { params } = await emitted;
    assert.deepEqual(params, { event: { name: 'chainChanged', data: 1 }, chainId: CHAIN });
  });

  it('extends the session and pings it', T, async () => {
    const { dapp, wallet, topic } = await setup();
    // Expiry has 1 s resolution: age the dApp's copy so the extension is visible without a wait.
    const before = dapp.session.get(topic).expiry - 60;
    await dapp.session.update(topic, { expiry: before });
    const extended = nextEvent(dapp, 'session_extend');
    const { acknowledged } = await wallet.extend({ topic });
    await within(acknowledged(), 'the extend ack');
    await extended;
    assert.ok(dapp.session.get(topic).expiry > before);

    const pinged = nextEvent(wallet, 'session_ping');
    await within(dapp.ping({ topic }), 'the ping');
    assert.equal((await pinged).topic, topic);
  });

  it('delivers a disconnect to the peer', T, async () => {
    const { dapp, wallet, topic } = await setup();
    const deleted = nextEvent(dapp, 'session_delete');
    await wallet.disconnect({ topic, reason: { code: 6000, message: 'User disconnected.' } });
    assert.equal((await deleted).topic, topic);
    assert.ok(!dapp.session.keys.includes(topic));
  });

  it('recovers from dropAll(): both clients reconnect, re-subscribe, and a request succeeds', T, async () => {
    const { relay, dapp, wallet, topic } = await setup();
    relay.resetStats();
    const reconnected = bothReconnect(dapp, wallet);
    relay.dropAll();
    await reconnected;
    await until(() => (relay.stats.methods.irn_batchSubscribe ?? 0) >= 2, 'both clients to re-subscribe');
    assert.equal(relay.stats.connections, 2);
    assert.equal(await sign(dapp, topic, 'after restart'), 'signed:after restart');
  });

  it('rides out an outage: pause() + dropAll(), then resume(); both reconnect and a request succeeds', T, async () => {
    const { relay, dapp, wallet, topic } = await setup();
    relay.pause();
    relay.dropAll();
    await until(() => relay.stats.connections === 0, 'the sockets to close');
    // barrier: both clients' reconnect attempts have been refused (counted by the relay)
    await until(() => relay.stats.refused >= 2, "both clients' reconnect attempts to be refused", 10_000);
    assert.equal(relay.stats.connections, 0);
    const reconnected = bothReconnect(dapp, wallet);
    relay.resume();
    await within(reconnected, 'both clients to reconnect', 10_000);
    assert.equal(await sign(dapp, topic, 'after the outage'), 'signed:after the outage');
  });

  it('delivers what was published while the wallet was offline when it re-subscribes', T, async () => {
    const { relay, dapp, wallet, topic } = await setup();
    await wallet.core.relayer.transportClose();
    await until(() => relay.stats.connections === 1, 'the wallet to go offline');
    relay.resetStats();
    const result = sign(dapp, topic, 'while you were away');
    await until(() => relay.stats.published === 1, 'the request to be stored');
    assert.equal(relay.stats.delivered, 0);
    await wallet.core.relayer.transportOpen();
    assert.equal(await within(result, 'the late result'), 'signed:while you were away');
    assert.ok((relay.stats.methods.irn_batchSubscribe ?? 0) >= 1);
  });

  it('fires session_expire when the expiry is forced into the past', T, async () => {
    const { dapp, topic } = await setup();
    const expired = nextEvent(dapp, 'session_expire');
    dapp.core.expirer.set(topic, Math.floor(Date.now() / 1000) - 1);
    assert.equal((await expired).topic, topic);
    assert.ok(!dapp.session.keys.includes(topic));
  });
});

describe('2.21.8 dApp with a 2.21.5 wallet (plain subscribe + publish)', () => {
  it('pairs and carries a request', T, async () => {
    const { relay, dapp, wallet, topic } = await setup({ Wallet: SignClient215 });
    assert.deepEqual(wallet.session.get(topic).namespaces, dapp.session.get(topic).namespaces);
    assert.equal(relay.stats.methods.wc_proposeSession, 1);
    assert.equal(relay.stats.methods.wc_approveSession, undefined);
    assert.equal(await sign(dapp, topic, 'old wallet'), 'signed:old wallet');
  });
});
