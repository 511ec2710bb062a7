/**
 * Pure helpers behind <wc-namespace-picker>: reading the JSON script, merging requests, turning a
 * request into per-namespace groups of items, reducing a request to what the user ticked, and
 * (approve mode) validating the wallet's inputs and the proposal. No DOM, no Lit.
 */
import { CAIP2_RE, LIMITS, isCaip10, namespaceOf, validateRequestedNamespaces } from '../../caip.js';
import { decodeRequired } from '../../internal/required-property.js';
import { WcError } from '../../errors.js';
import type { NamespaceRequest, RequestedNamespace, RequestedNamespaces } from '../../types.js';

export type ItemKind = 'chain' | 'method' | 'event';

/** One row of the picker: a chain, method or event of one CAIP-2 namespace. */
export interface PickerItem {
  readonly kind: ItemKind;
  readonly name: string;
  /** `namespace\u0000kind\u0000name`: identifies the tick state across re-renders. */
  readonly key: string;
  readonly required: boolean;
  /** Approve mode: the wallet can provide it (an account on the chain, a supported method/event). */
  readonly supported: boolean;
  /** Approve mode, chains only: the wallet's accounts on this chain. */
  readonly accounts: readonly string[];
}

export interface PickerGroup {
  readonly namespace: string;
  readonly chains: readonly PickerItem[];
  readonly methods: readonly PickerItem[];
  readonly events: readonly PickerItem[];
}

export const EMPTY_REQUEST: NamespaceRequest = Object.freeze({
  requiredNamespaces: Object.freeze({}),
  optionalNamespaces: Object.freeze({}),
});

/** Upper bound on the JSON script's text: the validators bound counts, this bounds the parse. */
export const SCRIPT_MAX_CHARS = 100_000;

export function itemKey(namespace: string, kind: ItemKind, name: string): string {
  return `${namespace}\u0000${kind}\u0000${name}`;
}

/** The CAIP-2 namespace a namespaces key belongs to (`eip155` for `eip155` and `eip155:1`). */
export function keyNamespace(key: string): string {
  return key.includes(':') ? namespaceOf(key) : key;
}

function keyChains(key: string, ns: RequestedNamespace): readonly string[] {
  return CAIP2_RE.test(key) ? [key] : (ns.chains ?? []);
}

function scriptError(message: string, token: string): WcError {
  return new WcError('invalid-namespace', message, { operation: 'attribute', data: { attribute: 'script', token } });
}

/**
 * Reads `{requiredNamespaces, optionalNamespaces}` from a JSON script's text. Never evaluates it:
 * `JSON.parse` only, then the strict validators. Throws `WcError('invalid-namespace')`.
 */
export function parseScriptRequest(text: string): NamespaceRequest {
  if (text.length > SCRIPT_MAX_CHARS) {
    throw scriptError(`script: ${text.length} characters exceed the limit of ${SCRIPT_MAX_CHARS}`, String(text.length));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new WcError('invalid-namespace', `script: the content is not valid JSON`, {
      cause,
      operation: 'attribute',
      data: { attribute: 'script', token: text.trim().slice(0, 40) },
    });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw scriptError(`script: the content must be an object {requiredNamespaces, optionalNamespaces}`, typeof data);
  }
  for (const key of Object.keys(data)) {
    if (key !== 'requiredNamespaces' && key !== 'optionalNamespaces') {
      throw scriptError(`script: "${key.slice(0, 80)}" is not requiredNamespaces or optionalNamespaces`, key);
    }
  }
  const record = data as Record<string, unknown>;
  return Object.freeze({
    requiredNamespaces: withOperation(() => validateRequestedNamespaces(record['requiredNamespaces'], 'script.requiredNamespaces')),
    optionalNamespaces: withOperation(() => validateRequestedNamespaces(record['optionalNamespaces'], 'script.optionalNamespaces')),
  });
}

/** Re-throws a validator error with `operation: 'attribute'` and `{attribute, token}` data. */
function withOperation<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof WcError)) throw error;
    const data = (error.data ?? {}) as { path?: string; token?: unknown };
    throw new WcError(error.code, error.message, {
      cause: error.cause,
      operation: 'attribute',
      data: { attribute: data.path ?? 'script', token: String(data.token ?? '') },
    });
  }
}

function union(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] {
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

function mergeNamespaces(a: RequestedNamespaces, b: RequestedNamespaces, path: string): RequestedNamespaces {
  const out: Record<string, RequestedNamespace> = {};
  for (const source of [a, b]) {
    for (const [key, ns] of Object.entries(source)) {
      const prev = Object.hasOwn(out, key) ? out[key] : undefined;
      out[key] = {
        ...(CAIP2_RE.test(key) ? {} : { chains: union(prev?.chains, ns.chains) }),
        methods: union(prev?.methods, ns.methods),
        events: union(prev?.events, ns.events),
      };
    }
  }
  return withOperation(() => validateRequestedNamespaces(out, path));
}

/** Both requests together (same keys merged item by item), validated again for the bounds. */
export function mergeRequests(a: NamespaceRequest, b: NamespaceRequest): NamespaceRequest {
  return Object.freeze({
    requiredNamespaces: mergeNamespaces(a.requiredNamespaces, b.requiredNamespaces, 'requiredNamespaces'),
    optionalNamespaces: mergeNamespaces(a.optionalNamespaces, b.optionalNamespaces, 'optionalNamespaces'),
  });
}

interface Folded {
  chains: string[];
  methods: string[];
  events: string[];
}

/** Inline chain keys folded into their namespace, as the SDK's `normalizeNamespaces` does. */
function fold(namespaces: RequestedNamespaces): Map<string, Folded> {
  const out = new Map<string, Folded>();
  for (const [key, ns] of Object.entries(namespaces)) {
    const namespace = keyNamespace(key);
    const entry = out.get(namespace) ?? { chains: [], methods: [], events: [] };
    entry.chains = union(entry.chains, keyChains(key, ns));
    entry.methods = union(entry.methods, ns.methods);
    entry.events = union(entry.events, ns.events);
    out.set(namespace, entry);
  }
  return out;
}

/** What the wallet can provide (approve mode); omitted in request mode (everything supported). */
export interface WalletSupport {
  readonly accountsByChain: ReadonlyMap<string, readonly string[]>;
  /** null: every requested method is supported. */
  readonly methods: ReadonlySet<string> | null;
  readonly events: ReadonlySet<string> | null;
}

/**
 * The request as groups of items, one group per CAIP-2 namespace (required namespaces first),
 * required items first inside each list; an item both required and optional counts as required.
 */
export function groupsOf(request: NamespaceRequest, support?: WalletSupport): PickerGroup[] {
  const required = fold(request.requiredNamespaces);
  const optional = fold(request.optionalNamespaces);
  const namespaces = union([...required.keys()], [...optional.keys()]);
  return namespaces.map((namespace) => {
    const req = required.get(namespace);
    const opt = optional.get(namespace);
    const items = (kind: ItemKind, field: keyof Folded): PickerItem[] => {
      const must = req?.[field] ?? [];
      const may = (opt?.[field] ?? []).filter((name) => !must.includes(name));
      return [...must.map((n) => [n, true] as const), ...may.map((n) => [n, false] as const)].map(([name, isRequired]) => {
        const accounts = kind === 'chain' ? (support?.accountsByChain.get(name) ?? []) : [];
        const supported = !support
          ? true
          : kind === 'chain'
            ? accounts.length > 0
            : kind === 'method'
              ? support.methods === null || support.methods.has(name)
              : support.events === null || support.events.has(name);
        return Object.freeze({ kind, name, key: itemKey(namespace, kind, name), required: isRequired, supported, accounts });
      });
    };
    return Object.freeze({
      namespace,
      chains: items('chain', 'chains'),
      methods: items('method', 'methods'),
      events: items('event', 'events'),
    });
  });
}

/**
 * Request mode: the request with its optional part reduced to what is ticked. A key whose chains
 * are all unticked is dropped; required namespaces pass through unchanged.
 */
export function reduceRequest(request: NamespaceRequest, unticked: ReadonlySet<string>): NamespaceRequest {
  const requiredKeys = new Set<string>();
  for (const group of groupsOf({ requiredNamespaces: request.requiredNamespaces, optionalNamespaces: {} })) {
    for (const item of [...group.chains, ...group.methods, ...group.events]) requiredKeys.add(item.key);
  }
  const off = (namespace: string, kind: ItemKind, name: string) => {
    const key = itemKey(namespace, kind, name);
    return unticked.has(key) && !requiredKeys.has(key);
  };
  const optional: Record<string, RequestedNamespace> = {};
  for (const [key, ns] of Object.entries(request.optionalNamespaces)) {
    const namespace = keyNamespace(key);
    const chains = keyChains(key, ns).filter((c) => !off(namespace, 'chain', c));
    if (chains.length === 0) continue;
    optional[key] = Object.freeze({
      ...(CAIP2_RE.test(key) ? {} : { chains: Object.freeze(chains) }),
      methods: Object.freeze(ns.methods.filter((m) => !off(namespace, 'method', m))),
      events: Object.freeze(ns.events.filter((e) => !off(namespace, 'event', e))),
    });
  }
  return Object.freeze({ requiredNamespaces: request.requiredNamespaces, optionalNamespaces: Object.freeze(optional) });
}

// ---- approve mode ----

/** A proposal's id, proposer metadata and validated namespaces. */
export interface ReadProposal {
  readonly id: number;
  readonly metadata: unknown;
  readonly request: NamespaceRequest;
}

function peerError(message: string, cause?: unknown): WcError {
  return new WcError('invalid-peer-data', message, { operation: 'peer', cause });
}

/** The proposal's id when it is a usable JSON-RPC id (a positive safe integer), else null. */
export function proposalId(proposal: unknown): number | null {
  if (proposal === null || typeof proposal !== 'object') return null;
  const id = (proposal as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * When the proposal expires, in ms since the epoch (`expiryTimestamp` is in seconds), or null when
 * it carries no usable expiry (the SDK always sets one; its own approve() then enforces it).
 */
export function proposalExpiryMs(proposal: unknown): number | null {
  if (proposal === null || typeof proposal !== 'object') return null;
  const expiry = (proposal as { expiryTimestamp?: unknown }).expiryTimestamp;
  return typeof expiry === 'number' && Number.isFinite(expiry) && expiry > 0 ? expiry * 1000 : null;
}

/** A proposal past its expiry: approving it can only fail on the wallet, and the dApp stopped waiting. */
export function proposalExpiredError(expiryMs: number): WcError {
  return new WcError('proposal-expired', `proposal expired at ${new Date(expiryMs).toISOString()}`, {
    operation: 'peer',
    data: { expiry: expiryMs / 1000 },
  });
}

/**
 * Validates `session_proposal` params (`ProposalTypes.Struct`) strictly before anything is shown.
 * Throws `WcError('invalid-peer-data')` naming the bad path and token.
 */
export function readProposal(proposal: unknown): ReadProposal {
  if (proposal === null || typeof proposal !== 'object' || Array.isArray(proposal)) {
    throw peerError('proposal: is not an object');
  }
  const id = proposalId(proposal);
  if (id === null) throw peerError('proposal.id: is not a positive integer');
  const p = proposal as Record<string, unknown>;
  const proposer = p['proposer'];
  if (proposer === null || typeof proposer !== 'object') throw peerError('proposal.proposer: is not an object');
  let request: NamespaceRequest;
  try {
    const required = validateRequestedNamespaces(p['requiredNamespaces'], 'proposal.requiredNamespaces');
    // The pinned SDK sends required items as optional; a wc-elements dApp names them separately.
    const conveyed = decodeRequired(p['sessionProperties']);
    request = Object.freeze({
      requiredNamespaces: Object.keys(required).length ? required : conveyed,
      optionalNamespaces: validateRequestedNamespaces(p['optionalNamespaces'], 'proposal.optionalNamespaces'),
    });
  } catch (error) {
    throw peerError(error instanceof Error ? error.message : 'proposal: invalid namespaces', error);
  }
  return { id, metadata: (proposer as { metadata?: unknown }).metadata, request };
}

function inputError(message: string, attribute: string, token: string): WcError {
  return new WcError('invalid-namespace', message, { operation: 'attribute', data: { attribute, token } });
}

/** The wallet's CAIP-10 accounts grouped by chain, strictly validated. */
export function readAccounts(accounts: unknown): Map<string, string[]> {
  if (!Array.isArray(accounts)) throw inputError('accounts: is not a list of CAIP-10 accounts', 'accounts', typeof accounts);
  if (accounts.length > LIMITS.accounts) {
    throw inputError(`accounts: ${accounts.length} items exceed the limit of ${LIMITS.accounts}`, 'accounts', String(accounts.length));
  }
  const byChain = new Map<string, string[]>();
  for (const account of accounts) {
    if (!isCaip10(account)) {
      const shown = typeof account === 'string' ? account.slice(0, 80) : typeof account;
      throw inputError(`accounts: "${shown}" is not a CAIP-10 account (namespace:reference:address)`, 'accounts', shown);
    }
    const chain = account.slice(0, account.lastIndexOf(':'));
    const list = byChain.get(chain) ?? [];
    if (!list.includes(account)) list.push(account);
    byChain.set(chain, list);
  }
  return byChain;
}

/** `supportedMethods` / `supportedEvents`: null (everything requested) or a list of names. */
export function readNames(value: unknown, property: 'supportedMethods' | 'supportedEvents'): Set<string> | null {
  if (value === null || value === undefined) return null;
  const max = property === 'supportedMethods' ? LIMITS.methods : LIMITS.events;
  if (!Array.isArray(value)) throw inputError(`${property}: is not a list of names`, property, typeof value);
  if (value.length > max) throw inputError(`${property}: ${value.length} items exceed the limit of ${max}`, property, String(value.length));
  for (const name of value) {
    if (typeof name !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(name)) {
      const shown = typeof name === 'string' ? name.slice(0, 80) : typeof name;
      throw inputError(`${property}: "${shown}" is not a valid name`, property, shown);
    }
  }
  return new Set(value as string[]);
}

/** Mutable shape `buildApprovedNamespaces` takes as `supportedNamespaces`. */
export type SupportedNamespaces = Record<string, { chains: string[]; methods: string[]; events: string[]; accounts: string[] }>;

/**
 * Approve mode: what the wallet offers, reduced to what the user ticked (required items always,
 * unsupported items never), in the `supportedNamespaces` shape `buildApprovedNamespaces` takes.
 */
export function ticked(groups: readonly PickerGroup[], unticked: ReadonlySet<string>): SupportedNamespaces {
  const on = (item: PickerItem) => item.supported && (item.required || !unticked.has(item.key));
  const out: SupportedNamespaces = {};
  for (const group of groups) {
    const chains = group.chains.filter(on);
    if (chains.length === 0) continue;
    out[group.namespace] = {
      chains: chains.map((c) => c.name),
      methods: group.methods.filter(on).map((m) => m.name),
      events: group.events.filter(on).map((e) => e.name),
      accounts: chains.flatMap((c) => [...c.accounts]),
    };
  }
  return out;
}

/** Required items the wallet cannot provide. */
export function unmetRequired(groups: readonly PickerGroup[]): { chains: string[]; methods: string[]; events: string[] } {
  const missing = (items: readonly PickerItem[]) => [...new Set(items.filter((i) => i.required && !i.supported).map((i) => i.name))];
  return {
    chains: missing(groups.flatMap((g) => g.chains)),
    methods: missing(groups.flatMap((g) => g.methods)),
    events: missing(groups.flatMap((g) => g.events)),
  };
}
