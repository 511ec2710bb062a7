/**
 * Relay faults (issue 11): a relay that accepts TCP but stalls the WebSocket handshake, then heals;
 * the dApp (a real controller) sits behind a stall front, the wallet on the dev relay. Prints its figure.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { figure, seconds } from '../helpers/faults.js';
import { cleanupPeers, connectAndApprove, makeDapp, makeWallet } from '../helpers/peers.js';
import { closeStallFront, healFront, openStallFront, stallFront, stallFrontStats } from '../helpers/relay.js';

describe('relay faults: stalled handshake', function () {
  this.timeout(40_000);
  afterEach(async () => {
    await cleanupPeers();
    await closeStallFront();
  });

  it('a stalled WebSocket handshake is timed out: reconnected within 10 s of the relay being healthy', async () => {
    const front = await openStallFront();
    const [dapp, wallet] = await Promise.all([makeDapp({ relayUrl: front }), makeWallet()]);
    await connectAndApprove(dapp, wallet);
    expect(dapp.state.relay).to.equal('connected');
    await stallFront();
    await waitUntil(() => dapp.state.relay === 'disconnected', 'the relay never dropped', { timeout: 10_000 });
    // Stalled for a while: at least two handshakes held (one timed out and was retried).
    await waitUntil(async () => (await stallFrontStats()).held >= 2, 'no handshake retried', { timeout: 20_000, interval: 250 });
    await healFront();
    const healed = performance.now();
    await waitUntil(() => dapp.state.relay === 'connected', 'not reconnected', { timeout: 15_000, interval: 50 });
    const took = performance.now() - healed;
    figure(`reconnected ${seconds(took)} after the relay was healthy again`);
    expect(took).to.be.below(10_000);
    expect(dapp.state.status).to.equal('connected');
  });
});
