// The demo dApp's page script: builds the <wc-provider> for the dev relay, sends requests to the
// active session, shows the latest result and logs every wc-* event. Peer data is hostile: it only
// ever reaches the page as textContent.
import { chainName, controllerEventNames, createEip1193Provider, displayMetadata } from '/dist/wc-elements.js';
import { relayUrl } from '/config.js';

/** User-intent events the elements fire (the controller's own names come from the bundle). */
const ELEMENT_EVENTS = [
  'wc-disconnect-request',
  'wc-session-select',
  'wc-uri-copy',
  'wc-namespace-change',
  'wc-namespace-approve',
  'wc-namespace-reject',
  'wc-auth',
];
const LOG_LIMIT = 200;
/** 64×64 PNG: wallets show only https: or raster data: icons, and this server is plain http. */
const ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAACRElEQVR42u1bLUgEQRTeZrhksVjUJhgEBYNVsIposlyxGYyiVatiNJi0Wq3KZTUaFPEQUeQQwT8EkZHvYA9uffOzs3vu7c33YGC4vTfz3jdvvjc7OxNFDlLpHx0fntjYGZs5PJlaPH+ZXrpW3VhgG2yErbA5yioDI/PVybnT22512FZgO3xI7XhfZXAISJbV8WSBL/Apcg33bg7zLNPDOi3wh15zPFm0ICBEenHkpUgQp0MvzXkXTvjD9qE4H5e27FDmVJclRQZDfEZCxKopVADge1DkJ5JhCKnPlBKjUJ2PCwEgAASAAHSk4ZXNe7W2/aD2j56bBfXq+p1VD/9J6qGtUgAAQ2tn78okbx8/6rj22uYU6vgNz0yCtvMGIxcAMGoXl58qrUDHV88lmv4FgN2DhipK0HehACBsixbYUAgALiN/Vf9qhTnqrpJWL0skRL5z3kRyMGh2+SaVXizS3EZbaNNEkr6c4AWAjrjA0pLjNr0kwen00bYuy5j0cgUAeVnnvC1Fuoot1elAgG0dB0DqHKFpGnkdYUJPCmsbsaEvSc82CLkAIMnW3pNVTzI4Xu1JwNjaQ5+SdBQAXRjbRl9Hfgur9WbxITX06TN9MgEgpT4X8pGAe2x8t56j7uOIRKppU2IqAKRwdQHABpyvI5IebCQAnAIkQaZBLoS4FObLEF+HuSHCLTFuinJbnB9G+GmMH0cJAAEgAARAD0Dwx+SCPygZ/FHZ4A9LB39cnhcmeGWGl6Z4bY4XJ3l1lpeng70+/wvXlkyESkupJQAAAABJRU5ErkJggg==';
const DETAIL_CHARS = 400;

const params = new URLSearchParams(location.search);
const $ = (selector) => document.querySelector(selector);

// ---- the provider: attributes first, then into the page, so the controller uses this relay ----
const provider = document.createElement('wc-provider');
provider.setAttribute('relay-url', relayUrl);
provider.setAttribute('app-name', 'wc-elements demo');
provider.setAttribute('app-description', 'The wc-elements demo dApp');
provider.setAttribute('app-icon', ICON);
provider.setAttribute('storage-prefix', params.get('prefix') || 'wc-demo');
if (params.has('ttl')) provider.setAttribute('proposal-ttl', params.get('ttl'));
const app = $('#app').content.cloneNode(true);
// "Open in Demo wallet": the demo wallet on this server, opened with the wc: URI in its address.
const walletLinks = JSON.stringify([{ name: 'Demo wallet', href: `${location.origin}/wallet.html#uri={uri}` }]);
for (const connect of app.querySelectorAll('wc-connect')) connect.setAttribute('wallet-links', walletLinks);
provider.append(app);
$('#app').replaceWith(provider);
$('#relay-url').textContent = relayUrl;

// ---- requests to the active session ----
const buttons = [...document.querySelectorAll('button[data-method]')];

/** The chain each wallet last announced with `chainChanged`, by session topic. */
const announcedChain = new Map();

/**
 * The active session's EVM account `{session, chainId, address}` (or null): on the chain its wallet
 * last announced, else its first EVM account.
 */
function activeAccount(state) {
  const session = state.sessions.find((s) => s.topic === state.activeTopic);
  const accounts = session?.accounts.filter((a) => a.startsWith('eip155:')) ?? [];
  const announced = session && announcedChain.get(session.topic);
  const account = (announced && accounts.find((a) => a.startsWith(`${announced}:`))) || accounts[0];
  if (!account) return null;
  const i = account.lastIndexOf(':');
  return { session, chainId: account.slice(0, i), address: account.slice(i + 1) };
}

/** Methods granted on the active chain: the namespace's own, plus a chain-specific key's. */
function methodsOn(session, chainId) {
  return [...(session.namespaces.eip155?.methods ?? []), ...(session.namespaces[chainId]?.methods ?? [])];
}

function renderActive(state) {
  const active = activeAccount(state);
  const info = $('#active');
  if (!active) {
    info.textContent = state.sessions.length ? 'The active session has no EVM account.' : 'No session yet.';
  } else {
    const { name } = displayMetadata(active.session.peer.metadata, 'Unnamed wallet');
    info.textContent = `Active: ${name} · ${chainName(active.chainId)} (${active.chainId}) · ${active.address}`;
  }
  for (const button of buttons) {
    button.disabled = !active || !methodsOn(active.session, active.chainId).includes(button.dataset.method);
  }
}

const toHex = (text) => `0x${[...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;

function requestFor(method, { chainId, address }) {
  switch (method) {
    case 'personal_sign':
      return [toHex(`Hello from the wc-elements demo, ${new Date().toISOString()}`), address];
    case 'eth_signTypedData_v4':
      return [address, JSON.stringify(typedData(Number(chainId.split(':')[1]), address))];
    case 'eth_sendTransaction':
      return [{ from: address, to: address, value: '0x0', data: '0x' }];
  }
  throw new Error(`unknown method ${method}`);
}

/** The EIP-712 example message ("Mail"), for the active chain. */
function typedData(chainId, address) {
  return {
    types: {
      EIP712Domain: [
        { name: 'name', type: 'string' },
        { name: 'version', type: 'string' },
        { name: 'chainId', type: 'uint256' },
      ],
      Person: [
        { name: 'name', type: 'string' },
        { name: 'wallet', type: 'address' },
      ],
      Mail: [
        { name: 'from', type: 'Person' },
        { name: 'to', type: 'Person' },
        { name: 'contents', type: 'string' },
      ],
    },
    primaryType: 'Mail',
    domain: { name: 'wc-elements demo', version: '1', chainId },
    message: {
      from: { name: 'Demo dApp', wallet: address },
      to: { name: 'You', wallet: address },
      contents: 'Hello from the wc-elements demo',
    },
  };
}

for (const button of buttons) {
  button.addEventListener('click', () => {
    const controller = provider.controller;
    const active = controller && activeAccount(controller.state);
    if (!active) return;
    const method = button.dataset.method;
    // The outcome is shown from the wc-request events; failures are also reported as wc-error.
    controller.request({ topic: active.session.topic, chainId: active.chainId, method, params: requestFor(method, active) }).catch(() => {});
  });
}

// ---- the latest request: from wc-request events, and from the snapshot after a reload ----
/** UTF-8 text of a 0x hex string, or null when it is not one. */
function fromHex(hex) {
  if (!/^0x(?:[0-9a-f]{2})*$/i.test(hex)) return null;
  const bytes = new Uint8Array(
    hex
      .slice(2)
      .match(/../g)
      ?.map((b) => parseInt(b, 16)) ?? [],
  );
  return new TextDecoder().decode(bytes);
}

function renderResult(request) {
  // [label, value, data-field]
  const fields = [
    ['Status', request.status, 'status'],
    ['Method', request.method, 'method'],
    ['Chain', request.chainId, 'chain'],
    ['Request id', String(request.id), 'id'],
  ];
  const message = request.method === 'personal_sign' ? request.params?.[0] : undefined;
  if (typeof message === 'string') {
    fields.push(['Message', fromHex(message) ?? message, 'text'], ['Message (hex)', message, 'message']);
  }
  if (request.status === 'resolved') {
    fields.push(['Result', typeof request.result === 'string' ? request.result : toJson(request.result), 'result']);
  }
  if (request.error) fields.push(['Error', `${request.error.code}: ${request.error.message}`, 'error']);
  if (request.status === 'pending') fields.push(['', 'Waiting for the wallet…', 'note']);
  if (request.method === 'eth_sendTransaction' && request.status === 'resolved') {
    fields.push(['', 'The demo wallet answers with a fake hash: nothing was broadcast.', 'note']);
  }
  $('#result').replaceChildren(fieldList(fields, { status: request.status, method: request.method }, 2000));
}

/** A `<dl class="fields">` of `[label, value, data-field]` rows, as text (at most `limit` characters each); `data` becomes its data-* attributes. */
function fieldList(rows, data, limit = Infinity) {
  const dl = document.createElement('dl');
  dl.className = 'fields';
  Object.assign(dl.dataset, data);
  for (const [label, value, key] of rows) {
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dt.textContent = label;
    dd.textContent = String(value).slice(0, limit);
    dd.dataset.field = key;
    if (key === 'error') dd.className = 'error-text';
    dl.append(dt, dd);
  }
  return dl;
}

let shownRequest = null;
function showLatest(state) {
  // The newest request the snapshot knows: pending ones, then finished ones (after a reload too).
  const all = [...state.pendingRequests, ...state.recentRequests].sort((a, b) => b.createdAt - a.createdAt);
  const latest = all[0];
  if (latest && latest !== shownRequest) {
    shownRequest = latest;
    renderResult(latest);
  }
}

provider.addEventListener('wc-request', (event) => {
  shownRequest = event.detail;
  renderResult(event.detail);
});

// ---- the viem panel: viem's wallet client over the EIP-1193 provider ----
/** The EIP-1193 provider of the controller in use (a changed configuration builds a new controller). */
let eip1193 = null;
function eip1193Provider() {
  const controller = provider.controller;
  if (eip1193?.controller !== controller) {
    eip1193?.provider.dispose();
    eip1193 = { controller, provider: createEip1193Provider(controller) };
  }
  return eip1193.provider;
}

/** Shows `[label, value, key]` rows in the viem panel, as text. */
function showViem(rows, status) {
  $('#viem-result').replaceChildren(fieldList(rows, { status }));
}

$('#viem-sign').addEventListener('click', async (event) => {
  const button = event.currentTarget;
  if (!provider.controller) return;
  button.disabled = true;
  showViem([['', 'Waiting for the wallet…', 'note']], 'pending');
  try {
    const { signWithViem } = await import('/dist/demo-viem.js');
    const signed = await signWithViem(eip1193Provider(), `Hello from viem on the wc-elements demo, ${new Date().toISOString()}`);
    showViem(
      [
        ['Message', signed.message, 'message'],
        ['Chain', `${chainName(`eip155:${signed.chainId}`)} (${signed.chainId})`, 'chain'],
        ['Signature', signed.signature, 'signature'],
        [signed.verified ? 'Verified signer' : 'NOT verified for', signed.address, 'signer'],
      ],
      signed.verified ? 'verified' : 'unverified',
    );
  } catch (error) {
    showViem([['Error', `${error?.code ?? ''} ${error?.shortMessage ?? error?.message ?? String(error)}`.trim(), 'error']], 'error');
  } finally {
    button.disabled = false;
  }
});

// ---- sign-in (One-Click Auth): the wc-auth result, as text ----
provider.addEventListener('wc-auth', (event) => {
  const { address, chainId, fallback, cacaos, session } = event.detail;
  const cacao = cacaos[0];
  const rows = [
    ['Signed in as', address, 'address'],
    ['Chain', `${chainName(chainId)} (${chainId})`, 'chain'],
    ['Domain', String(cacao?.p?.domain ?? ''), 'domain'],
    ['How', fallback ? 'personal_sign fallback (the wallet has no One-Click Auth)' : 'One-Click Auth (wc_sessionAuthenticate)', 'how'],
    ['Session', session.topic, 'topic'],
    ['Signature', String(cacao?.s?.s ?? ''), 'signature'],
    // The whole CACAO, so anyone can check it (the e2e test does, in Node).
    ['CACAO', JSON.stringify(cacao), 'cacao'],
  ];
  $('#auth-result').replaceChildren(fieldList(rows, { status: 'signed-in' }));
});

// ---- the event log ----
const log = $('#log');
const includeState = $('#log-state');
$('#log-clear').addEventListener('click', () => log.replaceChildren());

/** JSON for display: errors by code and message, bigints as strings, cut to DETAIL_CHARS. */
function toJson(value) {
  let text;
  try {
    text = JSON.stringify(value, (_key, v) => {
      if (v instanceof Error) return { name: v.name, code: v.code, message: v.message };
      if (typeof v === 'bigint') return v.toString();
      return v;
    });
  } catch {
    text = String(value);
  }
  text ??= 'undefined';
  return text.length > DETAIL_CHARS ? `${text.slice(0, DETAIL_CHARS)}…` : text;
}

/** The detail's short string fields (reason, status, …) up front: the JSON may be cut before them. */
function summaryOf(detail) {
  const keys = ['reason', 'status', 'cause', 'name', 'method', 'chainId', 'operation'];
  const text = keys
    .filter((k) => typeof detail?.[k] === 'string')
    .map((k) => `${k}=${detail[k].slice(0, 80)}`)
    .join(' ');
  const span = document.createElement('span');
  span.className = 'summary';
  span.textContent = text ? ` ${text}` : '';
  return span;
}

function logEvent(event) {
  if (event.type === 'wc-state-change' && !includeState.checked) return;
  const item = document.createElement('li');
  item.dataset.event = event.type;
  const time = document.createElement('span');
  time.className = 'time';
  time.textContent = new Date().toLocaleTimeString();
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = event.type;
  const detail = document.createElement('div');
  detail.textContent = toJson(event.detail);
  item.append(time, name, summaryOf(event.detail), detail);
  log.prepend(item);
  while (log.childElementCount > LOG_LIMIT) log.lastElementChild.remove();
}

for (const name of [...controllerEventNames, ...ELEMENT_EVENTS]) document.addEventListener(name, logEvent);

// ---- follow the controller ----
function onState() {
  const state = provider.controller?.state;
  if (!state) return;
  renderActive(state);
  showLatest(state);
}
provider.addEventListener('wc-state-change', onState);
provider.addEventListener('wc-session-event', (event) => {
  const { name, topic, chainId } = event.detail;
  if (name !== 'chainChanged') return;
  announcedChain.set(topic, chainId);
  onState();
});
onState();
