import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FakeController, makeSession } from '../../../test/helpers/fake-controller.js';
import { part, parts, text } from '../../../test/helpers/queries.js';
import { watchUnhandledRejections } from '../../../test/helpers/barriers.js';
import { attributeError, elementContracts, type EventCase } from '../../../test/contracts/element-contracts.js';
import { WcError } from '../../errors.js';
import type { WcDisconnectRequestEvent, WcErrorEvent, WcSessionSelectEvent } from '../../events.js';
import type { RequestView, SessionView } from '../../types.js';
import './define.js';
import { ITEM_PARTS, type WcSessionListItem } from './session-item.js';
import type { WcSessionList } from './session-list.js';

const nowS = () => Math.floor(Date.now() / 1000);

/**
 * A plain container in the page. Not open-wc's `fixture()`: for a non-Lit element that waits for an
 * animation frame, which never comes while the test page is a hidden background tab.
 */
const containers: HTMLElement[] = [];
function container(markup = '', lang?: string): HTMLDivElement {
  const div = document.createElement('div');
  if (lang) div.lang = lang;
  div.innerHTML = markup;
  document.body.append(div);
  containers.push(div);
  return div;
}
afterEach(() => {
  for (const div of containers.splice(0)) div.remove();
});
const DAY = 86400;

/** Resolves once the item's expiry text has changed `n` times (each change is a tick of the list's clock). */
function expiryChanges(item: WcSessionListItem, n: number): Promise<void> {
  return new Promise((resolve) => {
    let last = text(part(item, 'expiry'));
    let changes = 0;
    const observer = new MutationObserver(() => {
      const now = text(part(item, 'expiry'));
      if (now === last) return;
      last = now;
      if (++changes < n) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(item.shadowRoot!, { subtree: true, childList: true, characterData: true });
  });
}

function items(el: WcSessionList): WcSessionListItem[] {
  return [...el.shadowRoot!.querySelectorAll('wc-session-list-item')];
}
function button(item: WcSessionListItem, name: string): HTMLButtonElement {
  const b = part(item, `${name}-button`);
  if (!(b instanceof HTMLButtonElement)) throw new Error(`no ${name}-button`);
  return b;
}
async function settle(el: WcSessionList): Promise<void> {
  await el.updateComplete;
  await Promise.all(items(el).map((i) => i.updateComplete));
  await el.updateComplete;
}
async function mount(fake: FakeController | null): Promise<WcSessionList> {
  const el = await fixture<WcSessionList>(html`<wc-session-list .controller=${fake} sort="expiry" expiry-warning="86400"></wc-session-list>`);
  await settle(el);
  return el;
}
function wallet(name: string, patch: Partial<SessionView> = {}): SessionView {
  const base = makeSession();
  return makeSession({
    ...patch,
    peer: { publicKey: 'peer', metadata: { name, description: `${name} wallet`, url: 'https://wallet.example', icons: [] } },
    topic: patch.topic ?? base.topic,
  });
}
function request(topic: string, patch: Partial<RequestView> = {}): RequestView {
  return Object.freeze({
    id: Math.floor(Math.random() * 1e9),
    topic,
    chainId: 'eip155:1',
    method: 'eth_sendTransaction',
    params: [],
    status: 'pending',
    createdAt: Date.now() - 5000,
    expiry: null,
    ...patch,
  } satisfies RequestView);
}

describe('<wc-session-list>', () => {
  const listSettle = settle;
  /** A list showing two sessions (MetaMask active), one with an unmet and an ungranted item and a pending request. */
  const listed = () => {
    const s = wallet('MetaMask', {
      unmet: { chains: ['eip155:10'], methods: ['eth_signTypedData_v4'], events: [] },
      notGranted: { chains: [], methods: ['wallet_switchEthereumChain'], events: [] },
    });
    const other = wallet('Rainbow', { expiry: s.expiry + 10 });
    const fake = new FakeController({ sessions: [s, other], activeTopic: other.topic, pendingRequests: [request(s.topic)] });
    return { s, other, fake };
  };
  const itemOf = (el: WcSessionList, topic: string) => items(el).find((i) => i.session?.topic === topic)!;
  /** Clicking the `button` action of the listed MetaMask session fires `name` once with `detail(session)`. */
  const itemButtonEvent = (name: string, button: string, cancelable: boolean, detail: (s: SessionView) => unknown): EventCase<WcSessionList> => ({
    name,
    cancelable,
    setup: async (mount) => {
      const { s, fake } = listed();
      const el = await mount(fake);
      return {
        el,
        fire: () => part<HTMLButtonElement>(itemOf(el, s.topic), `${button}-button`)!.click(),
        detail: (seen) => {
          expect(seen).to.deep.equal(detail(s));
        },
      };
    },
  });

  elementContracts<WcSessionList>({
    tag: 'wc-session-list',
    settle: listSettle,
    unconfigured: (el) => {
      expect(text(part(el, 'notice'))).to.contain('Not configured');
      expect(el.matches(':state(unconfigured)')).to.equal(true);
      expect(part(el, 'list')).to.equal(null);
    },
    provided: {
      controller: () => new FakeController({ sessions: [wallet('Provided')] }),
      shows: (el) => items(el).length === 1,
      check: (el) => {
        expect(text(part(items(el)[0]!, 'name'))).to.equal('Provided');
      },
    },
    snapshots: {
      steps: [
        {
          cause: 'wc-session-change (added)',
          apply: (fake) => fake.setState({ sessions: [wallet('MetaMask')] }),
          check: (el) => {
            expect(items(el)).to.have.length(1);
            expect(text(part(items(el)[0]!, 'name'))).to.equal('MetaMask');
          },
        },
        {
          cause: 'wc-request',
          apply: (fake) => fake.setState({ pendingRequests: [request(fake.state.sessions[0]!.topic)] }),
          check: (el) => {
            expect(text(part(items(el)[0]!, 'requests'))).to.contain('1 pending request');
          },
        },
        {
          cause: 'wc-session-change (removed)',
          apply: (fake) => fake.setState({ sessions: [], pendingRequests: [] }),
          check: (el) => {
            expect(items(el)).to.have.length(0);
            expect(part(el, 'empty')).to.not.equal(null);
          },
        },
        {
          cause: 'wc-status-change',
          apply: (fake) => fake.setState({ status: 'initializing' }),
          check: (el) => {
            expect(el.matches(':state(loading)')).to.equal(true);
          },
        },
      ],
    },
    listeners: { controller: () => new FakeController({ sessions: [wallet('A')] }) },
    events: [
      itemButtonEvent('wc-session-select', 'select', false, (s) => ({ topic: s.topic })),
      itemButtonEvent('wc-disconnect-request', 'disconnect', true, (s) => ({ topic: s.topic, session: s })),
      attributeError({ attribute: 'sort', value: 'bogus', code: 'invalid-option', message: 'bogus', controller: () => listed().fake }),
    ],
    axe: {
      'with sessions listed': (mount) => mount(listed().fake),
      'while loading': (mount) => mount(new FakeController({ status: 'initializing' })),
    },
    flow: {
      name: 'rendering sessions',
      run: async (mount) => {
        const el = await mount(new FakeController({ sessions: [wallet('A'), wallet('B')] }));
        await listSettle(el);
      },
    },
  });

  describe('controller wiring', () => {
    it('shows a loading text while the controller initializes', async () => {
      const fake = new FakeController({ status: 'initializing' });
      const el = await mount(fake);
      expect(text(part(el, 'notice'))).to.equal('Loading sessions…');
      expect(el.matches(':state(loading)')).to.equal(true);
      fake.setState({ status: 'ready' });
      await settle(el);
      expect(text(part(el, 'empty'))).to.equal('No wallet connected');
    });

    it('shows the empty state as text with part="empty"', async () => {
      const el = await mount(new FakeController());
      expect(text(part(el, 'empty'))).to.equal('No wallet connected');
      expect(el.matches(':state(empty)')).to.equal(true);
      await expect(el).to.be.accessible();
    });
  });

  describe('content', () => {
    it('sorts by expiry (soonest first) by default and by most recent update with sort="recent"', async () => {
      const a = wallet('A', { expiry: nowS() + 3 * DAY, updatedAt: 3000 });
      const b = wallet('B', { expiry: nowS() + 1 * DAY, updatedAt: 1000 });
      const c = wallet('C', { expiry: nowS() + 2 * DAY, updatedAt: 2000 });
      const fake = new FakeController({ sessions: [a, b, c] });
      const el = await mount(fake);
      const names = () => items(el).map((i) => text(part(i, 'name')));
      expect(names()).to.deep.equal(['B', 'C', 'A']);
      el.sort = 'recent';
      await settle(el);
      expect(names()).to.deep.equal(['A', 'C', 'B']);
      fake.setState({ sessions: [a, makeSession({ ...b, updatedAt: 9000 }), c] });
      await settle(el);
      expect(names()).to.deep.equal(['B', 'A', 'C']);
      el.setAttribute('sort', 'expiry');
      await settle(el);
      expect(names()).to.deep.equal(['B', 'C', 'A']);
    });

    it('reports an invalid sort once, visibly and with wc-error, and falls back to expiry', async () => {
      const el = await mount(new FakeController({ sessions: [wallet('A', { expiry: nowS() + 2 * DAY }), wallet('B', { expiry: nowS() + DAY })] }));
      const errors: WcErrorEvent[] = [];
      el.addEventListener('wc-error', (e) => errors.push(e));
      el.setAttribute('sort', 'bogus');
      await settle(el);
      el.requestUpdate();
      await settle(el);
      expect(errors).to.have.length(1);
      expect(errors[0]!.detail.operation).to.equal('attribute');
      expect(errors[0]!.detail.error).to.be.instanceOf(WcError);
      expect(errors[0]!.detail.error.code).to.equal('invalid-option');
      expect(errors[0]!.bubbles && errors[0]!.composed).to.equal(true);
      const shown = part(el, 'error')!;
      expect(shown.getAttribute('role')).to.equal('alert');
      expect(text(shown)).to.contain('bogus');
      expect(items(el).map((i) => text(part(i, 'name')))).to.deep.equal(['B', 'A']);
      await expect(el).to.be.accessible();
      el.setAttribute('sort', 'recent');
      await settle(el);
      expect(part(el, 'error')).to.equal(null);
    });

    it('marks the active session with aria-current and a visible marker', async () => {
      const a = wallet('A');
      const b = wallet('B');
      const fake = new FakeController({ sessions: [a, b], activeTopic: b.topic });
      const el = await mount(fake);
      const [first, second] = [items(el).find((i) => i.session === a)!, items(el).find((i) => i.session === b)!];
      expect(second.getAttribute('aria-current')).to.equal('true');
      expect(first.hasAttribute('aria-current')).to.equal(false);
      expect(text(part(second, 'active-marker'))).to.equal('Active');
      expect(part(first, 'active-marker')).to.equal(null);
      expect(second.matches(':state(active)')).to.equal(true);
      fake.setState({ activeTopic: a.topic });
      await settle(el);
      expect(first.getAttribute('aria-current')).to.equal('true');
      expect(second.hasAttribute('aria-current')).to.equal(false);
    });

    it('shows a live countdown and the warning state below expiry-warning', async () => {
      const soon = wallet('Soon', { expiry: nowS() + 2 * 3600 });
      const later = wallet('Later', { expiry: nowS() + 3 * DAY });
      const gone = wallet('Gone', { expiry: nowS() - 10 });
      const el = await mount(new FakeController({ sessions: [soon, later, gone] }));
      const [goneItem, soonItem, laterItem] = items(el);
      expect(text(part(soonItem!, 'expiry'))).to.contain('Expires in 2 hours');
      expect(text(part(soonItem!, 'warning'))).to.equal('Expiring soon');
      expect(soonItem!.matches(':state(warning)')).to.equal(true);
      expect(el.matches(':state(warning)')).to.equal(true);
      expect(text(part(laterItem!, 'expiry'))).to.equal('Expires in 3 days');
      expect(part(laterItem!, 'warning')).to.equal(null);
      expect(laterItem!.matches(':state(warning)')).to.equal(false);
      expect(text(part(goneItem!, 'expiry'))).to.equal('Expired');
      expect(goneItem!.matches(':state(expired)')).to.equal(true);
      expect(part(goneItem!, 'expiry')!.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
      await expect(el).to.be.accessible();

      el.expiryWarning = 3600;
      await settle(el);
      expect(soonItem!.matches(':state(warning)')).to.equal(false);
      expect(el.matches(':state(warning)')).to.equal(false);
    });

    it('counts down live with one shared clock', async () => {
      const s = wallet('Tick', { expiry: nowS() + 62 });
      const el = await mount(new FakeController({ sessions: [s] }));
      const item = items(el)[0]!;
      expect(text(part(item, 'expiry'))).to.contain('in 1 minute');
      await waitUntil(() => /in \d+ seconds/.test(text(part(item, 'expiry'))), 'countdown did not move to seconds', { timeout: 8000 });
    });

    it('ticks one shared timer for the whole list and re-renders only items whose countdown changed', async () => {
      const realSetTimeout = window.setTimeout;
      let calls = 0;
      window.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
        calls++;
        return realSetTimeout(...args);
      }) as typeof setTimeout;
      try {
        // 50 sessions within the hour: the list ticks every second. 'Tick' counts down in seconds,
        // so each tick changes its text: two changes are two ticks (observed without a timer).
        const soon = Array.from({ length: 50 }, (_, i) => wallet(`S${i}`, { expiry: nowS() + 600 + i }));
        const tick = wallet('Tick', { expiry: nowS() + 40 });
        const later = wallet('Later', { expiry: nowS() + 3 * DAY });
        const el = await mount(new FakeController({ sessions: [...soon, tick, later] }));
        const laterItem = items(el).find((i) => i.session === later)!;
        const tickItem = items(el).find((i) => i.session === tick)!;
        const cycle = laterItem.updateComplete;
        calls = 0;
        await expiryChanges(tickItem, 2);
        // one timer per tick for the list, not one per item (50 items would make 100+)
        expect(calls).to.be.at.most(5);
        expect(laterItem.updateComplete, 'an unchanged countdown re-rendered').to.equal(cycle);
      } finally {
        window.setTimeout = realSetTimeout;
      }
    });

    it("shows the session's pending requests (method, chain, age) only on its own item", async () => {
      const a = wallet('A', { expiry: nowS() + DAY * 2 });
      const b = wallet('B', { expiry: nowS() + DAY * 3 });
      const fake = new FakeController({
        sessions: [a, b],
        pendingRequests: [request(a.topic), request(a.topic, { method: 'personal_sign', chainId: 'eip155:137' })],
      });
      const el = await mount(fake);
      const [ia, ib] = items(el);
      expect(parts(ia!, 'request').map(text)).to.deep.equal(['eth_sendTransaction on Ethereum, 5 seconds ago', 'personal_sign on Polygon, 5 seconds ago']);
      expect(text(part(ia!, 'requests'))).to.contain('2 pending requests');
      expect(part(ib!, 'requests')).to.equal(null);
    });

    it('reaches item parts from outside with ::part (exportparts)', async () => {
      const style = document.createElement('style');
      style.textContent = `
        wc-session-list::part(item) { background-color: rgb(1, 2, 3); }
        wc-session-list::part(name) { color: rgb(4, 5, 6); }
        wc-session-list::part(disconnect-button) { color: rgb(7, 8, 9); }`;
      document.head.append(style);
      try {
        const el = await mount(new FakeController({ sessions: [wallet('Styled')] }));
        const item = items(el)[0]!;
        expect(getComputedStyle(item).backgroundColor).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle(part(item, 'name')!).color).to.equal('rgb(4, 5, 6)');
        expect(getComputedStyle(button(item, 'disconnect')).color).to.equal('rgb(7, 8, 9)');
      } finally {
        style.remove();
      }
    });

    it('uses the document language and string overrides', async () => {
      const s = wallet('MetaMask', { expiry: nowS() + 3 * DAY });
      const wrapper = container('', 'de');
      const el = document.createElement('wc-session-list');
      el.controller = new FakeController({ sessions: [s] });
      wrapper.append(el);
      await settle(el);
      const item = items(el)[0]!;
      expect(button(item, 'disconnect').getAttribute('aria-label')).to.equal('MetaMask trennen');
      expect(text(part(item, 'expiry'))).to.equal('Läuft ab in 3 Tagen');
      await expect(el).to.be.accessible();
      el.strings = { disconnectSession: (name: string) => `Bye ${name}` };
      await settle(el);
      expect(button(item, 'disconnect').getAttribute('aria-label')).to.equal('Bye MetaMask');
    });
  });

  describe('actions', () => {
    async function setup(patch: Partial<SessionView> = {}) {
      const s = wallet('MetaMask', patch);
      const other = wallet('Rainbow', { expiry: s.expiry + 10 });
      const fake = new FakeController({ sessions: [s, other], activeTopic: other.topic });
      const el = await mount(fake);
      const item = items(el).find((i) => i.session?.topic === s.topic)!;
      return { s, other, fake, el, item };
    }

    it('names the session in every action button', async () => {
      const { item } = await setup();
      expect(button(item, 'extend').getAttribute('aria-label')).to.equal('Extend MetaMask');
      expect(button(item, 'ping').getAttribute('aria-label')).to.equal('Ping MetaMask');
      expect(button(item, 'disconnect').getAttribute('aria-label')).to.equal('Disconnect MetaMask');
      expect(button(item, 'select').getAttribute('aria-label')).to.equal('Make active: MetaMask');
    });

    it('extends and pings with the right topic, and shows the ping time', async () => {
      const { s, fake, item, el } = await setup();
      button(item, 'extend').click();
      expect(fake.calls.at(-1)).to.deep.equal({ method: 'extend', args: [s.topic] });
      button(item, 'ping').click();
      expect(fake.calls.at(-1)).to.deep.equal({ method: 'ping', args: [s.topic] });
      await waitUntil(() => part(item, 'ping-result') !== null, 'no ping result');
      expect(text(part(item, 'ping-result'))).to.equal('Ping: 42 ms');
      await waitUntil(() => text(el.shadowRoot!.querySelector('[role="status"]')).includes('42 ms'), 'ping not announced');
    });

    it("shows the session's lastPingMs", async () => {
      const { item } = await setup({ lastPingMs: 23 });
      expect(text(part(item, 'ping-result'))).to.equal('Ping: 23 ms');
    });

    it('makes a session active and fires wc-session-select once', async () => {
      const { s, fake, el, item } = await setup();
      const seen: WcSessionSelectEvent[] = [];
      document.addEventListener('wc-session-select', (e) => seen.push(e), { once: false });
      const event = oneEvent(el, 'wc-session-select');
      button(item, 'select').click();
      const e = await event;
      expect(fake.calls.filter((c) => c.method === 'select')).to.deep.equal([{ method: 'select', args: [s.topic] }]);
      expect(e.detail).to.deep.equal({ topic: s.topic });
      expect(e.bubbles && e.composed).to.equal(true);
      expect(seen).to.have.length(1);
    });

    it('asks before disconnecting: a cancelable wc-disconnect-request, then the controller', async () => {
      const { s, fake, el, item } = await setup();
      const seen: WcDisconnectRequestEvent[] = [];
      el.addEventListener('wc-disconnect-request', (e) => seen.push(e));
      button(item, 'disconnect').click();
      expect(seen).to.have.length(1);
      expect(seen[0]!.detail.topic).to.equal(s.topic);
      expect(seen[0]!.detail.session).to.equal(s);
      expect(seen[0]!.cancelable && seen[0]!.bubbles && seen[0]!.composed).to.equal(true);
      expect(fake.calls.filter((c) => c.method === 'disconnect')).to.deep.equal([{ method: 'disconnect', args: [s.topic] }]);
    });

    it('keeps the session when the disconnect request is prevented', async () => {
      const { fake, el, item } = await setup();
      el.addEventListener('wc-disconnect-request', (e) => e.preventDefault());
      button(item, 'disconnect').click();
      expect(fake.calls.filter((c) => c.method === 'disconnect')).to.deep.equal([]);
    });

    it('disables the buttons while the session is busy', async () => {
      const { s, fake, el, item } = await setup();
      fake.setState({ sessions: [makeSession({ ...s, status: 'extending' }), ...fake.state.sessions.slice(1)] });
      await settle(el);
      for (const name of ['extend', 'ping', 'disconnect', 'select']) {
        expect(button(item, name).getAttribute('aria-disabled'), name).to.equal('true');
        button(item, name).click();
      }
      expect(fake.calls.filter((c) => c.method !== 'init')).to.deep.equal([]);
      expect(item.matches(':state(busy)')).to.equal(true);
    });

    it("catches controller rejections and shows the session's lastError", async () => {
      const { s, fake, el, item } = await setup();
      const failure = new WcError('timeout', 'The wallet did not answer the ping.', { operation: 'ping' });
      fake.ping = async () => {
        throw failure;
      };
      fake.extend = async () => {
        throw failure;
      };
      const unhandled = watchUnhandledRejections();
      try {
        button(item, 'ping').click();
        button(item, 'extend').click();
        await unhandled.flush();
      } finally {
        unhandled.stop();
      }
      expect(unhandled.reasons).to.deep.equal([]);
      fake.setState({ sessions: [makeSession({ ...s, lastError: failure, status: 'active' }), ...fake.state.sessions.slice(1)] });
      await settle(el);
      const shown = part(item, 'item-error')!;
      expect(shown.getAttribute('role')).to.equal('alert');
      expect(text(shown)).to.equal('The wallet did not answer the ping.');
      expect(item.matches(':state(error)')).to.equal(true);
      await expect(el).to.be.accessible();
    });
  });

  describe('keyboard', () => {
    async function setup(n = 4) {
      const sessions = Array.from({ length: n }, (_, i) => wallet(`W${i}`, { expiry: nowS() + DAY * (i + 2) }));
      const fake = new FakeController({ sessions });
      const before = document.createElement('button');
      before.textContent = 'before';
      const after = document.createElement('button');
      after.textContent = 'after';
      const el = await mount(fake);
      el.before(before);
      el.after(after);
      return { el, fake, sessions, before, after };
    }
    const focusedItem = (el: WcSessionList) => el.shadowRoot!.activeElement as WcSessionListItem | null;
    const tabStops = (el: WcSessionList) => items(el).filter((i) => i.tabIndex === 0);

    it('has one tab stop; Tab goes on into the focused item and then out of the list', async () => {
      const { el, before, after } = await setup(3);
      expect(tabStops(el)).to.have.length(1);
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(focusedItem(el)).to.equal(items(el)[0]);
      await sendKeys({ press: 'Tab' });
      // inside the first item: its own controls, never another item's
      const inner = items(el)[0]!.shadowRoot!.activeElement;
      expect(inner).to.not.equal(null);
      let guard = 0;
      while (document.activeElement !== after && guard++ < 50) {
        const owner = focusedItem(el);
        if (owner) expect(owner).to.equal(items(el)[0]);
        await sendKeys({ press: 'Tab' });
      }
      expect(document.activeElement).to.equal(after);
      // every control of item 0 was visited: actions, copy buttons and the details summary
      expect(guard).to.be.greaterThan(5);
    });

    it('moves between items with ArrowDown/ArrowUp/Home/End (roving tabindex)', async () => {
      const { el } = await setup(4);
      const list = items(el);
      list[0]!.focus();
      // each key, and the item that then has focus and the one tab stop
      for (const [press, index] of [
        ['ArrowDown', 1],
        ['End', 3],
        ['ArrowDown', 3],
        ['ArrowUp', 2],
        ['Home', 0],
      ] as const) {
        await sendKeys({ press });
        await settle(el);
        expect(focusedItem(el), press).to.equal(list[index]);
        expect(tabStops(el), press).to.deep.equal([list[index]]);
      }
      // the tab stop's own controls are tabbable, the others' are not
      expect(button(list[0]!, 'extend').tabIndex).to.equal(0);
      expect(button(list[2]!, 'extend').tabIndex).to.equal(-1);
    });

    it('activates a focused button with Enter', async () => {
      const { el, fake, sessions } = await setup(2);
      const item = items(el)[0]!;
      button(item, 'ping').focus();
      await sendKeys({ press: 'Enter' });
      expect(fake.calls.at(-1)).to.deep.equal({ method: 'ping', args: [sessions[0]!.topic] });
    });

    it('keeps focus in the list when the focused session goes away', async () => {
      const { el, fake, sessions } = await setup(3);
      items(el)[1]!.focus();
      await settle(el);
      fake.setState({ sessions: sessions.filter((_, i) => i !== 1) });
      await settle(el);
      expect(focusedItem(el)?.session).to.equal(sessions[2]);
      expect(tabStops(el)).to.have.length(1);
      fake.setState({ sessions: [] });
      await settle(el);
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'empty'));
    });
  });

  describe('scale', () => {
    it('renders 500 sessions, and replacing one re-renders only that item', async () => {
      const sessions = Array.from({ length: 500 }, (_, i) => wallet(`Wallet ${i}`, { expiry: nowS() + 2 * DAY + i * 60 }));
      const fake = new FakeController({ sessions, activeTopic: sessions[0]!.topic });
      const el = await mount(fake);
      const before = items(el);
      expect(before).to.have.length(500);

      // Two public observations: each update cycle gives an item a new `updateComplete` promise, and
      // a MutationObserver sees every DOM change inside and on the items.
      const cycles = before.map((item) => item.updateComplete);
      const changed = new Set<Element>();
      const observers = before.map((item) => {
        const mo = new MutationObserver(() => changed.add(item));
        mo.observe(item.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
        mo.observe(item, { attributes: true });
        return mo;
      });
      const target = sessions[250]!;
      const replaced = makeSession({
        ...target,
        peer: { ...target.peer, metadata: { ...target.peer.metadata, name: 'Renamed wallet' } },
      });
      fake.setState({ sessions: sessions.map((s) => (s === target ? replaced : s)) });
      await settle(el);
      for (const mo of observers) {
        if (mo.takeRecords().length) changed.add(before[observers.indexOf(mo)]!);
        mo.disconnect();
      }
      const after = items(el);
      expect(
        after.every((item, i) => item === before[i]),
        'item elements kept',
      ).to.equal(true);
      const renamed = after.find((i) => i.session === replaced)!;
      expect(text(part(renamed, 'name'))).to.equal('Renamed wallet');
      expect(after.filter((item, i) => item.updateComplete !== cycles[i])).to.deep.equal([renamed]);
      expect([...changed]).to.deep.equal([renamed]);
    });

    describe('500 sessions, as a user meets them', () => {
      /** 500 sessions, soonest expiry first; `patch(i)` changes session i. */
      const many = (patch: (i: number) => Partial<SessionView> = () => ({})) =>
        Array.from({ length: 500 }, (_, i) => wallet(`Wallet ${i}`, { expiry: nowS() + 2 * DAY + i * 60, ...patch(i) }));
      const focusedItem = (el: WcSessionList) => el.shadowRoot!.activeElement as WcSessionListItem | null;
      const tabStops = (el: WcSessionList) => items(el).filter((i) => i.tabIndex === 0);

      it('lists all 500 for screen readers: one list, 500 list items, each with its name and expiry', async () => {
        const sessions = many();
        const el = await mount(new FakeController({ sessions }));
        const list = part(el, 'list')!;
        expect(list.getAttribute('role')).to.equal('list');
        const rows = [...list.children].filter((c) => c.getAttribute('role') === 'listitem') as WcSessionListItem[];
        expect(rows).to.have.length(500);
        expect(rows.map((r) => text(part(r, 'name')))).to.deep.equal(sessions.map((_, i) => `Wallet ${i}`));
        expect(rows.every((r) => /^Expires in \d+ days$/.test(text(part(r, 'expiry'))))).to.equal(true);
        // every row forwards the same parts (the list writes the list out in its template)
        expect(rows.every((r) => r.getAttribute('exportparts') === ITEM_PARTS.join(', '))).to.equal(true);
      });

      it('End reaches the last session and focuses it, in full; Tab goes on into its buttons; Home goes back', async () => {
        const sessions = many();
        const el = await mount(new FakeController({ sessions }));
        const all = items(el);
        all[0]!.focus();
        await sendKeys({ press: 'End' });
        await settle(el);
        const last = all[499]!;
        expect(focusedItem(el)).to.equal(last);
        expect(last.session).to.equal(sessions[499]);
        expect(tabStops(el)).to.deep.equal([last]);
        await waitUntil(() => part(last, 'disconnect-button') !== null, 'the focused last row did not render its buttons', { timeout: 5000 });
        expect(button(last, 'disconnect').getAttribute('aria-label')).to.equal('Disconnect Wallet 499');
        const box = last.getBoundingClientRect();
        expect(box.top < innerHeight && box.bottom > 0, 'the focused row is scrolled into view').to.equal(true);
        await sendKeys({ press: 'Tab' });
        expect(focusedItem(el)).to.equal(last);
        expect(last.shadowRoot!.activeElement).to.not.equal(null);
        last.focus();
        await sendKeys({ press: 'ArrowUp' });
        await settle(el);
        expect(focusedItem(el)).to.equal(all[498]);
        await sendKeys({ press: 'Home' });
        await settle(el);
        expect(focusedItem(el)).to.equal(all[0]);
        expect(tabStops(el)).to.deep.equal([all[0]]);
      });

      it('shows a row far down in full once it is scrolled to', async () => {
        const el = await mount(new FakeController({ sessions: many() }));
        const row = items(el)[300]!;
        expect(text(part(row, 'name'))).to.equal('Wallet 300');
        row.scrollIntoView();
        await waitUntil(() => part(row, 'actions') !== null, 'the scrolled-to row did not render in full', { timeout: 5000 });
        expect(parts(row, 'account')).to.have.length(2);
        expect(button(row, 'ping').getAttribute('aria-label')).to.equal('Ping Wallet 300');
        button(row, 'ping').click();
        expect(el.controller && (el.controller as FakeController).calls.at(-1)).to.deep.equal({ method: 'ping', args: [row.session!.topic] });
      });

      it('shows the expiry warning on the right row, far down the list, and only there', async () => {
        // sorted by most recent update: the expiring session sits at row 400
        const sessions = many((i) => ({ updatedAt: 1_000_000 - i, ...(i === 400 ? { expiry: nowS() + 2 * 3600 } : {}) }));
        const fake = new FakeController({ sessions });
        const el = await fixture<WcSessionList>(html`<wc-session-list .controller=${fake} sort="recent"></wc-session-list>`);
        await settle(el);
        const rows = items(el);
        const warned = rows.filter((r) => r.matches(':state(warning)'));
        expect(warned).to.deep.equal([rows[400]]);
        expect(rows[400]!.session).to.equal(sessions[400]);
        expect(text(part(rows[400]!, 'warning'))).to.equal('Expiring soon');
        expect(text(part(rows[400]!, 'expiry'))).to.contain('Expires in 2 hours');
        expect(rows.filter((r) => part(r, 'warning') !== null)).to.deep.equal([rows[400]]);
        expect(el.matches(':state(warning)')).to.equal(true);

        // extended: the warning goes, on that row only; no other row re-renders
        const cycles = rows.map((r) => r.updateComplete);
        const extended = makeSession({ ...sessions[400]!, expiry: nowS() + 7 * DAY });
        fake.setState({ sessions: sessions.map((s) => (s === sessions[400] ? extended : s)) });
        await settle(el);
        expect(rows.filter((r) => r.matches(':state(warning)'))).to.deep.equal([]);
        expect(part(rows[400]!, 'warning')).to.equal(null);
        expect(el.matches(':state(warning)')).to.equal(false);
        expect(rows.filter((r, i) => r.updateComplete !== cycles[i])).to.deep.equal([rows[400]]);
      });

      it('is accessible with rows waiting off-screen', async () => {
        const el = await mount(new FakeController({ sessions: many().slice(0, 40) }));
        expect(items(el)[39]!.shadowRoot!.querySelector('[part="actions"]')).to.equal(null);
        await expect(el).to.be.accessible();
      });
    });
  });
});
