// Page side of bench/list/run.mjs: builds 500 sessions in <wc-session-list> (fake controller) or as plain DOM rows.
import '../../src/elements/session-list/define.js';
import { FakeController, makeSession } from '../../test/helpers/fake-controller.js';
import type { SessionView } from '../../src/types.js';
import type { WcSessionList } from '../../src/elements/session-list/session-list.js';

const DAY = 86400;
const nowS = () => Math.floor(Date.now() / 1000);
const gc = () => (globalThis as unknown as { gc?: () => void }).gc?.();
const nextPaint = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

function sessions(n: number): SessionView[] {
  return Array.from({ length: n }, (_, i) =>
    makeSession({
      expiry: nowS() + 2 * DAY + i * 60,
      peer: { publicKey: 'peer', metadata: { name: `Wallet ${i}`, description: `Wallet ${i} wallet`, url: 'https://wallet.example', icons: [] } },
    }),
  );
}

function items(el: WcSessionList) {
  return [...el.shadowRoot!.querySelectorAll('wc-session-list-item')];
}
async function settle(el: WcSessionList) {
  await el.updateComplete;
  await Promise.all(items(el).map((i) => i.updateComplete));
  await el.updateComplete;
}
/** Items in the viewport that show their full content (their actions part). */
function visibleComplete(el: WcSessionList): boolean {
  const h = innerHeight;
  return items(el).every((i) => {
    const r = i.getBoundingClientRect();
    if (r.bottom < 0 || r.top > h) return true;
    return !!i.shadowRoot!.querySelector('[part="actions"]');
  });
}

let fake: FakeController | null = null;
let list: WcSessionList | null = null;
let plainRows: HTMLElement[] = [];
let plainData: SessionView[] = [];

const PLAIN_CSS = `
.plist{display:grid;gap:.75rem;margin:0;padding:0}
.prow{display:block;content-visibility:auto;contain-intrinsic-size:auto 10rem;border:1px solid #ccc;border-radius:8px;padding:.75rem 1rem;font:14px system-ui}
.prow .item{display:grid;gap:.5rem}.prow .head{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem}
.prow .icon{width:2.5rem;height:2.5rem;border-radius:50%;display:inline-grid;place-items:center;background:#eee}
.prow .ident{display:grid;flex:1 1 10rem}.prow ul{display:flex;flex-wrap:wrap;gap:.25rem;list-style:none;margin:0;padding:0}
.prow .chip{padding:0 .5rem;border-radius:999px;background:#eee}.prow .actions{display:flex;gap:.5rem;flex-wrap:wrap}
.prow p{margin:0}`;

function h(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
function expiryText(s: SessionView): string {
  const left = s.expiry - Date.now() / 1000;
  return `Expires in ${rtf.format(Math.round(left / DAY), 'day')}`;
}
function plainRow(s: SessionView): HTMLElement {
  const name = s.peer.metadata.name;
  const accounts = s.accounts.map((id) =>
    h(
      'li',
      { class: 'account' },
      h('span', { title: id, 'aria-hidden': 'true' }, id.slice(-8)),
      h('button', { type: 'button', 'aria-label': `Copy ${id}` }, 'Copy'),
    ),
  );
  return h(
    'div',
    { class: 'prow', role: 'listitem', tabindex: '-1', 'data-topic': s.topic },
    h(
      'div',
      { class: 'item' },
      h(
        'div',
        { class: 'head' },
        h('span', { class: 'icon', 'aria-hidden': 'true' }, name[0]!),
        h('div', { class: 'ident' }, h('span', { class: 'name' }, name), h('span', { class: 'host' }, 'wallet.example')),
        h('p', { class: 'expiry' }, h('time', { datetime: new Date(s.expiry * 1000).toISOString() }, expiryText(s))),
      ),
      h('p', { class: 'description' }, s.peer.metadata.description),
      h('ul', { 'aria-label': 'Chains' }, ...s.chains.map((c) => h('li', { class: 'chip' }, c))),
      h('ul', { 'aria-label': 'Accounts' }, ...accounts),
      h(
        'details',
        {},
        h('summary', {}, '2 methods, 2 events'),
        h('ul', {}, ...['personal_sign', 'eth_sendTransaction'].map((m) => h('li', {}, h('code', {}, m)))),
      ),
      h(
        'div',
        { class: 'actions' },
        ...['Make active', 'Extend', 'Ping', 'Disconnect'].map((b) => h('button', { type: 'button', 'aria-label': `${b} ${name}` }, b)),
      ),
    ),
  );
}

const api = {
  gc,
  /** Warms fonts, styles and code paths for both sides with a few rows, then empties the page. */
  async warm() {
    const f = new FakeController({ sessions: sessions(3) });
    const el = document.createElement('wc-session-list');
    el.controller = f;
    document.body.append(el);
    await settle(el);
    el.getBoundingClientRect();
    const style = h('style', {}, PLAIN_CSS);
    const root = h('div', { class: 'plist' }, ...sessions(3).map(plainRow));
    document.body.append(style, root);
    root.getBoundingClientRect();
    await nextPaint();
    document.body.replaceChildren();
    await nextPaint();
  },
  reset() {
    document.body.replaceChildren();
    list = null;
    fake = null;
    plainRows = [];
  },
  prepareOurs(n: number) {
    fake = new FakeController({ sessions: sessions(n) });
    gc();
  },
  preparePlain(n: number) {
    plainData = sessions(n);
    gc();
  },
  async oursFirst() {
    const t0 = performance.now();
    const el = document.createElement('wc-session-list');
    el.controller = fake;
    document.body.append(el);
    await settle(el);
    el.getBoundingClientRect();
    const t1 = performance.now();
    let frames = 0;
    do {
      await nextPaint();
      frames++;
      await settle(el);
    } while (!visibleComplete(el) && frames < 20);
    const t2 = performance.now();
    list = el;
    return { sync: t1 - t0, painted: t2 - t0, frames, items: items(el).length };
  },
  async plainFirst() {
    const t0 = performance.now();
    const style = h('style', {}, PLAIN_CSS);
    const root = h('div', { class: 'plist', role: 'list', 'aria-label': 'Sessions' });
    plainRows = [...plainData].sort((a, b) => a.expiry - b.expiry).map(plainRow);
    root.append(...plainRows);
    document.body.append(style, root);
    root.getBoundingClientRect();
    const t1 = performance.now();
    await nextPaint();
    const t2 = performance.now();
    return { sync: t1 - t0, painted: t2 - t0, frames: 1, items: plainRows.length };
  },
  /** One session (index k in the data) gets a new expiry: a new snapshot, as the controller's extend would make. */
  async oursExpiry(k: number) {
    const el = list!;
    const all = fake!.state.sessions;
    const target = all[k]!;
    const changed = makeSession({ ...target, expiry: target.expiry + 7 * DAY });
    const next = all.map((s) => (s === target ? changed : s));
    await nextPaint();
    const t0 = performance.now();
    fake!.setState({ sessions: next });
    await settle(el);
    el.getBoundingClientRect();
    const t1 = performance.now();
    await nextPaint();
    const t2 = performance.now();
    return { sync: t1 - t0, painted: t2 - t0 };
  },
  async plainExpiry(k: number) {
    const target = plainData[k]!;
    await nextPaint();
    const t0 = performance.now();
    const changed = { ...target, expiry: target.expiry + 7 * DAY };
    plainData = plainData.map((s) => (s === target ? changed : s));
    const row = plainRows.find((r) => r.dataset['topic'] === target.topic)!;
    row.querySelector('time')!.textContent = expiryText(changed);
    row.querySelector('time')!.setAttribute('datetime', new Date(changed.expiry * 1000).toISOString());
    // keep the display order: move the row to its new place
    const sorted = [...plainData].sort((a, b) => a.expiry - b.expiry);
    const idx = sorted.indexOf(changed);
    const parent = row.parentElement!;
    const ref = sorted[idx + 1] ? plainRows.find((r) => r.dataset['topic'] === sorted[idx + 1]!.topic)! : null;
    parent.insertBefore(row, ref);
    parent.getBoundingClientRect();
    const t1 = performance.now();
    await nextPaint();
    const t2 = performance.now();
    return { sync: t1 - t0, painted: t2 - t0 };
  },
};
(globalThis as unknown as { bench: typeof api }).bench = api;
