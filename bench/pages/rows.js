// The rows of `npm run bench` that run inside one page (bench.html): each function measures ours and
// its baseline side by side and returns milliseconds (or bytes). bench/run.mjs calls them in a fresh
// browser context per run, alternating which side goes first.
import * as h from '/build/harness.js';

const EIP155 = { eip155: { chains: h.CHAINS, methods: h.METHODS, events: [] } };

/** A `<wc-provider>` (own storage prefix, memory storage) around a `<wc-connect>` and a `<wc-session-list>`. */
async function mountOurs(relayUrl) {
  const provider = document.createElement('wc-provider');
  provider.setAttribute('relay-url', relayUrl);
  provider.setAttribute('project-id', 'wc-elements-bench');
  provider.setAttribute('storage-prefix', `bench-${Math.random().toString(36).slice(2)}`);
  provider.setAttribute('chains', h.CHAINS.join(' '));
  provider.setAttribute('methods', h.METHODS.join(' '));
  provider.innerHTML = '<wc-connect></wc-connect><wc-session-list></wc-session-list>';
  document.body.append(provider);
  await customElements.whenDefined('wc-provider');
  await h.until(() => provider.controller, 'the provider to build its controller');
  const controller = provider.controller;
  await controller.init();
  const connect = provider.querySelector('wc-connect');
  const list = provider.querySelector('wc-session-list');
  await h.settle(provider);
  return { provider, controller, connect, list };
}

/**
 * The peer rows, one flow each side, in this order: click → QR (client initialised first), approve →
 * session row painted, request round trip. Ours through the elements and the controller; the baseline
 * the raw SignClient (`connect()` → URI, `approval()` resolving, `request()` resolving).
 */
export async function peer({ relayUrl, side }) {
  const wallet = await h.makeWallet(relayUrl);
  if (side === 'ours') {
    const { controller, connect, list } = await mountOurs(relayUrl);
    const button = connect.shadowRoot.querySelector('[part~="button"]');
    let t0 = performance.now();
    button.click();
    await h.untilTask(() => h.deepAll(connect, '[part~="qr"]').length, 'the QR code');
    await h.nextPaint();
    const click = performance.now() - t0;
    const uri = controller.state.proposal.uri;
    const proposal = await wallet.pair(uri);
    t0 = performance.now();
    await wallet.approve(proposal);
    await h.untilTask(() => h.deepAll(list, '[part~="item"]').length, 'the session row');
    await h.settle(list);
    await h.nextPaint();
    const approve = performance.now() - t0;
    t0 = performance.now();
    await controller.request({ chainId: h.CHAINS[0], method: 'personal_sign', params: ['0x62656e6368', h.ADDRESS] });
    const request = performance.now() - t0;
    return { click, approve, request };
  }
  const client = await h.rawDapp(relayUrl);
  let t0 = performance.now();
  const { uri, approval } = await client.connect({ optionalNamespaces: EIP155 });
  const click = performance.now() - t0;
  const settled = approval();
  const proposal = await wallet.pair(uri);
  t0 = performance.now();
  await wallet.approve(proposal);
  const session = await settled;
  const approve = performance.now() - t0;
  t0 = performance.now();
  await client.request({ topic: session.topic, chainId: h.CHAINS[0], request: { method: 'personal_sign', params: ['0x62656e6368', h.ADDRESS] } });
  const request = performance.now() - t0;
  return { click, approve, request };
}

/**
 * 500 sessions from a fake controller: first render (render + style + layout, forced), then one
 * session's expiry changes (re-render + style + layout). The baseline builds the same rows by hand.
 */
export async function list({ count, side }) {
  const all = h.sessions(count);
  const host = document.createElement('div');
  document.body.append(host);
  h.layout();
  const changed = (s) => Object.freeze({ ...s, expiry: Math.floor(Date.now() / 1000) + 90 });
  const index = Math.floor(count / 2);
  if (side === 'ours') {
    const fake = new h.FakeController({ sessions: all });
    const el = document.createElement('wc-session-list');
    let t0 = performance.now();
    el.controller = fake;
    host.append(el);
    await h.settle(el);
    h.layout();
    const first = performance.now() - t0;
    const rows = h.deepAll(el, '[part~="item"]').length;
    await h.nextPaint();
    const next = all.map((s, i) => (i === index ? changed(s) : s));
    t0 = performance.now();
    fake.setState({ sessions: next });
    await h.settle(el);
    h.layout();
    const update = performance.now() - t0;
    return { first, update, rows };
  }
  let t0 = performance.now();
  const root = h.plainList(host, all);
  h.layout();
  const first = performance.now() - t0;
  await h.nextPaint();
  t0 = performance.now();
  const s = changed(all[index]);
  const time = root.querySelector(`[data-topic="${s.topic}"] time`);
  time.textContent = h.plainExpiry(s.expiry);
  time.dateTime = new Date(s.expiry * 1000).toISOString();
  h.layout();
  const update = performance.now() - t0;
  return { first, update, rows: root.children.length };
}

/**
 * Mount and unmount `<wc-connect>`, `<wc-session-list>` and `<wc-namespace-picker>` `count` times
 * inside one `<wc-provider>` whose controller is a fake with three sessions (`?bare`: without the
 * provider, each element given `.controller`).
 */
export async function cycles({ count, bare = false }) {
  if (!globalThis.benchFake) globalThis.benchFake = new h.FakeController({ sessions: h.sessions(3) });
  const fake = globalThis.benchFake;
  if (!globalThis.benchHost) {
    const host = document.createElement(bare ? 'div' : 'wc-provider');
    if (!bare) host.controller = fake;
    globalThis.benchHost = document.body.appendChild(host);
  }
  const host = globalThis.benchHost;
  for (let i = 0; i < count; i++) {
    const els = ['wc-connect', 'wc-session-list', 'wc-namespace-picker'].map((tag) => document.createElement(tag));
    if (bare) for (const el of els) el.controller = fake;
    els[2].setAttribute('chains', 'eip155:1');
    host.append(...els);
    await h.settle(host);
    for (const el of els) el.remove();
    fake.calls.length = 0; // the fake records every call (init, …): its log is not the elements' heap
  }
  await h.nextPaint();
  return { controllerListeners: fake.listenerCount };
}

/** Seeds the controller's storage (IndexedDB, `prefix`) with `count` real sessions from a real wallet. */
export async function seed({ relayUrl, prefix, count }) {
  const wallet = await h.makeWallet(relayUrl);
  const provider = document.createElement('wc-provider');
  provider.setAttribute('relay-url', relayUrl);
  provider.setAttribute('project-id', 'wc-elements-bench');
  provider.setAttribute('storage-prefix', prefix);
  provider.setAttribute('chains', h.CHAINS.join(' '));
  provider.setAttribute('methods', h.METHODS.join(' '));
  document.body.append(provider);
  await h.until(() => provider.controller, 'the provider to build its controller');
  const controller = provider.controller;
  await controller.init();
  for (let i = 0; i < count; i++) {
    const connecting = controller.connect();
    await h.untilTask(() => controller.state.proposal?.uri, 'a proposal');
    const proposal = await wallet.pair(controller.state.proposal.uri);
    await wallet.approve(proposal);
    await connecting;
  }
  const sessions = controller.state.sessions.length;
  await new Promise((resolve) => setTimeout(resolve, 1500)); // the SDK persists in the background
  return { sessions };
}
