/**
 * Relay faults (issue 11): a relay nothing listens on (a closed loopback port), for the controller
 * and for <wc-connect>. Prints the figures.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/connect/define.js';
import type { WcConnect } from '../../src/elements/connect/connect.js';
import { WcError } from '../../src/errors.js';
import { figure, rejection, seconds } from '../helpers/faults.js';
import { cleanupPeers, makeDapp } from '../helpers/peers.js';
import { alerts, part } from '../helpers/queries.js';
import { closeStallFront, openStallFront } from '../helpers/relay.js';

/** A loopback URL nothing listens on: a stall front opened and closed again. */
async function closedRelayUrl(): Promise<string> {
  const url = await openStallFront();
  await closeStallFront();
  return url;
}

describe('relay faults: unreachable', function () {
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
});
