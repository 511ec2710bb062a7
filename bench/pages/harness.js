// In-page helpers of `npm run bench`, bundled by esbuild into bench/results/build/harness.js:
// a real wallet SignClient that approves and answers, the raw-SDK baselines, the fake controller of
// the rendering tests, a hand-written plain-DOM session list, and the timing primitives. The
// elements themselves come from bench/results/build/ours.js (the CDN build), never from here.
import { SignClient } from '@walletconnect/sign-client';
import { buildApprovedNamespaces } from '@walletconnect/utils';
import { FakeController, makeSession } from '../../test/helpers/fake-controller.ts';
import { MemoryStorage } from '../../src/internal/memory-storage.ts';
import { patchVerify } from '../../src/internal/sdk-patches.ts';

export { FakeController, makeSession };

export const ADDRESS = '0xab16a96d359ec26a11e2c2b3d8f8b8942d5bfcdb';
export const CHAINS = ['eip155:1'];
export const METHODS = ['personal_sign'];
const unique = (role) => `${role}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Resolves after the next frame has been produced (a rAF, then a task after it). */
export function nextPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Forces style and layout of the whole document, so a measurement includes them. */
export function layout() {
  return document.documentElement.getBoundingClientRect().height + document.body.offsetHeight;
}

/** Awaits every Lit element under `root` (shadow roots included) until none has an update pending. */
export async function settle(root) {
  for (let round = 0; round < 20; round++) {
    const pending = [];
    const walk = (node) => {
      if (node.updateComplete && node.isUpdatePending) pending.push(node.updateComplete);
      if (node.shadowRoot) for (const child of node.shadowRoot.children) walk(child);
      for (const child of node.children ?? []) walk(child);
    };
    walk(root);
    if (!pending.length) return;
    await Promise.all(pending);
  }
}

/** Every element matching `selector` under `root`, through shadow roots. */
export function deepAll(root, selector) {
  const found = [];
  const walk = (node) => {
    if (node.matches?.(selector)) found.push(node);
    if (node.shadowRoot) for (const child of node.shadowRoot.children) walk(child);
    for (const child of node.children ?? []) walk(child);
  };
  walk(root);
  return found;
}

/** Polls once per frame until `predicate()` is truthy (bounded). */
export async function until(predicate, what, ms = 20_000) {
  const end = performance.now() + ms;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (performance.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** Polls every task (not every frame: no frame quantisation) until `predicate()` is truthy. */
export async function untilTask(predicate, what, ms = 20_000) {
  const end = performance.now() + ms;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (performance.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** The SignClient options the controller uses on a loopback relay (see src/controller/owned-client.ts). */
function clientOptions(relayUrl, role) {
  return {
    projectId: 'wc-elements-bench',
    relayUrl,
    customStoragePrefix: unique(role),
    storage: new MemoryStorage(),
    telemetryEnabled: false,
    logger: 'silent',
    metadata: { name: `Bench ${role}`, description: 'npm run bench', url: location.origin, icons: [] },
  };
}

/** A raw dApp SignClient, set up as the controller sets up its own (Verify off on a loopback relay). */
export async function rawDapp(relayUrl) {
  const client = await SignClient.init(clientOptions(relayUrl, 'raw-dapp'));
  patchVerify(client, false);
  return client;
}

/** A real wallet SignClient: pairs, approves every proposal it is asked to, answers every request at once. */
export async function makeWallet(relayUrl) {
  const client = await SignClient.init({ ...clientOptions(relayUrl, 'wallet'), signConfig: { disableRequestQueue: true } });
  patchVerify(client, false);
  const proposals = [];
  const waiting = [];
  client.on('session_proposal', (p) => (waiting.length ? waiting.shift()(p) : proposals.push(p)));
  client.on('session_request', (r) => {
    client.respond({ topic: r.topic, response: { id: r.id, jsonrpc: '2.0', result: '0xbench' } }).catch(() => {});
  });
  return {
    client,
    /** Pairs with a `wc:` URI and resolves with the proposal. */
    async pair(uri) {
      const next = proposals.length ? Promise.resolve(proposals.shift()) : new Promise((resolve) => waiting.push(resolve));
      await client.pair({ uri });
      return next;
    },
    /** Approves everything asked for; resolves when the wallet has sent its answer (not when acknowledged). */
    async approve(proposal) {
      const asked = { ...proposal.params.requiredNamespaces, ...proposal.params.optionalNamespaces };
      const supported = {};
      for (const [key, ns] of Object.entries(asked)) {
        const entry = (supported[key.split(':')[0]] ??= { chains: [], methods: [], events: [], accounts: [] });
        for (const c of ns.chains ?? [key]) if (!entry.chains.includes(c)) (entry.chains.push(c), entry.accounts.push(`${c}:${ADDRESS}`));
        for (const m of ns.methods) if (!entry.methods.includes(m)) entry.methods.push(m);
        for (const e of ns.events) if (!entry.events.includes(e)) entry.events.push(e);
      }
      const namespaces = buildApprovedNamespaces({ proposal: proposal.params, supportedNamespaces: supported });
      return client.approve({ id: proposal.id, namespaces });
    },
  };
}

/** `count` synthetic sessions, as the rendering tests make them. */
export function sessions(count) {
  return Array.from({ length: count }, () => makeSession());
}

const PLAIN_STYLE = `
.plain-list { display: flex; flex-direction: column; gap: 8px; font: 14px system-ui, sans-serif; }
.plain-item { border: 1px solid #ccd; border-radius: 8px; padding: 12px; }
.plain-head { display: flex; gap: 8px; align-items: center; }
.plain-icon { width: 40px; height: 40px; border-radius: 8px; display: grid; place-items: center; background: #eef; }
.plain-ident { flex: 1; display: flex; flex-direction: column; }
.plain-chips, .plain-accounts { list-style: none; display: flex; flex-wrap: wrap; gap: 4px; padding: 0; margin: 8px 0 0; }
.plain-chips li { border-radius: 999px; padding: 2px 8px; background: #eef; }
.plain-actions { display: flex; gap: 8px; margin-top: 8px; }
`;

/** The same content as a `<wc-session-list>` row, written by hand with the DOM API (the baseline). */
export function plainRow(session, now = Date.now()) {
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const name = session.peer?.metadata?.name ?? 'Unknown wallet';
  const item = el('div', 'plain-item');
  item.setAttribute('role', 'listitem');
  item.dataset.topic = session.topic;
  const head = item.appendChild(el('div', 'plain-head'));
  head.appendChild(el('span', 'plain-icon', name[0]));
  const ident = head.appendChild(el('div', 'plain-ident'));
  ident.appendChild(el('span', 'plain-name', name));
  ident.appendChild(el('span', 'plain-host', new URL(session.peer.metadata.url).host));
  const expiry = head.appendChild(el('p', 'plain-expiry'));
  const time = expiry.appendChild(el('time', '', plainExpiry(session.expiry, now)));
  time.dateTime = new Date(session.expiry * 1000).toISOString();
  item.appendChild(el('p', 'plain-description', session.peer.metadata.description));
  const chips = item.appendChild(el('ul', 'plain-chips'));
  chips.setAttribute('aria-label', 'Chains');
  for (const chain of session.chains) chips.appendChild(el('li', '', chain));
  const accounts = item.appendChild(el('ul', 'plain-accounts'));
  accounts.setAttribute('aria-label', 'Accounts');
  for (const account of session.accounts) {
    const li = accounts.appendChild(el('li'));
    const address = account.split(':')[2];
    li.appendChild(el('span', 'plain-address', `${address.slice(0, 6)}…${address.slice(-4)}`));
    li.appendChild(el('span', 'plain-chain', account.split(':').slice(0, 2).join(':')));
    li.appendChild(el('button', '', 'Copy')).type = 'button';
  }
  const actions = item.appendChild(el('div', 'plain-actions'));
  for (const label of ['Ping', 'Extend', `Disconnect ${name}`]) actions.appendChild(el('button', '', label)).type = 'button';
  return item;
}

export function plainExpiry(expirySeconds, now = Date.now()) {
  const left = Math.max(0, Math.round(expirySeconds - now / 1000));
  if (left < 3600) return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return left < 86400 ? `in ${Math.round(left / 3600)} hours` : `in ${Math.round(left / 86400)} days`;
}

/** A plain-DOM list of `list` into `host`; returns the list element. */
export function plainList(host, list) {
  if (!document.getElementById('plain-style')) {
    const style = document.head.appendChild(document.createElement('style'));
    style.id = 'plain-style';
    style.textContent = PLAIN_STYLE;
  }
  const root = document.createElement('div');
  root.className = 'plain-list';
  root.setAttribute('role', 'list');
  const now = Date.now();
  for (const s of list) root.appendChild(plainRow(s, now));
  host.appendChild(root);
  return root;
}
