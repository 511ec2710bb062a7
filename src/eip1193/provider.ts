import type { SessionTypes } from '@walletconnect/types';
import { methodsFor, parseCaip10 } from '../caip.js';
import type { SessionControllerApi } from '../controller/api.js';
import { isWcError, WcError } from '../errors.js';
import type { WcSessionChangeEvent, WcSessionEventEvent } from '../events.js';
import type { SessionChangeReason, SessionView } from '../types.js';
import { addressesOn, evmChains, firstRequestedChain, signerOf, toCaip2, toDecimal, toHex, transactionChain } from './chains.js';
import { Emitter } from './emitter.js';
import { ProviderRpcError, RpcErrorCode, toProviderRpcError } from './errors.js';

export interface Eip1193ProviderOptions {
  /** The chain to be on when the session grants it (a number, `0x…`, or CAIP-2 `eip155:N`); default: the session's first EVM chain. */
  readonly chainId?: number | string;
  /** Follow this session only; default: the controller's active session, whichever it is. */
  readonly topic?: string;
}

export interface Eip1193RequestArguments {
  readonly method: string;
  readonly params?: readonly unknown[] | object;
}

/** The EIP-1193 events, by name: what each listener receives. */
export interface Eip1193Events {
  /** A session with EVM accounts appeared (`chainId` in hex). */
  connect: { readonly chainId: string };
  /** The followed session ended (code 4900; `data: {reason, topic}`). */
  disconnect: ProviderRpcError;
  /** The current chain changed (hex). */
  chainChanged: string;
  /** What `eth_accounts` answers changed (empty after a disconnect). */
  accountsChanged: string[];
  /** Any other event the wallet emits on the session: `type` is its name. */
  message: { readonly type: string; readonly data: unknown };
}

/** An EIP-1193 provider over a `SessionController`: pass it to viem's `custom()` or ethers' `BrowserProvider`. */
export interface Eip1193Provider {
  request<T = unknown>(args: Eip1193RequestArguments): Promise<T>;
  on<K extends keyof Eip1193Events>(event: K, listener: (value: Eip1193Events[K]) => void): this;
  once<K extends keyof Eip1193Events>(event: K, listener: (value: Eip1193Events[K]) => void): this;
  removeListener<K extends keyof Eip1193Events>(event: K, listener: (value: Eip1193Events[K]) => void): this;
  off<K extends keyof Eip1193Events>(event: K, listener: (value: Eip1193Events[K]) => void): this;
  removeAllListeners(event?: keyof Eip1193Events): this;
  listenerCount(event: keyof Eip1193Events): number;
  /** Stops following the controller and drops every listener; later requests reject with 4900. */
  dispose(): void;
}

/** What the provider answers now, derived from the controller's snapshot and its own chosen chain. */
interface View {
  readonly session: SessionView | null;
  /** CAIP-2; without a session the chain it would start on, if known. */
  readonly chain: string | null;
  readonly accounts: readonly string[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const DISCONNECT_MESSAGES: Partial<Record<SessionChangeReason, string>> = {
  delete: 'The wallet ended the session',
  expire: 'The session expired',
  disconnect: 'The session was disconnected',
};

/**
 * The provider: answers account and chain methods itself, refuses what the session did not grant
 * before it reaches the relay, and sends the rest to the wallet through `controller.request()`.
 * It owns no session state: the session comes from the controller's snapshot on every call; the
 * provider keeps only the chain it is on, the wallet's account order, and what it last announced.
 */
class ControllerProvider extends Emitter<Eip1193Events> implements Eip1193Provider {
  readonly #controller: SessionControllerApi;
  readonly #topic: string | null;
  readonly #preferred: string | null;
  /** Chosen by `wallet_switchEthereumChain` or the wallet's `chainChanged`; used while the session grants it. */
  #chain: string | null = null;
  /** The wallet's `accountsChanged` order for a session's accounts. */
  #order: { readonly topic: string; readonly addresses: readonly string[] } | null = null;
  #announced: View;
  #disposed = false;
  /** Methods answered here, by name: one line each (a sign-in method can join them). */
  readonly #local = new Map<string, (params: unknown) => unknown>([
    ['eth_accounts', () => [...this.#view().accounts]],
    ['eth_requestAccounts', () => this.#requestAccounts()],
    ['eth_chainId', () => toHex(this.#chainOrThrow())],
    ['net_version', () => toDecimal(this.#chainOrThrow())],
    ['wallet_switchEthereumChain', (params) => this.#switchChain(params)],
  ]);

  constructor(controller: SessionControllerApi, options: Eip1193ProviderOptions) {
    super();
    if (!isObject(controller) || typeof controller.request !== 'function') {
      throw new WcError('invalid-argument', 'createEip1193Provider(controller): controller is not a SessionController');
    }
    const { chainId, topic } = isObject(options) ? options : ({} as Eip1193ProviderOptions);
    this.#preferred = chainId === undefined ? null : toCaip2(chainId);
    if (chainId !== undefined && !this.#preferred) {
      throw new WcError('invalid-argument', `createEip1193Provider: options.chainId ${JSON.stringify(String(chainId)).slice(0, 40)} is not an EVM chain id`);
    }
    if (topic !== undefined && (typeof topic !== 'string' || topic === '')) {
      throw new WcError('invalid-argument', 'createEip1193Provider: options.topic must be a non-empty string');
    }
    this.#controller = controller;
    this.#topic = topic ?? null;
    this.#announced = this.#view();
    controller.addEventListener('wc-session-change', this.#onSessionChange);
    controller.addEventListener('wc-session-event', this.#onSessionEvent);
  }

  async request<T = unknown>(args: Eip1193RequestArguments): Promise<T> {
    if (!isObject(args) || typeof args['method'] !== 'string' || args['method'] === '') {
      throw new ProviderRpcError(RpcErrorCode.invalidParams, 'request() takes {method, params?}');
    }
    const { method, params } = args as Eip1193RequestArguments;
    if (params !== undefined && !isObject(params)) throw new ProviderRpcError(RpcErrorCode.invalidParams, `${method}: params must be an array or an object`);
    if (this.#disposed) throw new ProviderRpcError(RpcErrorCode.disconnected, 'The provider was disposed');
    try {
      await this.#controller.init();
    } catch (error) {
      throw toProviderRpcError(error);
    }
    const local = this.#local.get(method);
    return (local ? await local(params) : await this.#forward(method, params)) as T;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#controller.removeEventListener('wc-session-change', this.#onSessionChange);
    this.#controller.removeEventListener('wc-session-event', this.#onSessionEvent);
    this.removeAllListeners();
  }

  // ---- what the controller tells ----

  #onSessionChange = (event: WcSessionChangeEvent): void => {
    this.#sync(event.detail.reason);
  };

  #onSessionEvent = (event: WcSessionEventEvent): void => {
    const { topic, chainId, name, data } = event.detail;
    const { session, chain } = this.#view();
    if (!session || session.topic !== topic || !chain) return;
    if (name === 'chainChanged') {
      const next = toCaip2(data) ?? toCaip2(chainId);
      if (next && evmChains(session).includes(next)) {
        this.#chain = next;
        this.#sync('event');
      }
    } else if (name === 'accountsChanged') {
      const granted = addressesOn(session, chain);
      const named = (Array.isArray(data) ? (data as unknown[]) : []).map((a) => (typeof a === 'string' ? (parseCaip10(a)?.address ?? a) : ''));
      const addresses = named.flatMap((a) => granted.filter((g) => same(g, a)).slice(0, 1));
      if (addresses.length) {
        this.#order = { topic, addresses };
        this.#sync('event');
      }
    } else {
      this.emit('message', { type: name, data });
    }
  };

  /** Announces the difference between what was last announced and what is true now, each change once. */
  #sync(reason: SessionChangeReason): void {
    if (this.#disposed) return;
    const prev = this.#announced;
    const next = (this.#announced = this.#view());
    if (!prev.session && next.session && next.chain) {
      this.emit('connect', { chainId: toHex(next.chain) });
    } else if (prev.session && !next.session) {
      const message = DISCONNECT_MESSAGES[reason] ?? 'The session ended';
      this.emit('disconnect', new ProviderRpcError(RpcErrorCode.disconnected, message, { data: { reason, topic: prev.session.topic } }));
    } else if (next.session && next.chain && prev.chain !== next.chain) {
      this.emit('chainChanged', toHex(next.chain));
    }
    if (prev.accounts.length !== next.accounts.length || prev.accounts.some((a, i) => a !== next.accounts[i])) {
      this.emit('accountsChanged', [...next.accounts]);
    }
  }

  #view(): View {
    const state = this.#controller.state;
    const topic = this.#topic ?? state.activeTopic;
    const found = topic === null ? null : (state.sessions.find((s) => s.topic === topic) ?? null);
    const granted = found ? evmChains(found) : [];
    if (!found || !granted.length) {
      return { session: null, chain: this.#chain ?? this.#preferred ?? firstRequestedChain(this.#controller.defaultNamespaces), accounts: [] };
    }
    const chain = [this.#chain, this.#preferred].find((c): c is string => c !== null && granted.includes(c)) ?? (granted[0] as string);
    const order = this.#order?.topic === found.topic ? this.#order.addresses : [];
    const rank = (a: string) => {
      const at = order.findIndex((o) => same(o, a));
      return at < 0 ? order.length : at;
    };
    const accounts = addressesOn(found, chain).sort((a, b) => rank(a) - rank(b));
    return { session: found, chain, accounts };
  }

  // ---- local methods ----

  #chainOrThrow(): string {
    const { chain } = this.#view();
    if (!chain) throw new ProviderRpcError(RpcErrorCode.disconnected, 'No session and no chain to start on: pass options.chainId or connect first');
    return chain;
  }

  async #requestAccounts(): Promise<string[]> {
    if (this.#view().accounts.length) return [...this.#view().accounts];
    if (this.#topic !== null) {
      throw new ProviderRpcError(RpcErrorCode.disconnected, 'The session this provider follows is gone', { data: { topic: this.#topic } });
    }
    try {
      await this.#connectOrJoin();
    } catch (error) {
      throw toProviderRpcError(error);
    }
    const { accounts } = this.#view();
    if (!accounts.length) throw new ProviderRpcError(RpcErrorCode.unauthorized, 'The wallet granted no EVM account');
    return [...accounts];
  }

  /** Connects with the controller's default namespaces, or waits for the connect someone else opened. */
  async #connectOrJoin(): Promise<void> {
    if (this.#connectOpen()) return this.#joinOpenConnect();
    try {
      await this.#controller.connect();
    } catch (error) {
      if (isWcError(error) && error.code === 'busy') return this.#joinOpenConnect();
      throw error;
    }
  }

  #connectOpen(): boolean {
    const { proposal, status } = this.#controller.state;
    return proposal !== null || status === 'connecting' || status === 'awaiting-approval';
  }

  /** Resolves when accounts appear; rejects when the open connect ends without them (a refresh opened within a task counts as open). */
  #joinOpenConnect(): Promise<void> {
    const controller = this.#controller;
    return new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (settle: () => void) => {
        controller.removeEventListener('wc-state-change', check);
        clearTimeout(timer);
        settle();
      };
      const check = () => {
        clearTimeout(timer);
        if (this.#view().accounts.length) return finish(resolve);
        if (this.#connectOpen()) return;
        timer = setTimeout(() => {
          if (this.#view().accounts.length) return finish(resolve);
          if (this.#connectOpen()) return;
          const last = controller.state.lastError;
          finish(() => reject(last?.operation === 'connect' ? last : new ProviderRpcError(RpcErrorCode.userRejected, 'The connect ended without a session')));
        }, 0);
      };
      controller.addEventListener('wc-state-change', check);
      check();
    });
  }

  #switchChain(params: unknown): null {
    const first = Array.isArray(params) ? (params as unknown[])[0] : undefined;
    const raw = isObject(first) ? first['chainId'] : undefined;
    const chain = typeof raw === 'string' && raw.startsWith('0x') ? toCaip2(raw) : null;
    if (!chain) throw new ProviderRpcError(RpcErrorCode.invalidParams, 'wallet_switchEthereumChain takes [{chainId: "0x…"}]');
    const { session } = this.#view();
    if (!session) throw new ProviderRpcError(RpcErrorCode.disconnected, 'No wallet session: call eth_requestAccounts first');
    const granted = evmChains(session);
    if (!granted.includes(chain)) {
      throw new ProviderRpcError(RpcErrorCode.unrecognizedChain, `${chain} is not part of the session`, {
        data: { chainId: raw, granted: granted.map(toHex) },
      });
    }
    this.#chain = chain;
    this.#sync('select');
    return null;
  }

  // ---- forwarded methods ----

  async #forward<T>(method: string, params: unknown): Promise<T> {
    const view = this.#view();
    const { session } = view;
    if (!session || !view.chain) throw new ProviderRpcError(RpcErrorCode.disconnected, 'No wallet session: call eth_requestAccounts first');
    let chain = view.chain;
    const named = transactionChain(method, params);
    if (named !== undefined) {
      const target = toCaip2(named);
      if (!target) throw new ProviderRpcError(RpcErrorCode.invalidParams, `${method}: chainId ${String(named).slice(0, 40)} is not an EVM chain id`);
      if (!evmChains(session).includes(target)) {
        throw new ProviderRpcError(RpcErrorCode.chainDisconnected, `${target} is not part of the session`, { data: { chainId: named } });
      }
      chain = target;
    }
    if (!methodsFor(session.namespaces as SessionTypes.Namespaces, chain).includes(method)) {
      throw new ProviderRpcError(RpcErrorCode.unsupportedMethod, `${method.slice(0, 80)} is not granted by the session on ${chain}`, {
        data: { method, chainId: toHex(chain) },
      });
    }
    const signer = signerOf(method, params);
    if (signer !== undefined) {
      if (typeof signer !== 'string') throw new ProviderRpcError(RpcErrorCode.invalidParams, `${method}: the address parameter is not a string`);
      if (!addressesOn(session, chain).some((a) => same(a, signer))) {
        throw new ProviderRpcError(RpcErrorCode.unauthorized, `${signer.slice(0, 64)} is not an account of the session on ${chain}`, {
          data: { address: signer },
        });
      }
    }
    try {
      return await this.#controller.request<T>({ topic: session.topic, chainId: chain, method, params: params ?? [] });
    } catch (error) {
      throw toProviderRpcError(error);
    }
  }
}

/**
 * An EIP-1193 provider over `controller`'s active session (or the session `options.topic` names),
 * for viem (`custom(provider)`), ethers (`new BrowserProvider(provider)`) and any EIP-1193 library.
 * It follows the controller; `dispose()` stops that.
 */
export function createEip1193Provider(controller: SessionControllerApi, options: Eip1193ProviderOptions = {}): Eip1193Provider {
  return new ControllerProvider(controller, options);
}
