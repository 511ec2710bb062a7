/**
 * <wc-session-list> between real peers: a real SessionController (dApp) behind the element and real
 * wallet SignClients, talking through the dev relay. Nothing is mocked.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { cleanupPeers, connectAndApprove, makeDapp, makeWallet } from '../../../test/helpers/peers.js';
import { part, parts, text } from '../../../test/helpers/queries.js';
import type { WcDisconnectRequestEvent } from '../../events.js';
import './define.js';
import type { WcSessionListItem } from './session-item.js';
import type { WcSessionList } from './session-list.js';

const items = (el: WcSessionList) => [...el.shadowRoot!.querySelectorAll('wc-session-list-item')];
const itemFor = (el: WcSessionList, topic: string) => items(el).find((i) => i.session?.topic === topic) ?? null;

describe('<wc-session-list> with real peers', () => {
  afterEach(async () => {
    for (const el of document.querySelectorAll('wc-session-list')) el.remove();
    await cleanupPeers();
  });

  it('lists real sessions and runs ping, extend, select and disconnect against the wallet', async () => {
    const [dapp, walletA, walletB] = await Promise.all([makeDapp(), makeWallet(), makeWallet()]);
    const el = await fixture<WcSessionList>(html`<wc-session-list .controller=${dapp}></wc-session-list>`);
    expect(text(el.shadowRoot!.querySelector('[part="empty"]'))).to.equal('No wallet connected');

    const a = await connectAndApprove(dapp, walletA);
    const b = await connectAndApprove(dapp, walletB, undefined, { chains: ['eip155:1'] });
    await waitUntil(() => items(el).length === 2, 'sessions not listed', { timeout: 10_000 });
    const itemA = itemFor(el, a.topic)!;
    const itemB = itemFor(el, b.topic)!;
    await Promise.all([itemA.updateComplete, itemB.updateComplete]);

    expect(text(part(itemA, 'name'))).to.equal('Test Wallet');
    // in a browser the SDK reports the wallet page's own origin as its URL
    expect(text(part(itemA, 'host'))).to.equal(location.host);
    expect(parts(itemA, 'chain').map(text)).to.include.members(['Ethereum', 'Polygon', 'OP Mainnet']);
    expect(text(part(itemA, 'account'))).to.contain('0xab16…fcdb');
    expect(part(itemA, 'not-granted')).to.equal(null);
    // B was granted Ethereum only: the optional chains show as not granted
    expect(text(part(itemB, 'not-granted'))).to.contain('Polygon');
    expect(text(part(itemB, 'expiry'))).to.match(/^Expires in 7 days$/);

    // ping: a real round trip, shown in ms
    part(itemA, 'ping-button')!.click();
    await waitUntil(() => part(itemA, 'ping-result') !== null, 'no ping result', { timeout: 10_000 });
    expect(text(part(itemA, 'ping-result'))).to.match(/^Ping: \d+ ms$/);

    // extend: the session stays, with a (not earlier) expiry, and the buttons come back
    const before = dapp.getSession(a.topic)!.expiry;
    const extended = new Promise<void>((resolve) =>
      dapp.addEventListener('wc-session-change', function onChange(e) {
        if (e.detail.reason !== 'extend') return;
        dapp.removeEventListener('wc-session-change', onChange);
        resolve();
      }),
    );
    part(itemA, 'extend-button')!.click();
    await extended;
    await itemA.updateComplete;
    expect(itemA.matches(':state(busy)')).to.equal(false);
    expect(dapp.getSession(a.topic)!.expiry).to.be.at.least(before);

    // select: the active session moves and aria-current follows
    const inactive = dapp.state.activeTopic === a.topic ? itemB : itemA;
    part(inactive, 'select-button')!.click();
    await waitUntil(() => inactive.getAttribute('aria-current') === 'true', 'aria-current did not move');
    expect(dapp.state.activeTopic).to.equal(inactive.session!.topic);

    // disconnect: the wallet hears it, the item goes, focus stays in the list
    const seen: WcDisconnectRequestEvent[] = [];
    el.addEventListener('wc-disconnect-request', (e) => seen.push(e));
    itemA.focus();
    part(itemA, 'disconnect-button')!.focus();
    expect(part(itemA, 'disconnect-button')!.getAttribute('aria-disabled')).to.equal(null);
    part(itemA, 'disconnect-button')!.click();
    expect(seen.map((e) => e.detail.topic)).to.deep.equal([a.topic]);
    await waitUntil(() => items(el).length === 1, 'item not removed', { timeout: 10_000 });
    const deleted = await walletA.deletes.next('session_delete', 15_000);
    expect(deleted.topic).to.equal(a.topic);
    expect((el.shadowRoot!.activeElement as WcSessionListItem | null)?.session?.topic).to.equal(b.topic);
    await expect(el).to.be.accessible();
  });

  it("shows a session's pending request until the wallet answers", async () => {
    const [dapp, wallet] = await Promise.all([makeDapp(), makeWallet()]);
    const el = await fixture<WcSessionList>(html`<wc-session-list .controller=${dapp}></wc-session-list>`);
    const session = await connectAndApprove(dapp, wallet);
    const answer = dapp.request({ topic: session.topic, chainId: 'eip155:1', method: 'personal_sign', params: ['0x00', '0x00'] });
    const incoming = await wallet.requests.next('session_request');
    await waitUntil(() => itemFor(el, session.topic) && part(itemFor(el, session.topic)!, 'request') !== null, 'request not shown', {
      timeout: 10_000,
    });
    expect(text(part(itemFor(el, session.topic)!, 'request'))).to.match(/^personal_sign on Ethereum, /);
    await wallet.respond(incoming, '0xsigned');
    expect(await answer).to.equal('0xsigned');
    await waitUntil(() => part(itemFor(el, session.topic)!, 'requests') === null, 'request still shown', { timeout: 10_000 });
  });
});
