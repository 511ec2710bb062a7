/**
 * The demo wallet: a real SignClient in the wallet role on the dev relay, with a throwaway key made
 * in this tab (kept in sessionStorage so a reload keeps it). A TEST wallet: it really signs
 * personal_sign and eth_signTypedData_v4, and answers eth_sendTransaction with a fake hash. It signs in
 * too (One-Click Auth, `session_authenticate`): it shows the SIWE message and signs it on Approve.
 * Everything the dApp sends is hostile: it reaches the page only as text.
 *
 * Built by demo/rollup.config.mjs into dist/demo-wallet.js; wallet.html calls startWallet().
 */
import { SignClient } from '@walletconnect/sign-client';
import type { AuthTypes, ISignClient, ProposalTypes, SessionTypes, SignClientTypes } from '@walletconnect/types';
import { buildAuthObject, formatMessage, getSdkError, populateAuthPayload } from '@walletconnect/utils';
import { hexToString, isHex } from 'viem';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { perform, SIGNER_METHODS } from './signer.js';
import '../src/elements/namespace-picker/define.js';
import type { WcNamespacePicker } from '../src/elements/namespace-picker/namespace-picker.js';
import { chainName, shortAddress } from '../src/internal/chains.js';
import { ensureBuffer } from '../src/internal/buffer-shim.js';
import { cleanText, displayMetadata } from '../src/internal/metadata.js';
import { guardUnawaitedDisconnect, patchVerify } from '../src/internal/sdk-patches.js';

export interface WalletOptions {
  readonly relayUrl: string;
  /** Storage prefix; the address is appended so a new key never meets an old key's sessions. */
  readonly prefix: string;
}

type SessionRequest = SignClientTypes.EventArguments['session_request'];
type AuthRequest = SignClientTypes.EventArguments['session_authenticate'];

const KEY_STORAGE = 'wc-demo-wallet-key';
const SOLANA_MAINNET = 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp';
/** Valid base58, obviously not a real account. */
const FAKE_SOLANA_ADDRESS = 'DemoWa11etFakeSo1anaAccount1111111111111111';
/** Chains the wallet can add to a session with "Add chain". */
const EVM_CHAINS = ['eip155:1', 'eip155:10', 'eip155:137', 'eip155:8453', 'eip155:42161', 'eip155:11155111'];
const SUPPORTED = SIGNER_METHODS;
const LOG_LIMIT = 100;
/** 64×64 PNG: dApps show only https: or raster data: icons, and this server is plain http. */
const ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAABn0lEQVR42mNgIAKwSnAZ8LvL94vEa+6XKDd5L1Vv/n8wYpDbQG4EuRXkZgZKAZeBaIJ4vsH9wephQhjkdpAfSPY4swC7Aigkh6rH0THILyA/MRCb3AdzMqckexDMFiAFw83j6BhnIICSyHCMeWwpAWt2GE55npgyAaO0Hymeh2GU2mEoV3WUVJEjpuDDWyCCWk0jNQBAfh9RhR/WwnAkVH34qkSGkep5GB4NgNEAGA2A0QAYDQBSsOv02P/H7p8dlBjkNpoHQPD8zP+DFYDcNhoAowEwGgCjATAaAKMBMBoAQzMAfvz59f/pl5dkY985KUM7AL79/vH/zodHZGPv2UnDKwCOPDr7v3pHLxhfeHl9ZAUAyMNqbU5we+2mhI+sAFhzZTuG3SCxERMAoOSPbC8oNRDKBsOuDJh/di046YM8BmKPuEJwxNcCIy4ARpvCowEwGgCjATAaAKMBMBoAowEwqANgdHJ0NABGA2A0AIZVAIz4ZXIjfqHkiF8qO+IXS4/45fKjGyZGt8yMbpoa3TY3unFydOvs6ObpEbt9HgBmjTc3uvM9twAAAABJRU5ErkJggg==';
const PREVIEW_CHARS = 1500;

// ---- tiny DOM helpers: text only, never HTML ----

type Child = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const child of children) if (child) el.append(child);
  return el;
}

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const el = h('button', { type: 'button', ...attrs }, label);
  el.addEventListener('click', onClick);
  return el;
}

function select(options: readonly string[], attrs: Record<string, string>): HTMLSelectElement {
  return h('select', attrs, ...options.map((chain) => h('option', { value: chain }, chainName(chain))));
}

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const message = (error: unknown) => cleanText(error instanceof Error ? error.message : String(error), 300) || 'unknown error';

// ---- the key ----

function loadAccount(): PrivateKeyAccount {
  let key = sessionStorage.getItem(KEY_STORAGE);
  if (!key || !/^0x[0-9a-f]{64}$/i.test(key)) {
    key = generatePrivateKey();
    sessionStorage.setItem(KEY_STORAGE, key);
  }
  return privateKeyToAccount(key as `0x${string}`);
}

/** Chains of a proposal, from `chains` lists and inline `namespace:reference` keys. */
function requestedChains(proposal: ProposalTypes.Struct): string[] {
  const out = new Set<string>();
  for (const namespaces of [proposal.requiredNamespaces, proposal.optionalNamespaces]) {
    for (const [key, ns] of Object.entries(namespaces ?? {})) {
      for (const chain of key.includes(':') ? [key] : (ns?.chains ?? [])) out.add(chain);
    }
  }
  return [...out];
}

function sessionChains(session: SessionTypes.Struct): string[] {
  const out = new Set<string>();
  for (const ns of Object.values(session.namespaces)) {
    for (const chain of ns.chains ?? []) out.add(chain);
    for (const account of ns.accounts) out.add(account.slice(0, account.lastIndexOf(':')));
  }
  return [...out];
}

// ---- the wallet ----

export async function startWallet({ relayUrl, prefix }: WalletOptions): Promise<void> {
  const account = loadAccount();
  const picker = document.querySelector('wc-namespace-picker') as WcNamespacePicker;
  const requests = new Map<number, SessionRequest>();
  const signIns = new Map<number, AuthRequest>();
  byId('address').textContent = account.address;
  byId('solana').textContent = FAKE_SOLANA_ADDRESS;

  const log = (text: string, error = false) => {
    const list = byId('log');
    const item = h('li', error ? { class: 'error-text' } : {}, h('span', { class: 'time' }, new Date().toLocaleTimeString()), text);
    list.prepend(item);
    while (list.childElementCount > LOG_LIMIT) list.lastElementChild?.remove();
  };
  const pairStatus = (text: string, error = false) => {
    const el = byId('pair-status');
    el.textContent = text;
    el.className = error ? 'note error-text' : 'note';
  };
  /** Runs a user action; a failure is shown, never thrown (the page must not leave a rejection). */
  const run = async (what: string, action: () => Promise<unknown>): Promise<boolean> => {
    try {
      await action();
      return true;
    } catch (error) {
      log(`${what} failed: ${message(error)}`, true);
      return false;
    }
  };

  let client: ISignClient;
  try {
    client = await SignClient.init({
      projectId: 'wc-elements-demo',
      relayUrl,
      customStoragePrefix: `${prefix}-${account.address.slice(2, 10).toLowerCase()}`,
      telemetryEnabled: false,
      signConfig: { disableRequestQueue: true },
      logger: 'silent',
      metadata: {
        name: 'Demo wallet',
        description: 'wc-elements TEST wallet with throwaway keys',
        url: location.origin,
        icons: [ICON],
      },
    });
  } catch (error) {
    byId('relay').textContent = `failed to start: ${message(error)}`;
    return;
  }
  // Offline, Verify would stall each proposal and request by 5 s.
  patchVerify(client, false);
  guardUnawaitedDisconnect(client); // the same SDK quirk the controller contains (src/internal/sdk-patches.ts)

  // ---- relay status ----
  const relay = (up: boolean) => {
    byId('relay').textContent = up ? `connected (${relayUrl})` : `disconnected (${relayUrl})`;
  };
  relay(client.core.relayer.connected);
  client.core.relayer.on('relayer_connect', () => relay(true));
  client.core.relayer.on('relayer_disconnect', () => relay(false));

  // ---- pairing ----
  const pair = (uri: string) =>
    run('Pairing', async () => {
      pairStatus('Pairing…');
      try {
        await client.pair({ uri });
      } catch (error) {
        pairStatus(`Pairing failed: ${message(error)}`, true);
        throw error;
      }
      // The proposal may have arrived (and been shown) before pair() settled.
      if (!picker.proposal) pairStatus('Paired: waiting for the proposal…');
    });

  byId('pair-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = byId<HTMLInputElement>('uri');
    const uri = input.value.trim();
    if (uri) void pair(uri).then((ok) => ok && (input.value = ''));
  });

  /** `#uri=wc:…` (as the dApp's "Open in Demo wallet" link sends it): pair once, then clear it. */
  const fromHash = () => {
    const match = /^#uri=(.+)$/.exec(location.hash);
    if (!match) return;
    history.replaceState(null, '', location.pathname + location.search);
    let uri = '';
    try {
      uri = decodeURIComponent(match[1]!);
    } catch {
      pairStatus('The address holds a malformed URI', true);
      return;
    }
    byId<HTMLInputElement>('uri').value = '';
    void pair(uri);
  };
  addEventListener('hashchange', fromHash);

  // ---- proposals ----
  client.events.on('session_proposal', ({ params }) => {
    const chains = requestedChains(params);
    const accounts = [
      ...chains.filter((c) => /^eip155:[0-9]{1,32}$/.test(c)).map((c) => `${c}:${account.address}`),
      ...(chains.includes(SOLANA_MAINNET) ? [`${SOLANA_MAINNET}:${FAKE_SOLANA_ADDRESS}`] : []),
    ];
    picker.accounts = accounts;
    picker.proposal = params;
    pairStatus('');
    log(`Proposal from ${displayMetadata(params.proposer?.metadata, 'an unnamed app').name}`);
    picker.scrollIntoView({ block: 'nearest' });
  });
  client.events.on('proposal_expire', ({ id }) => {
    if (picker.proposal?.id !== id) return;
    picker.proposal = null;
    log('The proposal expired');
  });
  picker.addEventListener('wc-namespace-approve', (event) => {
    void run('Approve', async () => {
      const { acknowledged } = await client.approve({ id: event.detail.id, namespaces: event.detail.namespaces });
      await acknowledged();
      picker.proposal = null;
      log('Session approved');
      renderSessions();
    });
  });
  picker.addEventListener('wc-namespace-reject', (event) => {
    void run('Reject', async () => {
      await client.reject({ id: event.detail.id, reason: getSdkError('USER_REJECTED') });
      picker.proposal = null;
      log('Proposal rejected');
    });
  });

  // ---- sign-in requests (One-Click Auth) ----
  ensureBuffer(); // the SDK's ReCap and CACAO code calls Buffer (src/internal/buffer-shim.ts)

  /** What the wallet signs for `req`: the payload on the EVM chains it asked for, this account as issuer. */
  function signInPayload(req: AuthRequest): { payload: AuthTypes.PayloadParams; iss: string; text: string } {
    const asked = req.params.authPayload;
    const chains = (Array.isArray(asked.chains) ? asked.chains : []).filter((c) => /^eip155:[0-9]{1,32}$/.test(c));
    if (chains.length === 0) throw new Error('the sign-in asks for no EVM chain');
    const payload = populateAuthPayload({ authPayload: asked, chains, methods: [...SUPPORTED] });
    const iss = `did:pkh:${payload.chains[0] ?? chains[0]}:${account.address}`;
    return { payload, iss, text: formatMessage(payload, iss) };
  }

  async function answerSignIn(req: AuthRequest, approve: boolean): Promise<void> {
    signIns.delete(req.id);
    renderSignIns();
    await run(approve ? 'Sign-in' : 'Rejecting the sign-in', async () => {
      if (!approve) {
        await client.rejectSessionAuthenticate({ id: req.id, reason: getSdkError('USER_REJECTED') });
        log('Sign-in rejected');
        return;
      }
      const { payload, iss, text } = signInPayload(req);
      const signature = await account.signMessage({ message: text });
      const cacao = buildAuthObject(payload, { t: 'eip191', s: signature }, iss);
      await client.approveSessionAuthenticate({ id: req.id, auths: [cacao] });
      log(`Signed in to ${cleanText(payload.domain, 256)}`);
      renderSessions();
    });
  }

  function renderSignIns(): void {
    const items = [...signIns.values()].map((req) => {
      const app = displayMetadata(req.params.requester?.metadata, 'an unnamed app').name;
      let text: string;
      try {
        text = signInPayload(req).text;
      } catch (error) {
        text = `Cannot sign this: ${message(error)}`;
      }
      if (text.length > PREVIEW_CHARS) text = `${text.slice(0, PREVIEW_CHARS)}…`;
      return h(
        'li',
        { 'data-id': String(req.id), 'data-kind': 'sign-in' },
        h('span', { class: 'item-title' }, `Sign in to ${cleanText(req.params.authPayload.domain, 256)}`),
        h('span', { class: 'muted' }, `from ${app}`),
        h('pre', { 'data-field': 'siwe' }, text),
        h(
          'div',
          { class: 'row' },
          button('Approve', () => void answerSignIn(req, true), { class: 'primary', 'aria-label': `Approve the sign-in from ${app}` }),
          button('Reject', () => void answerSignIn(req, false), { 'aria-label': `Reject the sign-in from ${app}` }),
        ),
      );
    });
    byId('sign-ins').replaceChildren(...items);
    byId('no-sign-ins').hidden = items.length > 0;
  }

  client.events.on('session_authenticate', (req) => {
    signIns.set(req.id, req);
    pairStatus('');
    renderSignIns();
    log(`Sign-in request from ${displayMetadata(req.params.requester?.metadata, 'an unnamed app').name}`);
    byId('sign-ins').scrollIntoView({ block: 'nearest' });
  });

  // ---- requests ----
  async function answer(req: SessionRequest, approve: boolean): Promise<void> {
    requests.delete(req.id);
    renderRequests();
    const { method, params } = req.params.request;
    const name = cleanText(method, 64);
    await run(`Answering ${name}`, async () => {
      if (!approve) {
        await client.respond({ topic: req.topic, response: { id: req.id, jsonrpc: '2.0', error: getSdkError('USER_REJECTED') } });
        log(`Rejected ${name}`);
        return;
      }
      let result: string;
      try {
        result = await perform(account, method, Array.isArray(params) ? params : []);
      } catch (error) {
        await client.respond({ topic: req.topic, response: { id: req.id, jsonrpc: '2.0', error: { code: -32602, message: message(error) } } });
        throw error;
      }
      await client.respond({ topic: req.topic, response: { id: req.id, jsonrpc: '2.0', result } });
      log(`Answered ${name}: ${result}${method === 'eth_sendTransaction' ? ' (FAKE hash, nothing broadcast)' : ''}`);
    });
  }

  function preview(method: string, params: unknown): string {
    const list = Array.isArray(params) ? params : [];
    let text: string;
    if (method === 'personal_sign' && typeof list[0] === 'string') {
      text = `Message: ${isHex(list[0]) ? hexToString(list[0]) : list[0]}`;
    } else if (method === 'eth_signTypedData_v4' && typeof list[1] === 'string') {
      try {
        text = JSON.stringify(JSON.parse(list[1]), null, 2);
      } catch {
        text = list[1];
      }
    } else {
      text = JSON.stringify(params, null, 2) ?? '';
    }
    if (method === 'eth_sendTransaction') text += '\n\nThis TEST wallet answers with a FAKE hash; nothing is broadcast.';
    return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
  }

  function renderRequests(): void {
    const items = [...requests.values()].map((req) => {
      const { method, params } = req.params.request;
      const peer = client.session.keys.includes(req.topic) ? client.session.get(req.topic).peer.metadata : null;
      const app = displayMetadata(peer, 'an unnamed app').name;
      const name = cleanText(method, 64);
      const supported = SUPPORTED.has(method);
      return h(
        'li',
        { 'data-id': String(req.id), 'data-method': name },
        h('span', { class: 'item-title' }, `${name} on ${chainName(cleanText(req.params.chainId, 64))}`),
        h('span', { class: 'muted' }, `from ${app}`),
        h('pre', {}, preview(method, params)),
        h(
          'div',
          { class: 'row' },
          button('Approve', () => void answer(req, true), {
            class: 'primary',
            'aria-label': `Approve ${name} from ${app}`,
            ...(supported ? {} : { disabled: '' }),
          }),
          button('Reject', () => void answer(req, false), { 'aria-label': `Reject ${name} from ${app}` }),
          !supported && h('span', { class: 'muted' }, 'not supported by the demo wallet'),
        ),
      );
    });
    byId('requests').replaceChildren(...items);
    byId('no-requests').hidden = items.length > 0;
  }

  client.events.on('session_request', (req) => {
    requests.set(req.id, req);
    renderRequests();
    log(`Request ${cleanText(req.params.request.method, 64)} (id ${req.id})`);
  });
  client.events.on('session_request_expire', ({ id }) => {
    if (requests.delete(id)) renderRequests();
  });

  // ---- sessions ----
  function renderSessions(): void {
    const sessions = client.session.getAll().sort((a, b) => a.expiry - b.expiry);
    const items = sessions.map((session) => {
      const { topic } = session;
      const meta = displayMetadata(session.peer.metadata, 'Unnamed app');
      const chains = sessionChains(session);
      const evm = chains.filter((c) => c.startsWith('eip155:'));
      const addable = EVM_CHAINS.filter((c) => !chains.includes(c));
      const expiry = new Date(session.expiry * 1000);
      const chainSelect = select(evm, { 'aria-label': `Chain for events to ${meta.name}`, 'data-role': 'event-chain' });
      const addSelect = select(addable, { 'aria-label': `Chain to add for ${meta.name}`, 'data-role': 'add-chain' });
      const emit = (name: 'chainChanged' | 'accountsChanged') =>
        run(`Emitting ${name}`, async () => {
          const chainId = chainSelect.value;
          const data = name === 'chainChanged' ? Number(chainId.split(':')[1]) : [account.address];
          await client.emit({ topic, chainId, event: { name, data } });
          log(`Emitted ${name} on ${chainName(chainId)}`);
        });
      return h(
        'li',
        { 'data-topic': topic },
        h('span', { class: 'item-title' }, meta.name, meta.host ? h('span', { class: 'muted' }, ` · ${meta.host}`) : null),
        h(
          'dl',
          { class: 'fields' },
          h('dt', {}, 'Chains'),
          h('dd', { 'data-field': 'chains' }, chains.map(chainName).join(', ')),
          h('dt', {}, 'Accounts'),
          h('dd', {}, session.namespaces['eip155'] ? shortAddress(account.address) : '—'),
          h('dt', {}, 'Expires'),
          h('dd', {}, h('time', { datetime: expiry.toISOString(), 'data-field': 'expiry' }, expiry.toLocaleString())),
        ),
        evm.length > 0 &&
          h(
            'div',
            { class: 'row' },
            chainSelect,
            button('Emit chainChanged', () => void emit('chainChanged')),
            button('Emit accountsChanged', () => void emit('accountsChanged')),
          ),
        addable.length > 0 &&
          h(
            'div',
            { class: 'row' },
            addSelect,
            button('Add chain', () => void run('Adding a chain', () => addChain(topic, addSelect.value)), {
              'aria-label': `Add chain to ${meta.name}`,
            }),
          ),
        h(
          'div',
          { class: 'row' },
          button('Extend', () => void run('Extend', () => extend(topic)), { 'aria-label': `Extend ${meta.name}` }),
          button('Disconnect', () => void run('Disconnect', () => disconnect(topic)), { 'aria-label': `Disconnect ${meta.name}` }),
        ),
      );
    });
    byId('sessions').replaceChildren(...items);
    byId('no-sessions').hidden = items.length > 0;
  }

  /** Grants one more EVM chain (with this wallet's account on it) through a session update. */
  async function addChain(topic: string, chain: string): Promise<void> {
    const namespaces = structuredClone(client.session.get(topic).namespaces);
    const evm = namespaces['eip155'] ?? { chains: [], accounts: [], methods: [...SUPPORTED], events: ['chainChanged', 'accountsChanged'] };
    evm.chains = [...new Set([...(evm.chains ?? []), chain])];
    evm.accounts = [...new Set([...evm.accounts, `${chain}:${account.address}`])];
    namespaces['eip155'] = evm;
    const { acknowledged } = await client.update({ topic, namespaces });
    await acknowledged();
    log(`Added ${chainName(chain)}`);
    renderSessions();
  }

  async function extend(topic: string): Promise<void> {
    const { acknowledged } = await client.extend({ topic });
    await acknowledged();
    log('Session extended');
    renderSessions();
  }

  async function disconnect(topic: string): Promise<void> {
    await client.disconnect({ topic, reason: getSdkError('USER_DISCONNECTED') });
    for (const [id, req] of requests) if (req.topic === topic) requests.delete(id);
    log('Session disconnected');
    renderSessions();
    renderRequests();
  }

  const sessionsChanged = (what: string) => () => {
    log(what);
    renderSessions();
    // Requests of a session that ended can no longer be answered.
    const live = new Set(client.session.keys);
    for (const [id, req] of requests) if (!live.has(req.topic)) requests.delete(id);
    renderRequests();
  };
  client.events.on('session_delete', sessionsChanged('The dApp ended a session'));
  client.events.on('session_expire', sessionsChanged('A session expired'));
  client.events.on('session_extend', sessionsChanged('The dApp extended a session'));
  client.events.on('session_update', sessionsChanged('The dApp updated a session'));
  client.events.on('session_ping', () => log('Ping from the dApp'));

  // Restored state: sessions and requests that arrived before a reload of this page.
  for (const req of client.getPendingSessionRequests()) requests.set(req.id, req as SessionRequest);
  renderSessions();
  renderRequests();
  renderSignIns();
  fromHash();
}
