/**
 * Relay faults (issue 11): a relay that refuses the client's auth (close 4001), against the real dev
 * relay. Prints its figures.
 */
import { expect } from '@open-wc/testing';
import { WcError } from '../../src/errors.js';
import type { ControllerStatus } from '../../src/types.js';
import { figure, rejection, seconds } from '../helpers/faults.js';
import { cleanupPeers, makeDapp } from '../helpers/peers.js';
import { REFUSE_AUTH_PATH, relayUrl } from '../helpers/relay.js';

describe('relay faults: auth refused (4001)', function () {
  this.timeout(40_000);
  afterEach(async () => {
    await cleanupPeers();
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
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    figure(`${statuses.length} status changes in ${seconds(performance.now() - started)} after a 4001 (${statuses.join(', ')})`);
    expect(statuses.length).to.be.at.most(5);
    expect(refusing.state.history.length).to.be.at.most(6);
    expect(errors.filter((e) => e.code === 'relay-refused')).to.have.length(1);
  });
});
