import type { ISignClient, SignClientTypes } from '@walletconnect/types';
import type { IKeyValueStorage } from '@walletconnect/keyvaluestorage';
import { WcError } from '../errors.js';
import { validateRequestedNamespaces } from '../caip.js';
import { cleanText, isRasterDataIcon, NAME_MAX } from '../internal/metadata.js';
import type { NamespaceRequest } from '../types.js';

export const PUBLIC_RELAY_URL = 'wss://relay.walletconnect.org';
export const DEFAULT_STORAGE_PREFIX = 'wc-elements';

export interface SessionControllerOptions {
  /** WalletConnect Cloud project id; required for the public relay network. */
  readonly projectId?: string;
  /** Relay WebSocket URL; default the public relay. `ws:` only on loopback. */
  readonly relayUrl?: string;
  /**
   * This dApp's metadata shown to wallets; defaults from the page. `url` and each of `icons` must be
   * `https:` (`http:` only on loopback); an icon may also be a raster `data:image/…;base64`.
   */
  readonly metadata?: Partial<SignClientTypes.Metadata>;
  /** Namespaces every key in storage; each controller on a page needs its own. */
  readonly storagePrefix?: string;
  /** A key-value storage with the SDK's five async methods; default IndexedDB. */
  readonly storage?: IKeyValueStorage;
  /** WalletConnect telemetry; default off. */
  readonly telemetry?: boolean;
  /** Verify API: 'auto' (default) is on only for the public relay, and then bounded to 1 s. */
  readonly verify?: boolean | 'auto';
  /** A SignClient the page made itself; the controller then does not own its transport. */
  readonly client?: ISignClient;
  /** Namespaces `connect()` uses when called with none. */
  readonly defaultNamespaces?: NamespaceRequest;
  /** What to do when the wallet does not grant every required item. */
  readonly onRequiredUnmet?: 'report' | 'disconnect';
  /** Bound on `SignClient.init` (ms) before falling back to memory storage. Default 10 000. */
  readonly initTimeout?: number;
  /** How long a proposal waits for the wallet (s), at most the SDK's 300. Default 300. */
  readonly proposalTtl?: number;
  /** SDK log level; default 'silent'. */
  readonly logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /**
   * Tabs of one origin share one SignClient (Web Locks leader, BroadcastChannel followers; README
   * "Multiple tabs"). Default true; always off with a page-supplied `client` or `storage`.
   */
  readonly tabs?: boolean;
}

export interface ResolvedOptions {
  readonly projectId: string;
  readonly relayUrl: string;
  readonly metadata: SignClientTypes.Metadata;
  readonly storagePrefix: string;
  readonly storage: IKeyValueStorage | undefined;
  readonly telemetry: boolean;
  readonly verify: boolean;
  readonly client: ISignClient | undefined;
  readonly defaultNamespaces: NamespaceRequest | null;
  readonly onRequiredUnmet: 'report' | 'disconnect';
  readonly initTimeout: number;
  readonly proposalTtl: number;
  readonly logLevel: string;
  /** True when this controller coordinates with the other tabs of its origin. */
  readonly tabs: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

function invalid(option: string, why: string): never {
  throw new WcError('invalid-option', `${option}: ${why}`, { operation: 'init', data: { option } });
}

const URL_MAX = 2048;

/**
 * Why a URL may not go out to wallets in this dApp's metadata, or null when it may. Allowed:
 * `https:`, or `http:` on loopback (`127.0.0.0/8`, `localhost`, `[::1]`), without user or password,
 * at most 2048 characters; an icon may also be a raster `data:image/(png|jpeg|gif|webp|avif);base64`
 * of at most 64 KB (never SVG). Everything else — `javascript:`, `data:text/html`, plain `http:` on
 * a public host, `file:`, `blob:` — is refused: wallets render what they receive.
 */
export function outgoingUrlProblem(value: unknown, kind: 'url' | 'icon'): string | null {
  const allowed = kind === 'icon' ? 'an https: URL (http: only on loopback) or a raster data:image/…;base64' : 'an https: URL (http: only on loopback)';
  if (typeof value !== 'string' || value === '') return `must be ${allowed}`;
  if (kind === 'icon' && isRasterDataIcon(value)) return null;
  if (value.length > URL_MAX) return `must be at most ${URL_MAX} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value.slice(0, 100)}" is not a URL; it must be ${allowed}`;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    return `"${value.slice(0, 100)}" is refused; it must be ${allowed}`;
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  return null;
}

function pageMetadata(): SignClientTypes.Metadata {
  const loc = typeof location === 'undefined' ? null : location;
  const origin = loc && /^https?:$/.test(loc.protocol) ? loc.origin : 'http://127.0.0.1';
  const title = typeof document === 'undefined' ? '' : document.title;
  return { name: title || loc?.host || 'wc-elements dApp', description: '', url: origin, icons: [] };
}

function positive(value: unknown, option: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    invalid(option, `must be a positive number${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}`);
  }
  return value;
}

/** Validates options up front, so a bad one fails `init()` with a clear `WcError`. */
export function resolveOptions(options: SessionControllerOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') invalid('options', 'must be an object');
  const relayText = options.relayUrl ?? PUBLIC_RELAY_URL;
  let relay: URL;
  try {
    relay = new URL(relayText);
  } catch {
    return invalid('relayUrl', `"${String(relayText).slice(0, 100)}" is not a URL`);
  }
  if (relay.protocol !== 'wss:' && relay.protocol !== 'ws:') invalid('relayUrl', 'must use wss: (or ws: on loopback)');
  if (relay.protocol === 'ws:' && !isLoopback(relay)) invalid('relayUrl', 'ws: is allowed only on loopback; use wss:');
  const projectId = options.projectId ?? '';
  if (typeof projectId !== 'string' || projectId.length > 128 || /\s/.test(projectId)) invalid('projectId', 'must be a string without spaces');
  if (!projectId && !options.client && !isLoopback(relay)) {
    throw new WcError('not-configured', 'projectId is required for the WalletConnect relay network (get one at cloud.reown.com)', {
      operation: 'init',
      data: { option: 'projectId' },
    });
  }
  const given: Partial<SignClientTypes.Metadata> = options.metadata ?? {};
  const meta = { ...pageMetadata(), ...given };
  if (typeof meta.name !== 'string' || !cleanText(meta.name, NAME_MAX)) invalid('metadata.name', 'must be a non-empty string with a visible character');
  // Without one, the url is the page's own origin (see pageMetadata): what a wallet would verify anyway.
  if (given.url !== undefined) {
    const problem = outgoingUrlProblem(given.url, 'url');
    if (problem) invalid('metadata.url', problem);
  }
  if (!Array.isArray(meta.icons) || meta.icons.some((i) => typeof i !== 'string')) invalid('metadata.icons', 'must be a list of URLs');
  if (meta.icons.length > 16) invalid('metadata.icons', 'must list at most 16 icons');
  meta.icons.forEach((icon, i) => {
    const problem = outgoingUrlProblem(icon, 'icon');
    if (problem) invalid(`metadata.icons[${i}]`, problem);
  });
  const prefix = options.storagePrefix ?? DEFAULT_STORAGE_PREFIX;
  if (typeof prefix !== 'string' || !/^[-\w.:]{1,64}$/.test(prefix)) invalid('storagePrefix', 'must be 1–64 of letters, digits, - _ . :');
  if (options.verify !== undefined && typeof options.verify !== 'boolean' && options.verify !== 'auto') invalid('verify', 'must be true, false or "auto"');
  if (options.onRequiredUnmet !== undefined && options.onRequiredUnmet !== 'report' && options.onRequiredUnmet !== 'disconnect') {
    invalid('onRequiredUnmet', 'must be "report" or "disconnect"');
  }
  if (options.tabs !== undefined && typeof options.tabs !== 'boolean') invalid('tabs', 'must be true or false');
  let defaults: NamespaceRequest | null = null;
  if (options.defaultNamespaces) {
    defaults = Object.freeze({
      requiredNamespaces: validateRequestedNamespaces(options.defaultNamespaces.requiredNamespaces, 'defaultNamespaces.requiredNamespaces'),
      optionalNamespaces: validateRequestedNamespaces(options.defaultNamespaces.optionalNamespaces, 'defaultNamespaces.optionalNamespaces'),
    });
  }
  return Object.freeze({
    projectId: projectId || 'wc-elements-dev',
    relayUrl: relay.href.replace(/\/$/, ''),
    metadata: Object.freeze({ name: meta.name, description: meta.description ?? '', url: meta.url, icons: [...meta.icons] }),
    storagePrefix: prefix,
    storage: options.storage,
    telemetry: options.telemetry === true,
    verify:
      options.verify === 'auto' || options.verify === undefined
        ? relay.hostname.endsWith('walletconnect.org') || relay.hostname.endsWith('walletconnect.com')
        : options.verify,
    client: options.client,
    defaultNamespaces: defaults,
    onRequiredUnmet: options.onRequiredUnmet ?? 'report',
    initTimeout: positive(options.initTimeout, 'initTimeout', 10_000),
    proposalTtl: positive(options.proposalTtl, 'proposalTtl', 300, 300),
    logLevel: options.logLevel ?? 'silent',
    tabs: options.tabs !== false && !options.client && !options.storage,
  });
}
