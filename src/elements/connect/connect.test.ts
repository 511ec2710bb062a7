import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import '../namespace-picker/define.js';
import type { WcConnect } from './connect.js';
import { FakeController, makeSession } from '../../../test/helpers/fake-controller.js';
import { alerts, part, parts, shadow as root, statusText } from '../../../test/helpers/queries.js';
import { attributeError, elementContracts } from '../../../test/contracts/element-contracts.js';
import { watchUnhandledRejections } from '../../../test/helpers/barriers.js';
import type { ConnectOptions } from '../../controller/api.js';
import { WcError } from '../../errors.js';
import { WcNamespaceChangeEvent, WcProposalExpireEvent, type WcDisconnectRequestEvent, type WcErrorEvent, type WcUriCopyEvent } from '../../events.js';
import { parseNamespaceAttributes } from '../../internal/namespace-attributes.js';
import type { NamespaceRequest, PairingView, PeerMetadata, ProposalView, SessionView } from '../../types.js';

// ---- helpers ----

/** A FakeController whose connect() the test settles by hand. */
class ScriptedController extends FakeController {
  readonly pending: { resolve: (s: SessionView) => void; reject: (e: unknown) => void }[] = [];
  override connect(options?: ConnectOptions): Promise<SessionView> {
    void super.connect(options);
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }
}

const hex = (c: string) => c.repeat(64);
let uriSeq = 0;
function makeProposal(patch: Partial<ProposalView> = {}): ProposalView {
  uriSeq++;
  const topic = (uriSeq.toString(16) + hex('a')).slice(0, 64);
  return {
    uri: `wc:${topic}@2?relay-protocol=irn&symKey=${hex('b')}&expiryTimestamp=${Math.floor(Date.now() / 1000) + 300}`,
    pairingTopic: topic,
    expiry: Math.floor(Date.now() / 1000) + 300,
    requested: { requiredNamespaces: {}, optionalNamespaces: {} },
    reusedPairing: false,
    peer: null,
    ...patch,
  };
}

function makePairing(peer: Partial<PeerMetadata> | null, patch: Partial<PairingView> = {}): PairingView {
  return {
    topic: hex('c'),
    expiry: Math.floor(Date.now() / 1000) + 30 * 86400,
    active: true,
    peer: peer ? { name: '', description: '', url: 'https://wallet.example', icons: [], ...peer } : null,
    ...patch,
  };
}

const mainButton = (el: WcConnect) => part<HTMLButtonElement>(el, 'button')!;
const dialog = (el: WcConnect) => root(el).querySelector('dialog')!;
const connectCalls = (fake: FakeController) => fake.calls.filter((c) => c.method === 'connect');
const lastConnect = (fake: FakeController) => connectCalls(fake).at(-1)?.args[0] as ConnectOptions | undefined;
const settle = async (el: WcConnect) => {
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
};

async function mount(markup: ReturnType<typeof html>, controller: FakeController | null = new FakeController()) {
  const el = await fixture<WcConnect>(markup);
  if (controller) {
    el.controller = controller;
    await el.updateComplete;
  }
  return el;
}

/** Clicks connect and puts a proposal in the snapshot: the element shows the QR. */
async function openWithProposal(el: WcConnect, fake: FakeController, patch: Partial<ProposalView> = {}) {
  mainButton(el).click();
  await el.updateComplete;
  const proposal = makeProposal(patch);
  fake.setState({ status: 'awaiting-approval', proposal });
  await el.updateComplete;
  return proposal;
}

/** A stand-in picker with the `<wc-namespace-picker>` API (value, valid, wc-namespace-change). */
class TestPicker extends HTMLElement {
  value: NamespaceRequest = parseNamespaceAttributes({ chains: 'eip155:10', methods: 'personal_sign' });
  valid = true;
  announce() {
    this.dispatchEvent(new WcNamespaceChangeEvent({ value: this.value, valid: this.valid }));
  }
}
customElements.define('test-picker', TestPicker);

describe('<wc-connect>', () => {
  afterEach(() => {
    // a modal dialog left open by a failed test would make the next fixture inert
    for (const el of document.querySelectorAll('wc-connect')) el.remove();
  });

  const metaMask = makeSession({ peer: { publicKey: 'p', metadata: { name: 'MetaMask', description: '', url: 'https://metamask.io', icons: [] } } });
  elementContracts<WcConnect>({
    tag: 'wc-connect',
    unconfigured: async (el) => {
      const button = mainButton(el);
      expect(button.disabled).to.equal(true);
      expect(button.textContent).to.contain('Connect wallet');
      const hint = part(el, 'hint')!;
      expect(hint.textContent).to.contain('Not configured');
      expect(button.getAttribute('aria-describedby')).to.equal(hint.id);
      el.connect(); // no-op
      await el.updateComplete;
      expect(dialog(el).open).to.equal(false);
      expect(el.matches(':state(idle)')).to.equal(true);
    },
    provided: {
      controller: () => new FakeController(),
      shows: (el) => !mainButton(el).disabled,
      check: (el, fake) => {
        expect(mainButton(el).disabled).to.equal(false);
        expect(part(el, 'hint')).to.equal(null);
        mainButton(el).click();
        expect(connectCalls(fake)).to.have.length(1);
      },
    },
    snapshots: {
      initial: (el) => {
        expect(part(el, 'session')).to.equal(null);
      },
      steps: [
        {
          cause: 'wc-session-change (connected)',
          apply: (fake) => fake.setState({ sessions: [makeSession(), metaMask], activeTopic: metaMask.topic, status: 'connected' }),
          check: async (el) => {
            const session = part(el, 'session')!;
            expect(session.textContent).to.contain('MetaMask');
            expect(session.textContent).to.contain('Ethereum');
            expect(session.textContent).to.contain('0xab16…fcdb');
            expect(part(el, 'disconnect-button')!.getAttribute('aria-label')).to.equal('Disconnect MetaMask');
            expect(mainButton(el).textContent).to.contain('Connect another wallet');
            expect(el.matches(':state(connected)')).to.equal(true);
            await expect(el).to.be.accessible();
          },
        },
        {
          cause: 'wc-session-change (disconnected)',
          apply: (fake) => fake.setState({ sessions: [], activeTopic: null, status: 'ready' }),
          check: (el) => {
            expect(part(el, 'session')).to.equal(null);
            expect(el.matches(':state(idle)')).to.equal(true);
          },
        },
        {
          cause: 'wc-pairing-change',
          apply: (fake) => fake.setState({ pairings: [makePairing({ name: 'Rainbow' })] }),
          check: (el) => {
            expect(parts(el, 'reconnect-button').map((b) => b.textContent!.trim())).to.deep.equal(['Reconnect to Rainbow']);
          },
        },
        {
          cause: 'wc-error',
          apply: (fake) => fake.setState({ status: 'error', lastError: new WcError('user-rejected', 'raw', { operation: 'connect' }) }),
          check: (el) => {
            expect(alerts(el)).to.have.length(1);
            expect(alerts(el)[0]).to.contain('rejected in the wallet');
          },
        },
      ],
    },
    events: [
      {
        name: 'wc-uri-copy',
        cancelable: false,
        setup: async (mount) => {
          const fake = new FakeController();
          const el = await mount(fake);
          const proposal = await openWithProposal(el, fake);
          Object.defineProperty(navigator.clipboard, 'writeText', { configurable: true, value: async () => {} });
          return {
            el,
            fire: () => part<HTMLButtonElement>(el, 'copy-button')!.click(),
            detail: (detail) => {
              expect(detail).to.deep.equal({ uri: proposal.uri, ok: true });
            },
            cleanup: () => void delete (navigator.clipboard as unknown as Record<string, unknown>)['writeText'],
          };
        },
      },
      {
        name: 'wc-disconnect-request',
        cancelable: true,
        setup: async (mount) => {
          const session = makeSession();
          const el = await mount(new FakeController({ sessions: [session], activeTopic: session.topic }));
          return {
            el,
            fire: () => part<HTMLButtonElement>(el, 'disconnect-button')!.click(),
            detail: (detail) => {
              expect(detail).to.deep.equal({ topic: session.topic, session });
            },
          };
        },
      },
      attributeError({
        attribute: 'chains',
        value: 'eip155:1 not_a_chain!',
        code: 'invalid-namespace',
        setup: (el) => el.setAttribute('methods', 'personal_sign'),
      }),
    ],
    axe: {
      'with a proposal shown': async (mount) => {
        const fake = new FakeController();
        const el = await mount(fake);
        await openWithProposal(el, fake);
        return el;
      },
      connected: (mount) => mount(new FakeController({ sessions: [metaMask], activeTopic: metaMask.topic, status: 'connected' })),
      'with an error': (mount) => mount(new FakeController({ status: 'error', lastError: new WcError('relay-unreachable', 'raw', { operation: 'connect' }) })),
    },
    flow: {
      name: 'through a whole flow',
      run: async (mount) => {
        const fake = new ScriptedController({ pairings: [makePairing({ name: 'W' })] });
        const el = await mount(fake, (e) => e.setAttribute('wallet-links', '[{"name":"A","href":"https://a.example/{uri}"}]'));
        await openWithProposal(el, fake);
        part<HTMLButtonElement>(el, 'cancel-button')!.click();
        await el.updateComplete;
        part<HTMLButtonElement>(el, 'reconnect-button')!.click();
        await el.updateComplete;
        const session = makeSession();
        fake.setState({ sessions: [session], activeTopic: session.topic, status: 'connected' });
        fake.pending.at(-1)!.resolve(session);
        await settle(el);
        el.mode = 'inline';
        await settle(el);
      },
    },
  });

  describe('configuration', () => {
    it('leaves no listener behind when removed during a connect', async () => {
      const fake = new FakeController();
      const start = fake.listenerCount;
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      await openWithProposal(el, fake);
      el.remove();
      expect(fake.listenerCount).to.equal(start);
    });

    it('takes its label from the label attribute or the default slot', async () => {
      const a = await mount(html`<wc-connect label="Sign in with a wallet"></wc-connect>`);
      expect(mainButton(a).textContent).to.contain('Sign in with a wallet');
      const b = await mount(html`<wc-connect><span>Use your wallet</span></wc-connect>`);
      const slot = mainButton(b).querySelector('slot')!;
      expect(
        slot
          .assignedNodes()
          .map((n) => n.textContent)
          .join(''),
      ).to.equal('Use your wallet');
    });

    it('survives a malformed lang attribute (Intl RangeError) with English formatting', async () => {
      const fake = new FakeController();
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="not a language!"><wc-connect></wc-connect></div>`);
      const el = wrapper.querySelector('wc-connect')!;
      el.controller = fake;
      await el.updateComplete;
      await openWithProposal(el, fake, { expiry: Math.floor(Date.now() / 1000) + 65 });
      expect(part(el, 'countdown')!.textContent).to.match(/1:0\d/);
    });

    it('uses the German table under lang="de" and .strings overrides', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="de"><wc-connect></wc-connect></div>`);
      const el = wrapper.querySelector('wc-connect')!;
      el.controller = new FakeController();
      await el.updateComplete;
      expect(mainButton(el).textContent).to.contain('Wallet verbinden');
      el.strings = { connect: 'Los geht’s' };
      await el.updateComplete;
      expect(mainButton(el).textContent).to.contain('Los geht’s');
    });
  });

  describe('namespaces', () => {
    it('connects with the value of the picker named by picker="ID", disabled while it is invalid', async () => {
      const fake = new FakeController();
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><test-picker id="nets"></test-picker><wc-connect picker="nets" chains="eip155:1"></wc-connect></div>`,
      );
      const picker = wrapper.querySelector<TestPicker>('test-picker')!;
      const el = wrapper.querySelector('wc-connect')!;
      el.controller = fake;
      await el.updateComplete;

      picker.valid = false;
      picker.announce();
      await el.updateComplete;
      expect(mainButton(el).disabled).to.equal(true);
      expect(part(el, 'hint')!.textContent).to.contain('Choose the networks');

      picker.valid = true;
      picker.announce();
      await el.updateComplete;
      expect(mainButton(el).disabled).to.equal(false);
      mainButton(el).click();
      expect(lastConnect(fake)).to.deep.equal({
        requiredNamespaces: picker.value.requiredNamespaces,
        optionalNamespaces: picker.value.optionalNamespaces,
      });
    });

    it('uses the first <wc-namespace-picker> inside the same <wc-provider>', async () => {
      const fake = new FakeController();
      const wrapper = await fixture<HTMLElement>(html`
        <wc-provider>
          <wc-namespace-picker chains="eip155:1 eip155:137" methods="personal_sign" events="chainChanged"></wc-namespace-picker>
          <wc-connect></wc-connect>
        </wc-provider>
      `);
      const picker = wrapper.querySelector('wc-namespace-picker') as HTMLElement & { value: NamespaceRequest; valid: boolean };
      const el = wrapper.querySelector('wc-connect')!;
      el.controller = fake;
      await el.updateComplete;
      expect(picker.valid).to.equal(true);
      mainButton(el).click();
      expect(lastConnect(fake)).to.deep.equal({
        requiredNamespaces: picker.value.requiredNamespaces,
        optionalNamespaces: picker.value.optionalNamespaces,
      });
      expect(Object.keys(lastConnect(fake)!.requiredNamespaces!)).to.deep.equal(['eip155']);
    });

    it('connects with its own namespace attributes', async () => {
      const fake = new FakeController();
      const el = await mount(
        html`<wc-connect
          chains="eip155:1"
          methods="personal_sign eth_sendTransaction"
          events="accountsChanged"
          optional-chains="eip155:137 solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp"
          optional-methods="eip155:eth_signTypedData_v4 solana:solana_signMessage"
        ></wc-connect>`,
        fake,
      );
      mainButton(el).click();
      const expected = parseNamespaceAttributes({
        chains: 'eip155:1',
        methods: 'personal_sign eth_sendTransaction',
        events: 'accountsChanged',
        optionalChains: 'eip155:137 solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp',
        optionalMethods: 'eip155:eth_signTypedData_v4 solana:solana_signMessage',
      });
      expect(lastConnect(fake)).to.deep.equal({ ...expected });
      expect(lastConnect(fake)!.requiredNamespaces!['eip155']!.chains).to.deep.equal(['eip155:1']);
    });

    it("falls back to the controller's defaultNamespaces, then to none", async () => {
      const fake = new FakeController();
      fake.defaultNamespaces = parseNamespaceAttributes({ chains: 'eip155:8453', methods: 'personal_sign' });
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      mainButton(el).click();
      expect(lastConnect(fake)).to.deep.equal({ ...fake.defaultNamespaces });

      const bare = new FakeController();
      const el2 = await mount(html`<wc-connect></wc-connect>`, bare);
      mainButton(el2).click();
      expect(lastConnect(bare)).to.deep.equal({});
    });

    it('an invalid attribute disables connect, names the attribute and token, and fires wc-error once', async () => {
      const fake = new FakeController();
      const seen: WcErrorEvent[] = [];
      const wrapper = await fixture<HTMLDivElement>(
        html`<div @wc-error=${(e: WcErrorEvent) => seen.push(e)}>
          <wc-connect chains="eip155:1 not_a_chain!" methods="personal_sign"></wc-connect>
        </div>`,
      );
      const el = wrapper.querySelector('wc-connect')!;
      el.controller = fake;
      await el.updateComplete;
      fake.setState({ relay: 'disconnected' }); // re-renders must not fire again
      el.requestUpdate();
      await settle(el);

      expect(seen).to.have.length(1);
      const [event] = seen;
      expect(event!.detail.error.code).to.equal('invalid-namespace');
      expect(event!.detail.operation).to.equal('attribute');
      expect(event!.bubbles && event!.composed).to.equal(true);
      const message = alerts(el).join(' ');
      expect(message).to.contain('chains');
      expect(message).to.contain('not_a_chain!');
      expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
      expect(mainButton(el).disabled).to.equal(true);
      expect(mainButton(el).getAttribute('aria-describedby')).to.contain('error-namespaces');
      mainButton(el).click();
      el.connect();
      expect(connectCalls(fake)).to.have.length(0);
      expect(el.matches(':state(error)')).to.equal(true);
      await expect(el).to.be.accessible();

      el.setAttribute('chains', 'eip155:1');
      await settle(el);
      expect(alerts(el)).to.deep.equal([]);
      expect(mainButton(el).disabled).to.equal(false);
      expect(seen).to.have.length(1);
    });
  });

  describe('the proposal', () => {
    it('warming up before the click (pointer, focus, idle) shows nothing, connects nothing and changes no state', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      const before = root(el).innerHTML;
      mainButton(el).dispatchEvent(new PointerEvent('pointerenter'));
      mainButton(el).focus();
      await new Promise<void>((resolve) => requestIdleCallback(() => resolve()));
      await el.updateComplete;
      expect(connectCalls(fake)).to.have.length(0);
      expect(part(el, 'qr')).to.equal(null);
      expect(dialog(el).open).to.equal(false);
      expect(el.matches(':state(idle)')).to.equal(true);
      expect(root(el).innerHTML).to.equal(before);

      // and the first code shown afterwards is the real one
      const proposal = await openWithProposal(el, fake);
      expect(part<HTMLInputElement>(el, 'uri')!.value).to.equal(proposal.uri);
      expect(parts(el, 'qr')).to.have.length(1);
    });

    it('opens a modal dialog on click and renders the URI as an accessible SVG QR code', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      mainButton(el).click();
      await el.updateComplete;
      expect(dialog(el).matches(':modal')).to.equal(true);
      expect(el.matches(':state(connecting)')).to.equal(true);
      expect(statusText(el)).to.contain('Connecting');

      const proposal = makeProposal();
      fake.setState({ status: 'awaiting-approval', proposal });
      await el.updateComplete;
      const qr = part(el, 'qr')!;
      expect(qr.localName).to.equal('svg');
      expect(qr.getAttribute('role')).to.equal('img');
      expect(qr.getAttribute('aria-label')).to.equal('QR code for connecting a wallet');
      expect(qr.getAttribute('viewBox')).to.match(/^0 0 \d+ \d+$/);
      const path = qr.querySelector('path')!;
      expect(path.getAttribute('d')).to.match(/^M\d+ \d+h\d+v1h-\d+z/);
      expect(qr.querySelectorAll('path')).to.have.length(1);
      expect(qr.querySelector('foreignObject, script, image')).to.equal(null);

      const input = part<HTMLInputElement>(el, 'uri')!;
      expect(input.value).to.equal(proposal.uri);
      expect(input.readOnly).to.equal(true);
      expect(input.labels![0]!.textContent).to.contain('Connection link');
      const open = part<HTMLAnchorElement>(el, 'wallet-link')!;
      expect(open.getAttribute('href')).to.equal(proposal.uri);
      expect(open.textContent).to.contain('Open wallet');
      expect(el.matches(':state(awaiting-approval)')).to.equal(true);
      expect(statusText(el)).to.contain('Waiting for approval');
      await expect(el).to.be.accessible();
    });

    it('copy writes the URI and fires wc-uri-copy once with {uri, ok}', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      const proposal = await openWithProposal(el, fake);
      const written: string[] = [];
      const original = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(navigator.clipboard), 'writeText')!;
      Object.defineProperty(navigator.clipboard, 'writeText', {
        configurable: true,
        value: async (text: string) => void written.push(text),
      });
      const events: WcUriCopyEvent[] = [];
      const listener = (e: WcUriCopyEvent) => events.push(e);
      document.addEventListener('wc-uri-copy', listener);
      try {
        part<HTMLButtonElement>(el, 'copy-button')!.click();
        const event = await oneEvent(el, 'wc-uri-copy');
        expect(event.detail).to.deep.equal({ uri: proposal.uri, ok: true });
        expect(event.bubbles && event.composed).to.equal(true);
        expect(written).to.deep.equal([proposal.uri]);
        await el.updateComplete;
        expect(statusText(el)).to.contain('Link copied');
        expect(events).to.have.length(1);
      } finally {
        delete (navigator.clipboard as unknown as Record<string, unknown>)['writeText'];
        document.removeEventListener('wc-uri-copy', listener);
        expect(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(navigator.clipboard), 'writeText')).to.deep.equal(original);
      }
    });

    it('copy falls back to selecting the input when the Clipboard API fails, and reports ok=false if that fails too', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      const proposal = await openWithProposal(el, fake);
      Object.defineProperty(navigator.clipboard, 'writeText', {
        configurable: true,
        value: async () => {
          throw new DOMException('denied', 'NotAllowedError');
        },
      });
      const execCommand = document.execCommand;
      let commanded = '';
      document.execCommand = (cmd: string) => ((commanded = cmd), false);
      try {
        part<HTMLButtonElement>(el, 'copy-button')!.click();
        const event = await oneEvent(el, 'wc-uri-copy');
        expect(event.detail).to.deep.equal({ uri: proposal.uri, ok: false });
        expect(commanded).to.equal('copy');
        await el.updateComplete;
        expect(statusText(el)).to.contain('Could not copy');
      } finally {
        delete (navigator.clipboard as unknown as Record<string, unknown>)['writeText'];
        document.execCommand = execCommand;
      }
    });

    it('renders wallet-links with the encoded URI and refuses javascript: with a message and one wc-error', async () => {
      const fake = new FakeController();
      const seen: WcErrorEvent[] = [];
      const links = JSON.stringify([
        { name: 'Good Wallet', href: 'https://good.example/wc?uri={uri}' },
        { name: 'Evil', href: 'javascript:alert(document.domain)//{uri}' },
        { name: 'Native', href: 'wc:{uri}' },
      ]);
      const wrapper = await fixture<HTMLDivElement>(
        html`<div @wc-error=${(e: WcErrorEvent) => seen.push(e)}><wc-connect wallet-links=${links}></wc-connect></div>`,
      );
      const el = wrapper.querySelector('wc-connect')!;
      el.controller = fake;
      await settle(el);
      expect(seen).to.have.length(1);
      expect(seen[0]!.detail.error.code).to.equal('invalid-option');
      expect(alerts(el).join(' ')).to.contain('wallet-links');
      expect(mainButton(el).disabled).to.equal(false); // a bad link does not block connecting

      const proposal = await openWithProposal(el, fake);
      const anchors = parts(el, 'wallet-link') as HTMLAnchorElement[];
      const hrefs = anchors.map((a) => a.getAttribute('href')!);
      expect(hrefs).to.have.length(3);
      expect(hrefs[0]).to.equal(proposal.uri);
      expect(hrefs[1]).to.equal(`https://good.example/wc?uri=${encodeURIComponent(proposal.uri)}`);
      expect(hrefs[2]).to.equal(`wc:${encodeURIComponent(proposal.uri)}`);
      expect(anchors[2]!.textContent).to.contain('Open in Native');
      expect(anchors[1]!.textContent).to.contain('Good Wallet');
      expect(anchors[1]!.rel).to.contain('noopener');
      expect(root(el).querySelector('[href^="javascript"]')).to.equal(null);
      expect(hrefs.some((h) => h.toLowerCase().includes('javascript'))).to.equal(false);
      // the message stays visible inside the open dialog
      expect(dialog(el).textContent).to.contain('wallet-links');
      expect(seen).to.have.length(1);
    });

    it('reports invalid wallet-links JSON', async () => {
      const seen: WcErrorEvent[] = [];
      const wrapper = await fixture<HTMLDivElement>(
        html`<div @wc-error=${(e: WcErrorEvent) => seen.push(e)}><wc-connect wallet-links="[{oops"></wc-connect></div>`,
      );
      const el = wrapper.querySelector('wc-connect')!;
      await settle(el);
      expect(seen.map((e) => e.detail.error.code)).to.deep.equal(['invalid-option']);
      expect(alerts(el).join(' ')).to.contain('not valid JSON');
    });

    it('shows a countdown to the expiry in an element with an accessible label that is not a live region', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      await openWithProposal(el, fake, { expiry: Math.floor(Date.now() / 1000) + 272 });
      const countdown = part(el, 'countdown')!;
      expect(countdown.getAttribute('aria-label')).to.equal('Code expires in');
      expect(countdown.textContent).to.match(/(^|\s)4:3\d(\s|$)/);
      expect(countdown.querySelector('time')!.getAttribute('datetime')).to.match(/^PT4M3\dS$/);
      for (let node: Element | null = countdown; node && node !== root(el).host; node = node.parentElement) {
        expect(node.getAttribute('aria-live'), 'no live ancestor').to.equal(null);
        expect(['status', 'alert', 'log', 'timer', 'marquee']).not.to.include(node.getAttribute('role'));
      }
    });

    it("starts the countdown from the proposal's real expiry, not from the last tick (never more than the TTL)", async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      // the element has been connected a while: its clock's last reading is older than the proposal
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await openWithProposal(el, fake, { expiry: Math.floor(Date.now() / 1000) + 300 });
      const time = part(el, 'countdown')!.querySelector('time')!;
      const [, minutes, seconds] = /^PT(\d+)M(\d+)S$/.exec(time.getAttribute('datetime')!)!;
      expect(Number(minutes) * 60 + Number(seconds)).to.be.at.most(300);
      expect(time.textContent!.trim()).to.match(/^(5:00|4:5\d)$/);
    });

    it('announces once when 30 seconds are left', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      await openWithProposal(el, fake, { expiry: Math.floor(Date.now() / 1000) + 20 });
      await waitUntil(() => statusText(el).includes('The code expires in'), 'no threshold announcement', { timeout: 3000 });
    });

    it('refreshes an expired proposal up to max-refresh times, then offers "Try again"', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect max-refresh="2"></wc-connect>`, fake);
      let proposal = await openWithProposal(el, fake);
      for (let refresh = 1; refresh <= 2; refresh++) {
        fake.dispatchEvent(new WcProposalExpireEvent({ uri: proposal.uri, pairingTopic: proposal.pairingTopic }));
        fake.setState({ proposal: null, status: 'ready', lastError: new WcError('proposal-expired', 'expired', { operation: 'connect' }) });
        await waitUntil(() => connectCalls(fake).length === refresh + 1, `refresh ${refresh} did not connect again`);
        await el.updateComplete;
        expect(statusText(el)).to.contain('A new code is shown');
        expect(part(el, 'try-again-button')).to.equal(null);
        expect(alerts(el)).to.deep.equal([]); // an expiry that was handled is no error
        proposal = makeProposal();
        fake.setState({ proposal, status: 'awaiting-approval', lastError: null });
        await el.updateComplete;
        expect(part(el, 'uri')!.matches('input') && (part(el, 'uri') as HTMLInputElement).value).to.equal(proposal.uri);
      }
      fake.dispatchEvent(new WcProposalExpireEvent({ uri: proposal.uri, pairingTopic: proposal.pairingTopic }));
      fake.setState({ proposal: null, status: 'ready' });
      await waitUntil(() => part(el, 'try-again-button') !== null, 'no Try again after max-refresh');
      expect(connectCalls(fake)).to.have.length(3);
      expect(part(el, 'qr')).to.equal(null);
      expect(dialog(el).textContent).to.contain('The code expired');
      expect(el.matches(':state(error)')).to.equal(true);
      await expect(el).to.be.accessible();

      part<HTMLButtonElement>(el, 'try-again-button')!.click();
      expect(connectCalls(fake)).to.have.length(4);
      await el.updateComplete;
      expect(part(el, 'try-again-button')).to.equal(null);
    });

    it('refreshes when its own countdown reaches zero, cancelling the stale proposal first', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      const stale = await openWithProposal(el, fake, { expiry: Math.floor(Date.now() / 1000) - 5 });
      await waitUntil(() => connectCalls(fake).length === 2, 'the countdown did not refresh', { timeout: 4000 });
      const methods = fake.calls.map((c) => c.method);
      expect(methods.slice(-2)).to.deep.equal(['cancel', 'connect']);
      await el.updateComplete;
      expect(part(el, 'qr')).to.equal(null); // the dead proposal still in the snapshot is not shown
      // the controller's own, later report of the same expiry does not expire the new attempt
      fake.dispatchEvent(new WcProposalExpireEvent({ uri: stale.uri, pairingTopic: stale.pairingTopic }));
      await settle(el);
      expect(connectCalls(fake)).to.have.length(2);
      const fresh = makeProposal();
      fake.setState({ proposal: fresh });
      await el.updateComplete;
      expect((part(el, 'uri') as HTMLInputElement).value).to.equal(fresh.uri);
    });

    it('refreshes when connect() rejects with proposal-expired', async () => {
      const fake = new ScriptedController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      await openWithProposal(el, fake);
      fake.pending[0]!.reject(new WcError('proposal-expired', 'expired', { operation: 'connect' }));
      await waitUntil(() => connectCalls(fake).length === 2, 'no refresh after the rejection');
    });

    it('Cancel calls controller.cancel(), closes, and announces it', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      await openWithProposal(el, fake);
      part<HTMLButtonElement>(el, 'cancel-button')!.click();
      await el.updateComplete;
      expect(fake.calls.map((c) => c.method)).to.include('cancel');
      expect(dialog(el).open).to.equal(false);
      expect(statusText(el)).to.contain('Connection cancelled');
      expect(root(el).activeElement).to.equal(mainButton(el));
    });
  });

  describe("another caller's proposal", () => {
    it('shows a proposal opened elsewhere on its controller, without connecting itself, and closes when its session arrives', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      const proposal = makeProposal();
      fake.setState({ status: 'awaiting-approval', proposal }); // e.g. an EIP-1193 eth_requestAccounts called controller.connect()
      await el.updateComplete;
      expect(dialog(el).open).to.equal(true);
      expect(part(el, 'qr')).to.not.equal(null);
      expect((part(el, 'uri') as HTMLInputElement).value).to.equal(proposal.uri);
      expect(el.matches(':state(awaiting-approval)')).to.equal(true);
      expect(connectCalls(fake)).to.have.length(0);
      await expect(el).to.be.accessible();

      const session = makeSession({ pairingTopic: proposal.pairingTopic });
      fake.setState({ status: 'connected', proposal: null, sessions: [session], activeTopic: session.topic });
      await waitUntil(() => !dialog(el).open, 'the dialog stayed open');
      await el.updateComplete;
      expect(statusText(el)).to.contain(`Connected to ${session.peer.metadata.name}`);
      expect(el.matches(':state(connected)')).to.equal(true);
      expect(connectCalls(fake)).to.have.length(0);
    });

    it("two elements on one controller: an element's own code shows in it alone, a script's code in one element", async () => {
      const fake = new FakeController();
      const a = await mount(html`<wc-connect mode="inline"></wc-connect>`, fake);
      const b = await mount(html`<wc-connect mode="inline"></wc-connect>`, fake);
      mainButton(a).click();
      const own = makeProposal();
      fake.setState({ status: 'awaiting-approval', proposal: own });
      await Promise.all([a.updateComplete, b.updateComplete]);
      expect((part(a, 'uri') as HTMLInputElement).value).to.equal(own.uri);
      expect(part(b, 'qr')).to.equal(null);

      a.cancel();
      fake.setState({ status: 'idle', proposal: null });
      await Promise.all([a.updateComplete, b.updateComplete]);
      const scripts = makeProposal();
      fake.setState({ status: 'awaiting-approval', proposal: scripts }); // e.g. controller.connect() from the page's script
      await Promise.all([a.updateComplete, b.updateComplete]);
      const showing = [a, b].filter((el) => (part(el, 'uri') as HTMLInputElement | null)?.value === scripts.uri);
      expect(showing).to.have.length(1);
    });

    it('Cancel on an adopted proposal cancels it on the controller and never shows it again', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      fake.setState({ status: 'awaiting-approval', proposal: makeProposal() });
      await el.updateComplete;
      expect(dialog(el).open).to.equal(true);
      part<HTMLButtonElement>(el, 'cancel-button')!.click();
      await el.updateComplete;
      expect(fake.calls.map((c) => c.method)).to.deep.equal(['cancel']);
      expect(dialog(el).open).to.equal(false);
      fake.setState({ status: 'awaiting-approval' }); // the fake keeps the cancelled proposal in its snapshot
      await el.updateComplete;
      expect(dialog(el).open).to.equal(false);
    });

    it('closes when the adopted proposal ends without a session, showing the error of that connect, and does not refresh it', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      const proposal = makeProposal({ expiry: Math.floor(Date.now() / 1000) - 5 });
      fake.setState({ status: 'awaiting-approval', proposal });
      await el.updateComplete;
      expect(dialog(el).open).to.equal(true);
      fake.dispatchEvent(new WcProposalExpireEvent({ uri: proposal.uri, pairingTopic: proposal.pairingTopic }));
      fake.setState({ status: 'ready', proposal: null, lastError: new WcError('proposal-expired', 'expired', { operation: 'connect' }) });
      await settle(el);
      expect(dialog(el).open).to.equal(false);
      expect(alerts(el).join(' ')).to.contain('expired');
      expect(connectCalls(fake)).to.have.length(0);
    });

    it('its own open flow keeps its own proposal: a lingering one of an earlier attempt is not adopted', async () => {
      const fake = new ScriptedController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      await openWithProposal(el, fake);
      fake.pending[0]!.reject(new WcError('cancelled', 'cancelled', { operation: 'connect' }));
      await waitUntil(() => !dialog(el).open);
      fake.setState({ status: 'ready' }); // the fake still holds that attempt's proposal
      await settle(el);
      expect(dialog(el).open).to.equal(false);
    });
  });

  describe('dialog and keyboard', () => {
    it('opens with the keyboard, moves focus in, closes on Escape (= cancel) and returns focus', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      mainButton(el).focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      const dlg = dialog(el);
      expect(dlg.getAttribute('part')).to.equal('dialog');
      expect(dlg.matches(':modal')).to.equal(true);
      expect(dlg.contains(root(el).activeElement)).to.equal(true);
      expect(dlg.getAttribute('aria-labelledby')).to.equal('title');

      fake.setState({ proposal: makeProposal(), status: 'awaiting-approval' });
      await el.updateComplete;
      await sendKeys({ press: 'Tab' });
      expect(dlg.contains(root(el).activeElement)).to.equal(true);

      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dlg.open, 'Escape did not close the dialog');
      await el.updateComplete;
      expect(fake.calls.filter((c) => c.method === 'cancel')).to.have.length(1);
      expect(root(el).activeElement).to.equal(mainButton(el));
      expect(document.activeElement).to.equal(el);
      expect(statusText(el)).to.contain('Connection cancelled');
    });

    it('mode="inline" renders the flow in place; Escape cancels there too', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect mode="inline"></wc-connect>`, fake);
      expect(root(el).querySelector('dialog')).to.equal(null);
      await openWithProposal(el, fake);
      const panel = part(el, 'panel')!;
      expect(panel.closest('dialog')).to.equal(null);
      expect(part(el, 'qr')).to.not.equal(null);
      expect(panel.contains(root(el).activeElement)).to.equal(true);
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(part(el, 'panel')).to.equal(null);
      expect(fake.calls.map((c) => c.method)).to.include('cancel');
      expect(root(el).activeElement).to.equal(mainButton(el));
    });
  });

  describe('reusing a pairing', () => {
    it('offers "Reconnect to <wallet>" for a known pairing and shows "Request sent to …" as text', async () => {
      const hostile = '<img src=x onerror="window.__pwned=1">Rainbow\u202E';
      const fake = new FakeController({ pairings: [makePairing({ name: hostile })] });
      const el = await mount(html`<wc-connect chains="eip155:1"></wc-connect>`, fake);
      const reconnect = part<HTMLButtonElement>(el, 'reconnect-button')!;
      expect(reconnect.textContent!.trim()).to.equal('Reconnect to <img src=x onerror="window.__pwned=1">Rainbow');
      reconnect.click();
      await el.updateComplete;
      expect(lastConnect(fake)!.pairingTopic).to.equal(hex('c'));
      expect(lastConnect(fake)!.requiredNamespaces).to.deep.equal(parseNamespaceAttributes({ chains: 'eip155:1' }).requiredNamespaces);

      fake.setState({
        status: 'awaiting-approval',
        proposal: makeProposal({ reusedPairing: true, pairingTopic: hex('c'), peer: makePairing({ name: hostile }).peer }),
      });
      await el.updateComplete;
      const text = dialog(el).textContent!;
      expect(text).to.contain('Request sent to <img src=x onerror="window.__pwned=1">Rainbow — check your wallet');
      expect(text).not.to.contain('\u202E');
      expect(part(el, 'qr')).to.equal(null);
      expect(root(el).querySelector('img')).to.equal(null);
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
      await expect(el).to.be.accessible();
    });

    it('does not offer pairings that are inactive, peerless or already in a session', async () => {
      const session = makeSession({ pairingTopic: hex('d') });
      const fake = new FakeController({
        sessions: [session],
        activeTopic: session.topic,
        pairings: [
          makePairing({ name: 'Inactive' }, { active: false, topic: hex('1') }),
          makePairing(null, { topic: hex('2') }),
          makePairing({ name: 'Busy' }, { topic: hex('d') }),
          makePairing({ name: 'Expired' }, { topic: hex('3'), expiry: 1 }),
        ],
      });
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      expect(parts(el, 'reconnect-button')).to.have.length(0);
    });

    it('offers reconnect for a pairing-topic attribute and rejects a malformed one', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect pairing-topic=${hex('e')}></wc-connect>`, fake);
      const button = part<HTMLButtonElement>(el, 'reconnect-button')!;
      expect(button.textContent).to.contain('Reconnect to your wallet');
      button.click();
      expect(lastConnect(fake)!.pairingTopic).to.equal(hex('e'));
      el.cancel();

      const seen: WcErrorEvent[] = [];
      el.addEventListener('wc-error', (e) => seen.push(e));
      el.setAttribute('pairing-topic', 'nope');
      await settle(el);
      expect(parts(el, 'reconnect-button')).to.have.length(0);
      expect(seen.map((e) => e.detail.error.code)).to.deep.equal(['invalid-option']);
      expect(alerts(el).join(' ')).to.contain('pairing-topic');
    });

    it('falls back to a fresh QR connect after reuse-timeout seconds', async () => {
      const fake = new FakeController({ pairings: [makePairing({ name: 'Slow Wallet' })] });
      const el = await mount(html`<wc-connect reuse-timeout="1"></wc-connect>`, fake);
      part<HTMLButtonElement>(el, 'reconnect-button')!.click();
      await el.updateComplete;
      expect(dialog(el).textContent).to.contain('Request sent to Slow Wallet');
      // what the real controller commits for a proposal over a known pairing: no URI
      fake.setState({ status: 'awaiting-approval', proposal: makeProposal({ uri: '', pairingTopic: hex('c'), reusedPairing: true }) });
      await el.updateComplete;
      expect(dialog(el).textContent).to.contain('Request sent to Slow Wallet');
      expect(parts(el, 'wallet-link')).to.have.length(0);
      await waitUntil(() => connectCalls(fake).length === 2, 'no fallback after the timeout', { timeout: 4000 });
      expect(fake.calls.map((c) => c.method).slice(-2)).to.deep.equal(['cancel', 'connect']);
      expect(lastConnect(fake)!.pairingTopic).to.equal(undefined);
      await el.updateComplete;
      expect(statusText(el)).to.contain('No answer from Slow Wallet');
      // the abandoned request (still in this fake's snapshot) is not shown again
      expect(dialog(el).textContent).not.to.contain('Request sent');
      expect(dialog(el).textContent).to.contain('Preparing a connection code');
      fake.setState({ proposal: makeProposal(), status: 'awaiting-approval' });
      await el.updateComplete;
      expect(part(el, 'qr')).to.not.equal(null);
    });

    it('"Use a QR code instead" falls back at once', async () => {
      const fake = new FakeController({ pairings: [makePairing({ name: 'Slow Wallet' })] });
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      part<HTMLButtonElement>(el, 'reconnect-button')!.click();
      await el.updateComplete;
      part<HTMLButtonElement>(el, 'use-qr-button')!.click();
      expect(connectCalls(fake)).to.have.length(2);
      expect(lastConnect(fake)!.pairingTopic).to.equal(undefined);
    });
  });

  describe('connected', () => {
    it('closes the flow and announces the wallet when connect() resolves', async () => {
      const fake = new ScriptedController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      await openWithProposal(el, fake);
      const session = makeSession();
      fake.setState({ sessions: [session], activeTopic: session.topic, proposal: null, status: 'connected' });
      fake.pending[0]!.resolve(session);
      await waitUntil(() => !dialog(el).open, 'the dialog stayed open');
      await el.updateComplete;
      expect(statusText(el)).to.contain(`Connected to ${session.peer.metadata.name}`);
      expect(root(el).activeElement).to.equal(mainButton(el));
    });

    it('fires a cancelable wc-disconnect-request; preventDefault keeps the session', async () => {
      const session = makeSession();
      const fake = new FakeController({ sessions: [session], activeTopic: session.topic });
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      const seen: WcDisconnectRequestEvent[] = [];
      const veto = (e: WcDisconnectRequestEvent) => {
        seen.push(e);
        e.preventDefault();
      };
      document.addEventListener('wc-disconnect-request', veto);
      try {
        part<HTMLButtonElement>(el, 'disconnect-button')!.click();
      } finally {
        document.removeEventListener('wc-disconnect-request', veto);
      }
      expect(seen).to.have.length(1);
      expect(seen[0]!.detail.topic).to.equal(session.topic);
      expect(seen[0]!.detail.session).to.equal(session);
      expect(seen[0]!.cancelable && seen[0]!.bubbles && seen[0]!.composed).to.equal(true);
      expect(fake.calls.filter((c) => c.method === 'disconnect')).to.have.length(0);

      part<HTMLButtonElement>(el, 'disconnect-button')!.click();
      expect(fake.calls.filter((c) => c.method === 'disconnect').map((c) => c.args)).to.deep.equal([[session.topic]]);
      await waitUntil(() => statusText(el).includes('Disconnected from'));
    });

    it('renders hostile peer metadata inertly', async () => {
      const evil = `<script>window.__pwned=1</script>\u202Eevil${'x'.repeat(200 * 1024)}`;
      const svgIcon = `data:image/svg+xml;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"/>')}`;
      const session = makeSession({
        peer: { publicKey: 'p', metadata: { name: evil, description: evil, url: 'javascript:alert(1)', icons: ['javascript:alert(1)', svgIcon] } },
      });
      const fake = new FakeController({ sessions: [session], activeTopic: session.topic });
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      const box = part(el, 'session')!;
      const name = box.querySelector('.name')!.textContent!;
      expect(name.startsWith('<script>window.__pwned=1</script>evil')).to.equal(true);
      expect([...name].length).to.be.at.most(64);
      expect(name).not.to.contain('\u202E');
      expect(root(el).querySelector('script, img, a[href^="javascript"]')).to.equal(null);
      expect(box.querySelector('.placeholder')).to.not.equal(null);
      expect(part(el, 'disconnect-button')!.getAttribute('aria-label')!.length).to.be.below(100);
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
      await expect(el).to.be.accessible();
    });

    it('shows an https icon without a referrer and a placeholder when it fails to load', async () => {
      const session = makeSession({
        peer: { publicKey: 'p', metadata: { name: 'Iconic', description: '', url: 'https://w.example', icons: ['https://127.0.0.1:1/icon.png'] } },
      });
      const fake = new FakeController({ sessions: [session], activeTopic: session.topic });
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      const img = root(el).querySelector('img')!;
      expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
      expect(img.getAttribute('alt')).to.equal('');
      await waitUntil(() => root(el).querySelector('.placeholder') !== null, 'no placeholder after the icon failed', { timeout: 5000 });
      expect(root(el).querySelector('img')).to.equal(null);
    });
  });

  describe('errors', () => {
    it('shows state.lastError as an alert with friendly text for known codes', async () => {
      const fake = new FakeController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      const cases: [string, string][] = [
        ['user-rejected', 'rejected in the wallet'],
        ['proposal-expired', 'expired before the wallet answered'],
        ['required-unmet', 'did not grant every network'],
        ['relay-unreachable', 'Could not reach the WalletConnect relay'],
        ['offline', 'You are offline'],
        ['init-failed', 'SignClient.init threw: boom'],
      ];
      for (const [code, text] of cases) {
        const message = code === 'init-failed' ? 'SignClient.init threw: boom' : 'raw';
        fake.setState({ status: 'error', lastError: new WcError(code as WcError['code'], message, { operation: 'connect' }) });
        await el.updateComplete;
        expect(alerts(el), code).to.have.length(1);
        expect(alerts(el)[0], code).to.contain(text);
        expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
      }
      expect(el.matches(':state(error)')).to.equal(true);
      await expect(el).to.be.accessible();

      // errors of other elements' operations, and a cancel, are not this element's to show
      fake.setState({ status: 'connected', lastError: new WcError('request-failed', 'nope', { operation: 'request' }) });
      await el.updateComplete;
      expect(alerts(el)).to.deep.equal([]);
      fake.setState({ status: 'ready', lastError: new WcError('cancelled', 'cancelled', { operation: 'connect' }) });
      await el.updateComplete;
      expect(alerts(el)).to.deep.equal([]);
    });

    it('keeps the flow open with the error and "Try again" when connect() fails, without an unhandled rejection', async () => {
      const fake = new ScriptedController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      const unhandled = watchUnhandledRejections();
      try {
        await openWithProposal(el, fake);
        const error = new WcError('user-rejected', 'User rejected.', { operation: 'connect' });
        fake.setState({ status: 'error', proposal: null, lastError: error });
        fake.pending[0]!.reject(error);
        await waitUntil(() => part(el, 'try-again-button') !== null, 'no Try again');
        expect(dialog(el).open).to.equal(true);
        expect(alerts(el).join(' ')).to.contain('rejected in the wallet');
        expect(dialog(el).contains(part(el, 'error'))).to.equal(true);
        await expect(el).to.be.accessible();
        await unhandled.flush();
        expect(unhandled.reasons).to.deep.equal([]);

        part<HTMLButtonElement>(el, 'try-again-button')!.click();
        expect(connectCalls(fake)).to.have.length(2);
        // the user dismisses the flow: the error they saw is not shown again outside it
        part<HTMLButtonElement>(el, 'cancel-button')!.click();
        await el.updateComplete;
        expect(alerts(el)).to.deep.equal([]);
      } finally {
        unhandled.stop();
      }
    });

    it('closes quietly when the connect is cancelled elsewhere', async () => {
      const fake = new ScriptedController();
      const el = await mount(html`<wc-connect></wc-connect>`, fake);
      await openWithProposal(el, fake);
      fake.pending[0]!.reject(new WcError('cancelled', 'cancelled', { operation: 'connect' }));
      await waitUntil(() => !dialog(el).open);
      expect(alerts(el)).to.deep.equal([]);
    });
  });
});
