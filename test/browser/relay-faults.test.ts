/**
 * Relay faults (issue 11, relay slice), each against the real dev relay and a real wallet
 * SignClient: an unreachable relay, a relay that refuses auth (4001), and one that accepts TCP but
 * stalls the WebSocket handshake. Each prints its figure.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/connect/define.js';
import type { WcConnect } from '../../src/elements/connect/connect.js';
import { WcError } from '../../src/errors.js';
import type { ControllerStatus } from '../../src/types.js';
import { cleanupPeers, connectAndApprove, makeDapp, makeWallet } from '../helpers/peers.js';
import { alerts, part } from '../helpers/queries.js';
import { closeStallFront, healFront, openStallFront, REFUSE_AUTH_PATH, relayUrl, stallFront, stallFrontStats } from '../helpers/relay.js';

const figure = (text: string) => console.log(`[figure] ${text}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A loopback URL nothing listens on: a stall front opened and closed again. */
async function closedRelayUrl(): Promise<string> {
  const url = await openStallFront();
  await closeStallFront();
  return url;
}

async function rejection(promise: Promise<unknown>): Promise<WcError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(WcError);
    return error as WcError;
  }
  throw new Error('expected a rejection');
}

describe('relay faults', function () {
  this.timeout(40_000);
  afterEach(async () => {
    for (const el of document.querySelectorAll('wc-connect')) el.remove();
    await cleanupPeers();
    await closeStallFront();
  });

  it('an unreachable relay is reported as relay-unreachable within 10 s, and the SDK keeps trying', async () => {
    const dapp = await makeDapp({ relayUrl: await closedRelayUrl() });
    const errors: WcError[] = [];
    dapp.addEventListener('wc-error', (e) => errors.push(e.detail.error));
    const started = performance.now();
    const error = await rejection(dapp.connect());
    const took = performance.now() - started;
    figure(`relay unreachable reported after ${seconds(took)}`);
    expect(error.code).to.equal('relay-unreachable');
    expect(took).to.be.below(10_000);
    expect(errors.map((e) => e.code)).to.deep.equal(['relay-unreachable']);
    expect(dapp.state.lastError).to.equal(error);
    expect(dapp.state.proposal).to.equal(null);
    // Not given up: the transport was not closed, so the SDK's own attempts go on.
    expect((dapp.client!.core.relayer as unknown as { transportExplicitlyClosed: boolean }).transportExplicitlyClosed).to.equal(false);
  });

  it('<wc-connect> shows relay-unreachable with a Try again button', async () => {
    const dapp = await makeDapp({ relayUrl: await closedRelayUrl() });
    const el = await fixture<WcConnect>(html`<wc-connect chains="eip155:1" methods="personal_sign" .controller=${dapp}></wc-connect>`);
    const started = performance.now();
    part<HTMLButtonElement>(el, 'button')!.click();
    await waitUntil(() => part(el, 'try-again-button') !== null, 'no Try again button', { timeout: 10_000 });
    figure(`<wc-connect> offered Try again after ${seconds(performance.now() - started)}`);
    expect(alerts(el).join(' ')).to.contain('Could not reach the WalletConnect relay');
  });

  it('a relay refusing auth (4001) is reported once as relay-refused, and the status stops flapping', async () => {
    const refusing = await makeDapp({ relayUrl: (await relayUrl()) + REFUSE_AUTH_PATH, noInit: true });
    const errors: WcError[] = [];
    const statuses: ControllerStatus[] = [];
    refusing.addEventListener('wc-error', (e) => errors.push(e.detail.error));
    refusing.addEventListener('wc-status-change', (e) => statuses.push(e.detail.status));
    await refusing.init();
    const started = performance.now();
    const error = await rejection(refusing.connect());
    figure(`relay refusal (4001) reported after ${seconds(performance.now() - started)}`);
    expect(error.code).to.equal('relay-refused');
    // Watch as long as the SDK alone would have flapped ~9 times (45 a minute).
    const watched = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    figure(`${statuses.length} status changes in ${seconds(performance.now() - started)} after a 4001 (${statuses.join(', ')})`);
    expect(statuses.length).to.be.at.most(5);
    expect(refusing.state.history.length).to.be.at.most(6);
    expect(errors.filter((e) => e.code === 'relay-refused')).to.have.length(1);
    expect(performance.now() - watched).to.be.at.least(12_000);
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
