/**
 * Relay faults (issue 11): a request made while the relay is down. The dev relay is paused (new
 * sockets refused) and every socket dropped, so neither peer can publish until it resumes; the
 * request must show as pending at once, then be delivered and answered. Prints its figure.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { RequestView } from '../../src/types.js';
import { figure, seconds } from '../helpers/faults.js';
import { ADDRESS, cleanupPeers, connectedPair } from '../helpers/peers.js';
import { dropRelay, pauseRelay, relayStats, resetRelayStats, resumeRelay } from '../helpers/relay.js';

describe('relay faults: a request during an outage', function () {
  this.timeout(60_000);
  afterEach(async () => {
    await resumeRelay();
    await resetRelayStats();
    await cleanupPeers();
  });

  it('is pending in state at once, then delivered and answered when the relay returns', async () => {
    const { dapp, wallet, session } = await connectedPair();
    await resetRelayStats();
    await pauseRelay();
    await dropRelay();
    await waitUntil(() => dapp.state.relay === 'disconnected', 'the relay never dropped', { timeout: 10_000 });
    const seen: RequestView[] = [];
    dapp.addEventListener('wc-request', (e) => seen.push(e.detail));
    const started = performance.now();
    const requesting = dapp.request<string>({ chainId: 'eip155:1', method: 'personal_sign', params: ['0x0a', ADDRESS] });
    let settled = false;
    void requesting.then(
      () => (settled = true),
      () => (settled = true),
    );
    await waitUntil(() => dapp.state.pendingRequests.length === 1, 'the request never showed as pending', { timeout: 20_000, interval: 10 });
    const pendingMs = performance.now() - started;
    figure(`request during an outage pending in state ${Math.round(pendingMs)} ms after request()`);
    // Still down: nothing was published, the SDK's publish has not resolved, and yet it is pending.
    expect(dapp.state.relay).to.equal('disconnected');
    expect(settled).to.equal(false);
    expect((await relayStats<{ published: number }>()).published).to.equal(0);
    const [pending] = dapp.state.pendingRequests;
    expect(pending).to.include({ topic: session.topic, chainId: 'eip155:1', method: 'personal_sign', status: 'pending' });
    expect(seen.map((r) => [r.id, r.status])).to.deep.equal([[pending!.id, 'pending']]);

    // The outage lasts 5 s (as in issue 11's outage): the peers' reconnects are refused, the request stays pending, unanswered.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await waitUntil(async () => (await relayStats<{ refused: number }>()).refused >= 3, 'no reconnect refused', { timeout: 20_000, interval: 250 });
    expect(dapp.state.pendingRequests.map((r) => r.id)).to.deep.equal([pending!.id]);
    expect(settled).to.equal(false);
    expect((await relayStats<{ published: number }>()).published).to.equal(0);
    const outageMs = performance.now() - started;
    await resumeRelay();
    const resumed = performance.now();
    const incoming = await wallet.requests.next('the request held during the outage', 40_000);
    expect(incoming.id).to.equal(pending!.id);
    await wallet.respond(incoming, '0xafter');
    expect(await requesting).to.equal('0xafter');
    figure(`request during an outage (${seconds(outageMs)} down) answered ${seconds(performance.now() - resumed)} after the relay returned`);
    expect(dapp.state.pendingRequests).to.deep.equal([]);
    expect(dapp.state.recentRequests[0]).to.include({ id: pending!.id, status: 'resolved', result: '0xafter' });
    expect(seen.map((r) => [r.id, r.status])).to.deep.equal([
      [pending!.id, 'pending'],
      [pending!.id, 'resolved'],
    ]);
  });
});
