/**
 * Invisible characters in a real wallet's name: real wallet SignClients whose names are made of the
 * listed code points pair with a real SessionController through the dev relay; <wc-session-list>
 * must show every one of them with a visible name and its host.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { cleanupPeers, connectAndApprove, makeDapp, makeWallet } from '../../test/helpers/peers.js';
import '../elements/session-list/define.js';
import type { WcSessionList } from '../elements/session-list/session-list.js';
import type { WcSessionListItem } from '../elements/session-list/session-item.js';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
const FILLERS = ['\u3164', '\u2800', '\u115f', '\u1160', '\uffa0'];
const ZERO_WIDTH = range(0x200b, 0x200f);
const TAGS = range(0xe0000, 0xe007f);

const items = (el: WcSessionList) => [...el.shadowRoot!.querySelectorAll<WcSessionListItem>('wc-session-list-item')];
const part = (item: WcSessionListItem, name: string) => item.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const visible = (s: string) => /[\p{L}\p{N}\p{P}\p{S}]/u.test(s.replace(/[\u3164\u2800\u115f\u1160\uffa0]/g, ''));

describe('invisible characters in a real wallet name', () => {
  afterEach(async () => {
    for (const el of document.querySelectorAll('wc-session-list')) el.remove();
    await cleanupPeers();
  });

  it('every session shows a visible name and the host; a padded name shows without its padding', async () => {
    const names = [
      [...FILLERS, ...ZERO_WIDTH].join(''), // nameless: fillers and zero-width only
      TAGS.join(''), // nameless: the whole tag block
      `Test${FILLERS.join('')}Wallet${TAGS.slice(0x20, 0x30).join('')}${ZERO_WIDTH.join('')}`, // padded look-alike
    ];
    const dapp = await makeDapp();
    const wallets = await Promise.all(names.map((name) => makeWallet({ metadata: { name, description: '', url: 'https://wallet.example', icons: [] } })));
    const el = await fixture<WcSessionList>(html`<wc-session-list .controller=${dapp}></wc-session-list>`);
    for (const wallet of wallets) await connectAndApprove(dapp, wallet);
    await waitUntil(() => items(el).length === names.length, 'sessions listed', { timeout: 10_000 });
    await Promise.all(items(el).map((i) => i.updateComplete));

    const shown = items(el).map((item) => ({ name: text(part(item, 'name')), host: text(part(item, 'host')) }));
    const blank = shown.filter((s) => !visible(s.name)).length;
    console.log(`[figure] invisible chars via relay: ${blank} blank wallet names of ${shown.length} real sessions`);
    expect(blank).to.equal(0);
    // in a browser the SDK reports the wallet page's own origin as its URL
    const host = location.host;
    expect(shown.map((s) => s.name)).to.have.members([`Unnamed wallet (${host})`, `Unnamed wallet (${host})`, 'TestWallet']);
    for (const s of shown) expect(s.host).to.equal(host);
    // the accessible names carry the visible name too
    for (const item of items(el)) {
      const label = part(item, 'disconnect-button')!.getAttribute('aria-label')!;
      expect(visible(label.replace(/^Disconnect/, ''))).to.equal(true);
    }
  });
});
