import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FakeController, makeSession } from '../../../test/helpers/fake-controller.js';
import { part, parts, text } from '../../../test/helpers/queries.js';
import type { PeerMetadata, SessionView } from '../../types.js';
import './define.js';
import type { WcSessionListItem } from './session-item.js';
import type { WcSessionList } from './session-list.js';

const ADDRESS = '0xab16a96d359ec26a11e2c2b3d8f8b8942d5bfcdb';
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Mounts a list with one session and returns its item (the way the item is used). */
async function renderOne(patch: Partial<SessionView>): Promise<{ el: WcSessionList; item: WcSessionListItem }> {
  const fake = new FakeController({ sessions: [makeSession(patch)] });
  const el = await fixture<WcSessionList>(html`<wc-session-list .controller=${fake}></wc-session-list>`);
  await el.updateComplete;
  const item = el.shadowRoot!.querySelector('wc-session-list-item')!;
  await item.updateComplete;
  return { el, item };
}
function peer(metadata: Partial<PeerMetadata> & Record<string, unknown>): SessionView['peer'] {
  return { publicKey: 'peer', metadata: { name: '', description: '', url: '', icons: [], ...metadata } as PeerMetadata };
}
/** Every element in the list's and its items' shadow trees. */
function allElements(el: WcSessionList): Element[] {
  const out: Element[] = [];
  const walk = (root: ShadowRoot | Element) => {
    for (const node of root.querySelectorAll('*')) {
      out.push(node);
      if (node.shadowRoot) walk(node.shadowRoot);
    }
  };
  walk(el.shadowRoot!);
  return out;
}

describe('<wc-session-list> items', () => {
  it('shows the peer: icon, name, punycode host and description', async () => {
    const { item } = await renderOne({
      peer: peer({ name: 'MetaMask', description: 'A wallet', url: 'https://bücher.example/path', icons: ['https://cdn.example/icon.png'] }),
    });
    expect(text(part(item, 'name'))).to.equal('MetaMask');
    expect(text(part(item, 'host'))).to.equal('xn--bcher-kva.example');
    expect(text(part(item, 'description'))).to.equal('A wallet');
    const img = part(item, 'icon') as HTMLImageElement;
    expect(img.localName).to.equal('img');
    expect(img.getAttribute('src')).to.equal('https://cdn.example/icon.png');
    expect(img.getAttribute('alt')).to.equal('');
    expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
  });

  it('accepts a raster data: icon', async () => {
    const { item } = await renderOne({ peer: peer({ name: 'Raster', icons: [PNG] }) });
    expect(part(item, 'icon')!.getAttribute('src')).to.equal(PNG);
  });

  it("falls back to the name's initial when the icon fails to load", async () => {
    const { item } = await renderOne({ peer: peer({ name: 'rainbow', icons: ['https://wallet.example/icon.png'] }) });
    const img = part(item, 'icon')!;
    expect(img.localName).to.equal('img');
    // The load failure itself (dispatched, so the test does not depend on the network or on a
    // background test page ever loading images).
    img.dispatchEvent(new Event('error'));
    await item.updateComplete;
    const placeholder = part(item, 'icon')!;
    expect(placeholder.localName).to.equal('span');
    expect(text(placeholder)).to.equal('R');
    expect(placeholder.getAttribute('aria-hidden')).to.equal('true');
  });

  it('shows chains as chips with readable names, unknown ids raw', async () => {
    const { item } = await renderOne({ chains: ['eip155:1', 'eip155:137', 'eip155:999999'] });
    expect(parts(item, 'chain').map(text)).to.deep.equal(['Ethereum', 'Polygon', 'eip155:999999']);
    expect(parts(item, 'chain')[0]!.title).to.equal('eip155:1');
    expect(part(item, 'chains')!.getAttribute('aria-label')).to.equal('Chains');
  });

  it('shortens accounts, keeps the full CAIP-10 id available, and offers a copy button', async () => {
    const { item } = await renderOne({ accounts: [`eip155:1:${ADDRESS}`] });
    const account = part(item, 'account')!;
    const visible = account.querySelector('[aria-hidden="true"]')!;
    expect(text(visible)).to.equal('0xab16…fcdb');
    expect(visible.getAttribute('title')).to.equal(`eip155:1:${ADDRESS}`);
    expect(text(account.querySelector('.visually-hidden'))).to.contain(`eip155:1:${ADDRESS}`);
    const copy = account.querySelector<HTMLButtonElement>('[part="copy-button"]')!;
    expect(copy.getAttribute('aria-label')).to.equal('Copy address 0xab16…fcdb on Ethereum');
  });

  it('says which chain each account row is on when one address spans chains', async () => {
    const { item } = await renderOne({ accounts: [`eip155:1:${ADDRESS}`, `eip155:137:${ADDRESS}`, `eip155:999999:${ADDRESS}`] });
    const chains = parts(item, 'account').map((a) => text(a.querySelector('.account-chain')));
    expect(chains).to.deep.equal(['Ethereum', 'Polygon', 'eip155:999999']);
  });

  it('copies the address and says so', async () => {
    const { el, item } = await renderOne({ accounts: [`eip155:1:${ADDRESS}`] });
    let written: string | null = null;
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (value: string) => void (written = value) },
    });
    try {
      part(item, 'copy-button')!.click();
      await waitUntil(() => text(part(item, 'copy-button')) === 'Copied', 'no copy feedback');
      expect(written).to.equal(ADDRESS);
      await waitUntil(() => text(el.shadowRoot!.querySelector('[role="status"]')) === 'Copied', 'not announced');
    } finally {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    }
  });

  it('lists methods and events in a collapsible <details>', async () => {
    const { item } = await renderOne({});
    const details = part(item, 'details') as HTMLDetailsElement;
    expect(details.localName).to.equal('details');
    expect(details.open).to.equal(false);
    expect(text(details.querySelector('summary'))).to.equal('Permissions: 2 methods, 2 events');
    const codes = [...details.querySelectorAll('code')].map(text);
    expect(codes).to.deep.equal(['personal_sign', 'eth_sendTransaction', 'chainChanged', 'accountsChanged']);
  });

  it('shows required items not granted as a warning and optional ones muted', async () => {
    const { el, item } = await renderOne({
      unmet: { chains: ['eip155:10'], methods: ['eth_signTypedData_v4'], events: [] },
      notGranted: { chains: ['eip155:8453'], methods: [], events: ['chainChanged'] },
    });
    expect(text(part(item, 'unmet'))).to.equal('⚠ Required but not granted: OP Mainnet, eth_signTypedData_v4');
    expect(text(part(item, 'not-granted'))).to.equal('Optional, not granted: Base, chainChanged');
    await expect(el).to.be.accessible();
  });

  it('shows nothing about missing items when everything was granted', async () => {
    const { item } = await renderOne({});
    expect(part(item, 'unmet')).to.equal(null);
    expect(part(item, 'not-granted')).to.equal(null);
  });

  describe('a signed-in session (session.auth)', () => {
    const auth = (patch: Partial<NonNullable<SessionView['auth']>> = {}): SessionView['auth'] => ({
      address: '0x12a4C6e8A0b2C4d6E8F0a2B4c6D8e0F2a4B6c8ab',
      chainId: 'eip155:1',
      domain: 'dapp.example',
      issuedAt: 1_900_000_000,
      expiry: null,
      fallback: false,
      ...patch,
    });

    it('marks it: "Signed in as 0x12…ab on <domain>", the full address in its title', async () => {
      const { el, item } = await renderOne({ auth: auth() });
      const marking = part(item, 'signed-in')!;
      expect(text(marking)).to.equal('Signed in as 0x12a4…c8ab on dapp.example');
      expect(marking.querySelector('[title]')!.getAttribute('title')).to.equal('0x12a4C6e8A0b2C4d6E8F0a2B4c6D8e0F2a4B6c8ab');
      expect(marking.querySelector('time')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it("shows the sign-in's own expiry when the message has one", async () => {
      const exp = 1_900_003_600;
      const { item } = await renderOne({ auth: auth({ expiry: exp }) });
      const time = part(item, 'signed-in')!.querySelector('time')!;
      expect(time.getAttribute('datetime')).to.equal(new Date(exp * 1000).toISOString());
      expect(text(time)).to.match(/^Sign-in valid until .*2030/);
    });

    it('in German', async () => {
      const div = document.createElement('div');
      div.lang = 'de';
      document.body.append(div);
      try {
        const el = document.createElement('wc-session-list') as WcSessionList;
        el.controller = new FakeController({ sessions: [makeSession({ auth: auth({ expiry: 1_900_003_600 }) })] });
        div.append(el);
        await el.updateComplete;
        const item = el.shadowRoot!.querySelector('wc-session-list-item')!;
        await item.updateComplete;
        expect(text(part(item, 'signed-in'))).to.match(/^Angemeldet als 0x12a4…c8ab bei dapp\.example Anmeldung gültig bis .*2030/);
      } finally {
        div.remove();
      }
    });

    it('renders a hostile domain as text', async () => {
      const { el, item } = await renderOne({ auth: auth({ domain: '<img src=x onerror=alert(1)>evil.example' }) });
      expect(text(part(item, 'signed-in'))).to.equal('Signed in as 0x12a4…c8ab on <img src=x onerror=alert(1)>evil.example');
      expect(allElements(el).some((n) => n.localName === 'img')).to.equal(false);
    });

    it('shows no marking on a session without a sign-in', async () => {
      const { item } = await renderOne({});
      expect(part(item, 'signed-in')).to.equal(null);
    });
  });

  describe('hostile metadata renders inertly', () => {
    const huge = 'W'.repeat(200 * 1024);
    const hostile = [
      { label: 'script tags in the name', meta: { name: '<script>window.__pwned = 1</script>Evil', description: '<img src=x onerror="window.__pwned=1">' } },
      { label: 'a javascript: icon', meta: { name: 'JS', icons: ['javascript:window.__pwned=1'] } },
      { label: 'an SVG data: icon', meta: { name: 'SVG', icons: ['data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+'] } },
      { label: 'an http icon', meta: { name: 'Plain', icons: ['http://insecure.example/i.png'] } },
      { label: 'a 200 KB name and description', meta: { name: huge, description: huge } },
      { label: 'RTL override characters', meta: { name: 'Safe\u202Egnp.exe\u202C Wallet\u200B', url: 'javascript:alert(1)' } },
    ];
    for (const { label, meta } of hostile) {
      it(label, async () => {
        (window as unknown as Record<string, unknown>).__pwned = undefined;
        const { el, item } = await renderOne({ peer: peer(meta) });
        const nodes = allElements(el);
        expect(nodes.filter((n) => n.localName === 'script')).to.have.length(0);
        for (const img of nodes.filter((n): n is HTMLImageElement => n.localName === 'img')) {
          expect(img.getAttribute('src')).to.match(/^(https:|data:image\/(png|jpeg|jpg|gif|webp|avif);)/);
        }
        expect(nodes.filter((n) => n.localName === 'a')).to.have.length(0);
        expect(nodes.some((n) => [...n.attributes].some((a) => a.name.startsWith('on')))).to.equal(false);
        const name = text(part(item, 'name'));
        expect([...name].length).to.be.at.most(64);
        expect(name).to.not.match(/[\u202a-\u202e\u200b-\u200f\u2066-\u2069]/);
        expect(button(item).getAttribute('aria-label')!.length).to.be.lessThan(100);
        expect((window as unknown as Record<string, unknown>).__pwned).to.equal(undefined);
        await expect(el).to.be.accessible();
      });
    }

    it('shows script text as text and strips the override', async () => {
      const { item } = await renderOne({ peer: peer({ name: '<script>x</script>' }) });
      expect(text(part(item, 'name'))).to.equal('<script>x</script>');
      const { item: rtl } = await renderOne({ peer: peer({ name: 'Safe\u202Egnp.exe' }) });
      expect(text(part(rtl, 'name'))).to.equal('Safegnp.exe');
      expect(part(rtl, 'host')).to.equal(null);
    });

    it('falls back to a neutral name when the peer gives none', async () => {
      const { item } = await renderOne({ peer: peer({ name: '\u200B\u202E' }) });
      expect(text(part(item, 'name'))).to.equal('Unnamed wallet');
      expect(button(item).getAttribute('aria-label')).to.equal('Disconnect Unnamed wallet');
    });
  });
});

function button(item: WcSessionListItem): HTMLElement {
  return part(item, 'disconnect-button')!;
}
