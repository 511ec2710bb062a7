/**
 * Real peers for browser tests: a SessionController (dApp) and a real SignClient acting as the
 * wallet, both in the test page, talking through the dev relay. Nothing here is mocked.
 */
import { SignClient } from '@walletconnect/sign-client';
import type { ISignClient, ProposalTypes, SessionTypes, SignClientTypes } from '@walletconnect/types';
import { buildApprovedNamespaces, getSdkError } from '@walletconnect/utils';
import type { IKeyValueStorage } from '@walletconnect/keyvaluestorage';
import { SessionController, type SessionControllerOptions } from '../../src/controller/session-controller.js';
import { MemoryStorage } from '../../src/internal/memory-storage.js';
import { closeClient, forgetGlobalCore, guardUnawaitedDisconnect, patchVerify } from '../../src/internal/sdk-patches.js';
import type { NamespaceRequest, SessionView } from '../../src/types.js';
import { relayUrl } from './relay.js';

export const ADDRESS = '0xab16a96d359ec26a11e2c2b3d8f8b8942d5bfcdb';
export const SOLANA_MAINNET = 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp';
export const SOLANA_ADDRESS = '7S3P4HxJpyyigGzodYwHtCxZyUQe9JiBMHyRWXArAaKv';

const unique = (role: string) => `${role}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Everything made by these helpers, closed by `cleanupPeers()` in `afterEach`. */
const made: Array<() => Promise<void>> = [];

export async function cleanupPeers(): Promise<void> {
  const all = made.splice(0);
  await Promise.all(all.reverse().map((close) => close().catch(() => {})));
}

/** Call in a describe: reads the relay URL before its tests and closes the peers after each one. */
export function usePeers(): { readonly url: string } {
  const relay = { url: '' };
  before(async () => {
    relay.url = await relayUrl();
  });
  afterEach(cleanupPeers);
  return relay;
}

export interface DappOptions extends SessionControllerOptions {
  /** Skip init (to test init itself). */
  readonly noInit?: boolean;
}

/** A real SessionController on the dev relay with its own storage prefix and memory storage. */
export async function makeDapp(options: DappOptions = {}): Promise<SessionController> {
  const dapp = new SessionController({
    projectId: 'wc-elements-test',
    relayUrl: await relayUrl(),
    storagePrefix: unique('dapp'),
    storage: new MemoryStorage(),
    metadata: { name: 'Test dApp', description: 'wc-elements tests', url: 'http://127.0.0.1', icons: [] },
    ...options,
  });
  made.push(() => dapp.dispose());
  if (!options.noInit) await dapp.init();
  return dapp;
}

type Proposal = SignClientTypes.EventArguments['session_proposal'];
type Request = SignClientTypes.EventArguments['session_request'];

/** Queues SDK events so a test can await "the next one". */
class Inbox<T> {
  #items: T[] = [];
  #waiters: Array<(v: T) => void> = [];
  push(item: T): void {
    const w = this.#waiters.shift();
    if (w) w(item);
    else this.#items.push(item);
  }
  next(what: string, ms = 8000): Promise<T> {
    const item = this.#items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`wallet: timed out waiting for ${what}`)), ms);
      this.#waiters.push((v) => {
        clearTimeout(timer);
        resolve(v);
      });
    });
  }
}

export interface Grant {
  /** Chains the wallet supports (and so grants where asked); default every requested chain. */
  readonly chains?: readonly string[];
  readonly methods?: readonly string[];
  readonly events?: readonly string[];
  /** The EVM address granted on every EVM chain; default `ADDRESS`. */
  readonly address?: string;
}

/** A real SignClient in the wallet role. */
export class TestWallet {
  readonly client: ISignClient;
  readonly proposals = new Inbox<Proposal>();
  readonly requests = new Inbox<Request>();
  readonly deletes = new Inbox<{ topic: string }>();

  constructor(client: ISignClient) {
    this.client = client;
    client.events.on('session_proposal', (p) => this.proposals.push(p));
    client.events.on('session_request', (r) => this.requests.push(r));
    client.events.on('session_delete', (d) => this.deletes.push({ topic: d.topic }));
  }

  async pair(uri: string): Promise<Proposal> {
    await this.client.pair({ uri });
    return this.proposals.next('session_proposal');
  }

  /** The namespaces this wallet would grant for a proposal, built the way real wallets do. */
  namespacesFor(proposal: ProposalTypes.Struct, grant: Grant = {}): SessionTypes.Namespaces {
    const asked = { ...proposal.requiredNamespaces, ...proposal.optionalNamespaces };
    const supported: Record<string, { chains: string[]; methods: string[]; events: string[]; accounts: string[] }> = {};
    for (const [key, ns] of Object.entries(asked)) {
      const namespace = key.split(':')[0]!;
      const chains = (ns.chains ?? [key]).filter((c) => !grant.chains || grant.chains.includes(c));
      const entry = (supported[namespace] ??= { chains: [], methods: [], events: [], accounts: [] });
      for (const c of chains) {
        if (entry.chains.includes(c)) continue;
        entry.chains.push(c);
        entry.accounts.push(`${c}:${namespace === 'solana' ? SOLANA_ADDRESS : (grant.address ?? ADDRESS)}`);
      }
      for (const m of ns.methods) if ((!grant.methods || grant.methods.includes(m)) && !entry.methods.includes(m)) entry.methods.push(m);
      for (const e of ns.events) if ((!grant.events || grant.events.includes(e)) && !entry.events.includes(e)) entry.events.push(e);
    }
    return buildApprovedNamespaces({ proposal, supportedNamespaces: supported });
  }

  async approve(proposal: Proposal, grant: Grant = {}): Promise<SessionTypes.Struct> {
    const { acknowledged } = await this.client.approve({ id: proposal.id, namespaces: this.namespacesFor(proposal.params, grant) });
    return acknowledged();
  }

  async respond(request: Request, result: unknown): Promise<void> {
    await this.client.respond({ topic: request.topic, response: { id: request.id, jsonrpc: '2.0', result } });
  }

  async rejectRequest(request: Request, code = 5000, message = 'User rejected.'): Promise<void> {
    await this.client.respond({ topic: request.topic, response: { id: request.id, jsonrpc: '2.0', error: { code, message } } });
  }
}

export async function makeWallet(
  options: { storage?: IKeyValueStorage; storagePrefix?: string; metadata?: SignClientTypes.Metadata } = {},
): Promise<TestWallet> {
  const prefix = options.storagePrefix ?? unique('wallet');
  const client = await SignClient.init({
    projectId: 'wc-elements-test',
    relayUrl: await relayUrl(),
    customStoragePrefix: prefix,
    storage: options.storage ?? new MemoryStorage(),
    telemetryEnabled: false,
    logger: 'silent',
    // The wallet otherwise holds each following request for 1 s.
    signConfig: { disableRequestQueue: true },
    metadata: options.metadata ?? { name: 'Test Wallet', description: 'A real SignClient in the wallet role', url: 'https://wallet.example', icons: [] },
  });
  patchVerify(client, false);
  guardUnawaitedDisconnect(client); // the same SDK quirk the controller contains (src/internal/sdk-patches.ts)
  made.push(async () => {
    await closeClient(client);
    forgetGlobalCore(prefix);
  });
  return new TestWallet(client);
}

export const EVM_METHODS = ['personal_sign', 'eth_sendTransaction'];
export const EVM_EVENTS = ['chainChanged', 'accountsChanged'];

export const BASIC_REQUEST: NamespaceRequest = {
  requiredNamespaces: { eip155: { chains: ['eip155:1'], methods: EVM_METHODS, events: EVM_EVENTS } },
  optionalNamespaces: { eip155: { chains: ['eip155:137', 'eip155:10'], methods: ['eth_signTypedData_v4'], events: [] } },
};

/** Waits for the controller's next proposal (the `wc:` URI or a proposal over a reused pairing). */
export function nextProposal(dapp: SessionController): Promise<NonNullable<SessionController['state']['proposal']>> {
  if (dapp.state.proposal) return Promise.resolve(dapp.state.proposal);
  return new Promise((resolve) => dapp.addEventListener('wc-proposal', (e) => resolve(e.detail), { once: true }));
}

/** Full pairing: dApp connects, wallet pairs with the URI and approves (optionally a subset). */
export async function connectAndApprove(
  dapp: SessionController,
  wallet: TestWallet,
  request: NamespaceRequest = BASIC_REQUEST,
  grant: Grant = {},
): Promise<SessionView> {
  const connecting = dapp.connect(request);
  const { uri } = await nextProposal(dapp);
  const proposal = await wallet.pair(uri);
  await wallet.approve(proposal, grant);
  return connecting;
}

/** A fresh dApp and wallet with one approved session (BASIC_REQUEST, everything granted). */
export async function connectedPair(): Promise<{ dapp: SessionController; wallet: TestWallet; session: SessionView }> {
  const dapp = await makeDapp();
  const wallet = await makeWallet();
  const session = await connectAndApprove(dapp, wallet);
  return { dapp, wallet, session };
}

export { getSdkError };
