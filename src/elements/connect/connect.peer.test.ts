/**
 * <wc-connect> between real peers: a real SessionController (dApp) behind the element and a real
 * wallet SignClient, talking through the dev relay. Nothing is mocked.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { WcConnect } from './connect.js';
import { cleanupPeers, makeDapp, makeWallet } from '../../../test/helpers/peers.js';
import { part, shadow as root, statusText } from '../../../test/helpers/queries.js';

async function shownUri(el: WcConnect, not?: string): Promise<string> {
  await waitUntil(
    () => {
      const input = part<HTMLInputElement>(el, 'uri');
      return input !== null && input.value.startsWith('wc:') && input.value !== not;
    },
    'no wc: URI shown',
    { timeout: 10_000 },
  );
  return part<HTMLInputElement>(el, 'uri')!.value;
}

describe('<wc-connect> with real peers', () => {
  afterEach(async () => {
    for (const el of document.querySelectorAll('wc-connect')) el.remove();
    await cleanupPeers();
  });

  it('connects through the QR flow, shows the wallet, disconnects, and reconnects over the pairing', async () => {
    const [dapp, wallet] = await Promise.all([makeDapp(), makeWallet()]);
    const el = await fixture<WcConnect>(html`<wc-connect chains="eip155:1" methods="personal_sign" events="chainChanged" .controller=${dapp}></wc-connect>`);

    part<HTMLButtonElement>(el, 'button')!.click();
    const uri = await shownUri(el);
    const qr = part(el, 'qr')!;
    expect(qr.getAttribute('aria-label')).to.equal('QR code for connecting a wallet');

    const proposal = await wallet.pair(uri);
    expect(proposal.params.optionalNamespaces['eip155']!.chains).to.deep.equal(['eip155:1']);
    await wallet.approve(proposal);

    await waitUntil(() => part(el, 'session') !== null && !root(el).querySelector('dialog')!.open, 'not connected', { timeout: 10_000 });
    await el.updateComplete;
    expect(part(el, 'session')!.textContent).to.contain('Test Wallet');
    expect(part(el, 'session')!.textContent).to.contain('0xab16…fcdb');
    expect(statusText(el)).to.contain('Connected to Test Wallet');
    expect(el.matches(':state(connected)')).to.equal(true);

    // disconnect: the wallet hears it; the pairing stays and is offered again
    part<HTMLButtonElement>(el, 'disconnect-button')!.click();
    await wallet.deletes.next('session_delete');
    await waitUntil(() => part(el, 'session') === null, 'session still shown');
    await waitUntil(() => part(el, 'reconnect-button') !== null, 'no reconnect offered');
    const reconnect = part<HTMLButtonElement>(el, 'reconnect-button')!;
    expect(reconnect.textContent).to.contain('Reconnect to Test Wallet');
    reconnect.click();
    const again = await wallet.proposals.next('session_proposal over the pairing');
    await waitUntil(() => root(el).querySelector('dialog')!.textContent!.includes('Request sent to Test Wallet'), 'no "Request sent"');
    expect(part(el, 'qr')).to.equal(null);
    await wallet.approve(again);
    await waitUntil(() => part(el, 'session') !== null, 'not reconnected', { timeout: 10_000 });
    expect(dapp.state.sessions).to.have.length(1);
  });

  it('replaces an expired code with a fresh URI, then offers "Try again"', async () => {
    // 2 s: the controller floors "now" to whole seconds, so a 1 s code may live only a few ms
    const dapp = await makeDapp({ proposalTtl: 2 });
    const el = await fixture<WcConnect>(html`<wc-connect max-refresh="1" .controller=${dapp}></wc-connect>`);
    part<HTMLButtonElement>(el, 'button')!.click();
    const first = await shownUri(el);
    const second = await shownUri(el, first);
    expect(second).not.to.equal(first);
    await waitUntil(() => part(el, 'try-again-button') !== null, 'no Try again', { timeout: 10_000 });
    expect(part(el, 'qr')).to.equal(null);
    expect(dapp.state.proposal).to.equal(null);
    part<HTMLButtonElement>(el, 'try-again-button')!.click();
    const third = await shownUri(el, second);
    expect(third).not.to.equal(second);
    part<HTMLButtonElement>(el, 'cancel-button')!.click();
    await el.updateComplete;
    expect(dapp.state.proposal).to.equal(null);
    expect(root(el).querySelectorAll('[part~="error"]')).to.have.length(0);
  });
});
