/**
 * A small fake of the controller's public API, for rendering tests only. Protocol behaviour is
 * tested against the real SessionController paired with a real wallet SignClient.
 */
import type { SessionControllerApi, AuthenticateParams, AuthResult, ConnectOptions, RequestOptions } from '../../src/controller/api.js';
import type { NamespaceRequest, SessionState, SessionView } from '../../src/types.js';
import { WcStateChangeEvent } from '../../src/events.js';

export const emptyState: SessionState = Object.freeze({
  status: 'ready',
  relay: 'connected',
  sessions: [],
  pairings: [],
  proposal: null,
  activeTopic: null,
  pendingRequests: [],
  recentRequests: [],
  lastError: null,
  persistent: true,
  history: [],
});

export interface FakeCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

// The API's typed listener overloads, merged into the class: without them lit-analyzer (which does
// not resolve an override typed through `Parameters<>`) does not see a FakeController as a
// SessionControllerApi.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FakeController extends Pick<SessionControllerApi, 'addEventListener' | 'removeEventListener'> {}

export class FakeController extends EventTarget implements SessionControllerApi {
  #state: SessionState;
  readonly calls: FakeCall[] = [];
  defaultNamespaces: NamespaceRequest | null = null;
  readonly metadata = { name: 'Fake dApp', description: '', url: 'https://example.org', icons: [] };
  /** Number of listeners currently attached, to prove elements clean up. */
  listenerCount = 0;

  constructor(state: Partial<SessionState> = {}) {
    super();
    this.#state = Object.freeze({ ...emptyState, ...state });
  }

  get state(): SessionState {
    return this.#state;
  }
  get sessions(): readonly SessionView[] {
    return this.#state.sessions;
  }
  get pairings() {
    return this.#state.pairings;
  }
  get sessionTopics() {
    return this.#state.sessions.map((s) => s.topic);
  }
  get pairingTopics() {
    return this.#state.pairings.map((p) => p.topic);
  }

  /** Replace the snapshot and announce it, as the real controller does. */
  setState(patch: Partial<SessionState>, cause = 'test'): void {
    this.#state = Object.freeze({ ...this.#state, ...patch });
    this.dispatchEvent(new WcStateChangeEvent({ state: this.#state, cause }));
  }

  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    this.listenerCount++;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
    this.listenerCount--;
    super.removeEventListener(...args);
  }

  #record(method: string, args: unknown[]): void {
    this.calls.push({ method, args });
  }
  async init(): Promise<void> {
    this.#record('init', []);
  }
  connect(options?: ConnectOptions): Promise<SessionView> {
    this.#record('connect', [options]);
    return new Promise(() => {});
  }
  authenticate(params: AuthenticateParams): Promise<AuthResult> {
    this.#record('authenticate', [params]);
    return new Promise(() => {});
  }
  cancel(): void {
    this.#record('cancel', []);
  }
  request<T>(options: RequestOptions): Promise<T> {
    this.#record('request', [options]);
    return new Promise(() => {});
  }
  async extend(topic?: string): Promise<SessionView> {
    this.#record('extend', [topic]);
    return this.#state.sessions.find((s) => s.topic === topic) as SessionView;
  }
  async ping(topic?: string): Promise<number> {
    this.#record('ping', [topic]);
    return 42;
  }
  async disconnect(topic?: string): Promise<void> {
    this.#record('disconnect', [topic]);
  }
  select(topic: string): void {
    this.#record('select', [topic]);
  }
  getSession(topic: string): SessionView | undefined {
    return this.#state.sessions.find((s) => s.topic === topic);
  }
  async dispose(): Promise<void> {
    this.#record('dispose', []);
  }
}

let seq = 0;
/** A plausible SessionView for rendering tests; override any field. */
export function makeSession(patch: Partial<SessionView> = {}): SessionView {
  seq++;
  const now = Date.now();
  const accounts = ['eip155:1:0xab16a96d359ec26a11e2c2b3d8f8b8942d5bfcdb', 'eip155:137:0xab16a96d359ec26a11e2c2b3d8f8b8942d5bfcdb'];
  return Object.freeze({
    topic: `topic-${seq}-${Math.random().toString(16).slice(2)}`,
    pairingTopic: `pairing-${seq}`,
    relay: { protocol: 'irn' },
    expiry: Math.floor(now / 1000) + 7 * 24 * 3600,
    acknowledged: true,
    namespaces: {
      eip155: {
        chains: ['eip155:1', 'eip155:137'],
        accounts,
        methods: ['personal_sign', 'eth_sendTransaction'],
        events: ['chainChanged', 'accountsChanged'],
      },
    },
    self: { publicKey: 'self', metadata: { name: 'Test dApp', description: '', url: 'https://dapp.example', icons: [] } },
    peer: {
      publicKey: 'peer',
      metadata: { name: `Wallet ${seq}`, description: 'A test wallet', url: 'https://wallet.example', icons: [] },
    },
    status: 'active',
    createdAt: now,
    updatedAt: now,
    lastError: null,
    requested: null,
    unmet: { chains: [], methods: [], events: [] },
    notGranted: { chains: [], methods: [], events: [] },
    chains: ['eip155:1', 'eip155:137'],
    accounts,
    lastPingMs: null,
    auth: null,
    ...patch,
  } satisfies SessionView);
}
