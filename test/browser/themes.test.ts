/**
 * Themes the page controls (issue 9): every element, in each of its visible states, under
 *   - a light page (no `color-scheme`) while the OS is dark: axe colour-contrast only;
 *   - a dark page (`color-scheme: dark`) while the OS is light: axe colour-contrast only;
 *   - forced colours (OS dark): every WCAG 2 A/AA rule.
 * Each mode prints one `[figure]` line. The `theme` attribute is tested on its own below.
 *
 * Media features are emulated through the `media-features` server command (web-test-runner
 * config): the built-in `emulateMedia` drops `forcedColors` under puppeteer.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import type { AxeResults, RunOptions } from 'axe-core';
import '../../src/define.js';
import type { WcConnect } from '../../src/elements/connect/connect.js';
import type { WcSessionList } from '../../src/elements/session-list/session-list.js';
import type { WcNamespacePicker } from '../../src/elements/namespace-picker/namespace-picker.js';
import type { WcProvider } from '../../src/elements/provider/provider.js';
import { WcError } from '../../src/errors.js';
import type { ProposalView, SessionView } from '../../src/types.js';
import { FakeController, makeSession } from '../helpers/fake-controller.js';
import { EVM_ATTRIBUTES } from '../helpers/namespaces.js';
import { part, parts, shadow } from '../helpers/queries.js';

const axe = (globalThis as unknown as { axe: { run(context: Element, options: RunOptions): Promise<AxeResults> } }).axe;

// ---- the page and the OS ----

type Feature = { name: string; value: string };
const emulate = (features: Feature[]) => executeServerCommand('media-features', { features });

const root = document.documentElement;
function darkPage(on: boolean): void {
  root.style.colorScheme = on ? 'dark' : '';
  root.style.background = on ? '#0d1117' : '';
  root.style.color = on ? '#e6edf3' : '';
}
/**
 * Under forced colours the browser paints the page Canvas; say so on the root, or axe (which takes
 * a transparent root for white) would measure against a white the user never sees.
 */
function systemPage(): void {
  root.style.background = 'Canvas';
  root.style.color = 'CanvasText';
}

/** Lets layout and Lit catch up after a change to the page's colour scheme or media. */
const frame = () => new Promise((r) => setTimeout(r, 0));

// ---- the elements in their visible states ----

const DAY = 86400;
const nowS = () => Math.floor(Date.now() / 1000);
const peer = (name: string): SessionView['peer'] => ({
  publicKey: 'peer',
  metadata: { name, description: `${name} wallet`, url: 'https://wallet.example', icons: [] },
});
const proposal = (): ProposalView => {
  const topic = 'a'.repeat(64);
  return {
    uri: `wc:${topic}@2?relay-protocol=irn&symKey=${'b'.repeat(64)}&expiryTimestamp=${nowS() + 300}`,
    pairingTopic: topic,
    expiry: nowS() + 300,
    requested: { requiredNamespaces: {}, optionalNamespaces: {} },
    reusedPairing: false,
    peer: null,
  };
};
async function connect(fake: FakeController | null, setup?: (el: WcConnect) => void): Promise<WcConnect> {
  const el = await fixture<WcConnect>(html`<wc-connect></wc-connect>`);
  setup?.(el);
  el.controller = fake;
  await el.updateComplete;
  return el;
}
async function withQr(mode: 'dialog' | 'inline'): Promise<WcConnect> {
  const fake = new FakeController();
  const el = await connect(fake, (e) => {
    e.mode = mode;
    e.setAttribute('wallet-links', '[{"name":"A wallet","href":"https://a.example/{uri}"}]');
  });
  part<HTMLButtonElement>(el, 'button')!.click();
  await el.updateComplete;
  fake.setState({ status: 'awaiting-approval', proposal: proposal() });
  await el.updateComplete;
  await frame();
  expect(part(el, 'qr'), 'the QR code is shown').to.exist;
  return el;
}

async function list(fake: FakeController | null, setup?: (el: WcSessionList) => void): Promise<WcSessionList> {
  const el = await fixture<WcSessionList>(html`<wc-session-list expiry-warning=${2 * DAY}></wc-session-list>`);
  setup?.(el);
  el.controller = fake;
  await el.updateComplete;
  await frame();
  const items = [...shadow(el).querySelectorAll('wc-session-list-item')] as unknown as { updateComplete: Promise<unknown> }[];
  await Promise.all(items.map((i) => i.updateComplete));
  await el.updateComplete;
  return el;
}
/** Two sessions: the active one expiring soon (warning) with an unmet item, a pending request and an error. */
function sessions(): FakeController {
  const soon = makeSession({
    peer: peer('MetaMask'),
    expiry: nowS() + DAY,
    unmet: { chains: ['eip155:10'], methods: [], events: [] },
    lastError: new WcError('user-rejected', 'The wallet rejected the request', { operation: 'request' }),
  });
  const other = makeSession({ peer: peer('Rainbow'), expiry: nowS() + 5 * DAY });
  return new FakeController({
    sessions: [soon, other],
    activeTopic: soon.topic,
    pendingRequests: [
      { id: 1, topic: soon.topic, chainId: 'eip155:1', method: 'personal_sign', params: [], status: 'pending', createdAt: Date.now(), expiry: null },
    ],
  });
}

async function picker(setup: (el: WcNamespacePicker) => void): Promise<WcNamespacePicker> {
  const el = await fixture<WcNamespacePicker>(html`<wc-namespace-picker></wc-namespace-picker>`);
  setup(el);
  await el.updateComplete;
  return el;
}
const request = (el: WcNamespacePicker) => Object.entries(EVM_ATTRIBUTES).forEach(([k, v]) => el.setAttribute(k, v));
const ADDRESS = '0xab16a96d359ec26a11e2c2b3d8f8b8942d5bfcdb';
const approving = (el: WcNamespacePicker) => {
  el.mode = 'approve';
  el.accounts = [`eip155:1:${ADDRESS}`, `eip155:137:${ADDRESS}`];
  el.supportedMethods = ['personal_sign'];
  el.proposal = {
    id: 1_700_000_000_000_001,
    pairingTopic: 'a'.repeat(64),
    expiryTimestamp: nowS() + 300,
    relays: [{ protocol: 'irn' }],
    proposer: { publicKey: 'b'.repeat(64), metadata: { name: 'Uniswap', description: 'Swap tokens', url: 'https://app.uniswap.org', icons: [] } },
    requiredNamespaces: { eip155: { chains: ['eip155:1'], methods: ['personal_sign'], events: [] } },
    optionalNamespaces: { eip155: { chains: ['eip155:137', 'eip155:10'], methods: ['eth_signTypedData_v4'], events: ['chainChanged'] } },
  };
};

const failure = new WcError('relay-unreachable', 'raw', { operation: 'connect' });
const metaMask = makeSession({ peer: peer('MetaMask') });

/** Every element in its visible states; each returns the mounted element. */
const STATES: Record<string, () => Promise<Element>> = {
  'connect: not configured': () => connect(null),
  'connect: idle': () => connect(new FakeController()),
  'connect: QR shown (dialog)': () => withQr('dialog'),
  'connect: QR shown (inline)': () => withQr('inline'),
  'connect: connected': () => connect(new FakeController({ sessions: [metaMask], activeTopic: metaMask.topic, status: 'connected' })),
  'connect: error': () => connect(new FakeController({ status: 'error', lastError: failure })),
  'session-list: not configured': () => list(null),
  'session-list: loading': () => list(new FakeController({ status: 'initializing' })),
  'session-list: empty': () => list(new FakeController()),
  'session-list: with sessions': () => list(sessions()),
  'session-list: error': () => list(sessions(), (el) => el.setAttribute('sort', 'bogus')),
  'namespace-picker: empty': () => picker(() => {}),
  'namespace-picker: request': () => picker(request),
  'namespace-picker: invalid': () => picker((el) => el.setAttribute('chains', 'nope')),
  'namespace-picker: approve': () => picker(approving),
  'provider: with an element inside': async () => {
    const el = await fixture<WcProvider>(html`<wc-provider><wc-connect></wc-connect></wc-provider>`);
    el.controller = new FakeController();
    await el.querySelector('wc-connect')!.updateComplete;
    return el;
  },
};

interface Mode {
  readonly name: string;
  /** What the figure line calls the run: `contrast` or `WCAG 2 A/AA`. */
  readonly checks: string;
  readonly features: Feature[];
  readonly darkPage: boolean;
  readonly systemPage?: boolean;
  readonly axe: RunOptions;
  /** Proves the emulation took (so a mode cannot pass by not being the mode it claims). */
  readonly holds: () => boolean;
}
const contrastOnly: RunOptions = { runOnly: { type: 'rule', values: ['color-contrast'] } };
const wcag: RunOptions = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } };
const scheme = (os: 'light' | 'dark') => ({ name: 'prefers-color-scheme', value: os });
const osIs = (os: 'light' | 'dark') => matchMedia(`(prefers-color-scheme: ${os})`).matches;
/** A page in `page` colours (its color-scheme) while the OS is `os`: colour contrast only. */
const contrastMode = (page: 'light' | 'dark', os: 'light' | 'dark'): Mode => ({
  name: `${page}-page/OS-${os}`,
  checks: 'contrast',
  features: [scheme(os)],
  darkPage: page === 'dark',
  axe: contrastOnly,
  holds: () => osIs(os) && getComputedStyle(root).colorScheme === (page === 'dark' ? 'dark' : 'normal'),
});
/** Forced colours (Windows high contrast) over an OS in `os`: every WCAG 2 A/AA rule. */
const forcedMode = (os: 'light' | 'dark'): Mode => ({
  name: `forced-colors/OS-${os}`,
  checks: 'WCAG 2 A/AA',
  features: [{ name: 'forced-colors', value: 'active' }, scheme(os)],
  darkPage: false,
  systemPage: true,
  axe: wcag,
  holds: () => matchMedia('(forced-colors: active)').matches && osIs(os),
});
const MODES: Mode[] = [contrastMode('light', 'dark'), contrastMode('dark', 'light'), contrastMode('dark', 'dark'), forcedMode('light'), forcedMode('dark')];

const describeViolations = (results: AxeResults) =>
  results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`));

for (const mode of MODES) {
  describe(`themes: axe ${mode.checks}, ${mode.name}`, () => {
    let violations = 0;
    let states = 0;
    before(async () => {
      await emulate(mode.features);
      darkPage(mode.darkPage);
      if (mode.systemPage) systemPage();
      await frame();
      expect(mode.holds(), `the page is in mode ${mode.name}`).to.equal(true);
    });
    after(async () => {
      darkPage(false); // also clears the system page's colours
      await emulate([]);
      console.log(`[figure] axe ${mode.checks} ${mode.name}: ${violations} violations across ${states} states`);
    });
    afterEach(() => {
      // a modal dialog left open would make the next fixture inert
      for (const c of document.querySelectorAll('wc-connect')) c.shadowRoot?.querySelector('dialog')?.close();
    });

    for (const [state, mount] of Object.entries(STATES)) {
      it(`has no violation: ${state}`, async () => {
        const el = await mount();
        const results = await axe.run(el, mode.axe);
        const found = describeViolations(results);
        states++;
        violations += found.length;
        expect(results.passes.length + results.inapplicable.length + results.incomplete.length, 'axe ran').to.be.greaterThan(0);
        expect(found).to.deep.equal([]);
      });
    }
  });
}

// ---- the theme attribute ----

const LIGHT_TEXT = 'rgb(31, 35, 40)'; // #1f2328
const DARK_TEXT = 'rgb(230, 237, 243)'; // #e6edf3
const textOf = (el: Element) => getComputedStyle(el).color;

describe('themes: the theme attribute', () => {
  after(async () => {
    darkPage(false);
    await emulate([]);
  });

  it('follows the page, not the OS, when unset or auto (light when the page sets none)', async () => {
    await emulate([{ name: 'prefers-color-scheme', value: 'dark' }]);
    darkPage(false);
    const unset = await connect(new FakeController());
    const auto = await connect(new FakeController(), (e) => e.setAttribute('theme', 'auto'));
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
    expect(textOf(unset)).to.equal(LIGHT_TEXT);
    expect(textOf(auto)).to.equal(LIGHT_TEXT);
    darkPage(true);
    await frame();
    expect(textOf(unset)).to.equal(DARK_TEXT);
    expect(textOf(auto)).to.equal(DARK_TEXT);
    await emulate([{ name: 'prefers-color-scheme', value: 'light' }]);
    await frame();
    expect(textOf(unset)).to.equal(DARK_TEXT);
    darkPage(false);
  });

  it('pins light or dark on each element, whatever the page says', async () => {
    darkPage(true);
    const tags = ['wc-connect', 'wc-session-list', 'wc-namespace-picker'] as const;
    for (const tag of tags) {
      const el = document.createElement(tag);
      document.body.append(el);
      try {
        el.theme = 'light';
        await el.updateComplete;
        expect(el.getAttribute('theme'), `${tag} reflects theme`).to.equal('light');
        expect(textOf(el), `${tag} theme=light on a dark page`).to.equal(LIGHT_TEXT);
        darkPage(false);
        el.setAttribute('theme', 'dark');
        await el.updateComplete;
        expect(el.theme).to.equal('dark');
        expect(textOf(el), `${tag} theme=dark on a light page`).to.equal(DARK_TEXT);
        darkPage(true);
      } finally {
        el.remove();
      }
    }
    darkPage(false);
  });

  it('themes the list items and every element inside a themed provider', async () => {
    const el = await list(sessions(), (e) => e.setAttribute('theme', 'dark'));
    const item = shadow(el).querySelector('wc-session-list-item')!;
    expect(textOf(item)).to.equal(DARK_TEXT);

    const provider = await fixture<WcProvider>(
      html`<wc-provider theme="dark"><wc-connect></wc-connect><wc-namespace-picker></wc-namespace-picker></wc-provider>`,
    );
    provider.controller = new FakeController();
    await provider.querySelector('wc-connect')!.updateComplete;
    expect(textOf(provider.querySelector('wc-connect')!)).to.equal(DARK_TEXT);
    expect(textOf(provider.querySelector('wc-namespace-picker')!)).to.equal(DARK_TEXT);
    provider.theme = 'light';
    await provider.updateComplete;
    expect(textOf(provider.querySelector('wc-connect')!)).to.equal(LIGHT_TEXT);
  });

  it('keeps the QR code dark on light in the dark theme and under forced colours', async () => {
    darkPage(true);
    const el = await withQr('inline');
    const fill = (cls: string) => getComputedStyle(shadow(el).querySelector(`.${cls}`)!).fill;
    expect([fill('qr-bg'), fill('qr-fg')]).to.deep.equal(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
    await emulate([{ name: 'forced-colors', value: 'active' }]);
    await frame();
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    expect([fill('qr-bg'), fill('qr-fg')]).to.deep.equal(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
    darkPage(false);
    await emulate([]);
  });

  it('renders nothing visible of the provider itself', async () => {
    const el = await fixture<WcProvider>(html`<wc-provider theme="dark"></wc-provider>`);
    el.controller = new FakeController();
    await el.updateComplete;
    expect(getComputedStyle(el).display).to.equal('contents');
    expect(el.getClientRects().length).to.equal(0);
    expect(parts(el, 'base')).to.deep.equal([]);
  });
});
