import { WcError, type WcErrorCode } from './errors.js';
import type { RequestedNamespace, RequestedNamespaces, UnmetRequirements } from './types.js';
import type { SessionTypes } from '@walletconnect/types';

/** CAIP-2 namespace: 3–8 of lowercase letters, digits and `-`. */
export const NAMESPACE_RE = /^[-a-z0-9]{3,8}$/;
/** CAIP-2 chain id. */
export const CAIP2_RE = /^[-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}$/;
/** CAIP-10 account id. */
export const CAIP10_RE = /^([-a-z0-9]{3,8}):([-_a-zA-Z0-9]{1,32}):([-.%a-zA-Z0-9]{1,128})$/;
/**
 * Per-namespace rules for the CAIP-2 reference, on top of the generic syntax above. A namespace
 * not listed keeps the generic rule. `eip155`: the EIP-155 chain id in decimal (the official
 * eip155 namespace profile), 1–32 digits without sign or leading zero, so `eip155:0x1`,
 * `eip155:01`, `eip155:+1` and `eip155:0` are refused; 32 digits always fit the EVM's 256-bit id.
 */
const REFERENCE_RULES: Readonly<Record<string, { readonly re: RegExp; readonly rule: string }>> = {
  eip155: { re: /^[1-9][0-9]{0,31}$/, rule: 'a positive decimal number without sign or leading zero' },
};

/** Methods and events: a visible token, no spaces or control characters. */
const TOKEN_RE = /^[\x21-\x7e]{1,128}$/;

/** Bounds that keep hostile input from growing state without limit. */
export const LIMITS = { namespaces: 32, chains: 256, methods: 256, events: 128, accounts: 1024 } as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Why a string is not a chain id this library accepts, or null when it is one: CAIP-2 syntax,
 * then the namespace's own reference rule (see `REFERENCE_RULES`).
 */
export function chainIdProblem(value: string): string | null {
  if (!CAIP2_RE.test(value)) return 'is not a CAIP-2 chain id (namespace:reference)';
  const i = value.indexOf(':');
  const namespace = value.slice(0, i);
  const rule = Object.hasOwn(REFERENCE_RULES, namespace) ? REFERENCE_RULES[namespace] : undefined;
  if (rule && !rule.re.test(value.slice(i + 1))) return `is not an ${namespace} chain id: its reference must be ${rule.rule}`;
  return null;
}

/** A CAIP-2 chain id that also meets its namespace's reference rule (`eip155:1`, not `eip155:0x1`). */
export function isCaip2(value: unknown): value is string {
  return typeof value === 'string' && chainIdProblem(value) === null;
}

/** A CAIP-10 account id whose chain part passes `isCaip2`. */
export function isCaip10(value: unknown): value is string {
  return typeof value === 'string' && CAIP10_RE.test(value) && isCaip2(value.slice(0, value.lastIndexOf(':')));
}

export interface Caip10 {
  readonly namespace: string;
  readonly reference: string;
  readonly chainId: string;
  readonly address: string;
}

export function parseCaip10(value: string): Caip10 | null {
  const m = isCaip10(value) ? CAIP10_RE.exec(value) : null;
  if (!m) return null;
  const [, namespace, reference, address] = m as unknown as [string, string, string, string];
  return { namespace, reference, chainId: `${namespace}:${reference}`, address };
}

/** The namespace part of a CAIP-2 id (`eip155` of `eip155:1`). */
export function namespaceOf(chainId: string): string {
  return chainId.slice(0, chainId.indexOf(':'));
}

function fail(code: WcErrorCode, path: string, token: unknown, why: string): never {
  const shown = typeof token === 'string' ? JSON.stringify(token.slice(0, 80)) : String(token);
  throw new WcError(code, `${path}: ${shown} ${why}`, { data: { path, token } });
}

function plainRecord(value: unknown, code: WcErrorCode, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(code, path, typeof value, 'is not an object');
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) fail(code, path, 'object', 'is not a plain object');
  return value as Record<string, unknown>;
}

function list(value: unknown, code: WcErrorCode, path: string, max: number, check: (t: string) => boolean, what: string | ((t: string) => string)): string[] {
  const why = (item: unknown) =>
    typeof what === 'function' && typeof item === 'string' ? what(item) : `is not a valid ${typeof what === 'string' ? what : 'item'}`;
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(code, path, typeof value, 'is not a list');
  if (value.length > max) fail(code, path, value.length, `items exceed the limit of ${max}`);
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string' || !check(item)) fail(code, path, item, why(item));
    if (!out.includes(item)) out.push(item);
  }
  return out;
}

/**
 * Splits a namespace key: `eip155` (chains listed inside) or an inline chain key `eip155:1`
 * (CAIP-25 allows it; the chain is then the key itself).
 */
function keyParts(key: string, code: WcErrorCode, path: string): { namespace: string; inlineChain: string | null } {
  if (FORBIDDEN_KEYS.has(key)) fail(code, path, key, 'is a forbidden key');
  if (NAMESPACE_RE.test(key)) return { namespace: key, inlineChain: null };
  if (CAIP2_RE.test(key)) {
    const problem = chainIdProblem(key);
    if (problem) fail(code, path, key, problem);
    return { namespace: namespaceOf(key), inlineChain: key };
  }
  return fail(code, path, key, 'is not a CAIP-2 namespace or chain id');
}

/** The reason a listed chain was refused: the generic syntax, or its namespace's rule. */
function chainWhat(chain: string): string {
  return (CAIP2_RE.test(chain) && chainIdProblem(chain)) || 'is not a valid CAIP-2 chain id';
}

function accountWhat(account: string): string {
  return (CAIP10_RE.test(account) && chainIdProblem(account.slice(0, account.lastIndexOf(':')))) || 'is not a valid CAIP-10 account';
}

function checkChainsUnder(namespace: string, chains: string[], code: WcErrorCode, path: string): void {
  for (const chain of chains) {
    if (namespaceOf(chain) !== namespace) fail(code, path, chain, `does not belong under namespace "${namespace}"`);
  }
}

/**
 * Strictly validates dApp-side namespaces (requested: chains, methods, events). Returns a fresh,
 * frozen copy; throws `WcError('invalid-namespace')` naming the path and the bad token.
 */
export function validateRequestedNamespaces(value: unknown, path = 'namespaces'): RequestedNamespaces {
  const code: WcErrorCode = 'invalid-namespace';
  if (value === undefined || value === null) return Object.freeze({});
  const record = plainRecord(value, code, path);
  const keys = Object.keys(record);
  if (keys.length > LIMITS.namespaces) fail(code, path, keys.length, `namespaces exceed the limit of ${LIMITS.namespaces}`);
  const out: Record<string, RequestedNamespace> = {};
  for (const key of keys) {
    const at = `${path}.${key}`;
    const { namespace, inlineChain } = keyParts(key, code, at);
    const ns = plainRecord(record[key], code, at);
    const chains = list(ns['chains'], code, `${at}.chains`, LIMITS.chains, isCaip2, chainWhat);
    if (inlineChain && chains.length > 0 && !(chains.length === 1 && chains[0] === inlineChain)) {
      fail(code, `${at}.chains`, chains.join(' '), `conflicts with the inline chain key "${inlineChain}"`);
    }
    checkChainsUnder(namespace, chains, code, `${at}.chains`);
    if (!inlineChain && chains.length === 0) fail(code, `${at}.chains`, '[]', 'must name at least one chain');
    const methods = list(ns['methods'], code, `${at}.methods`, LIMITS.methods, (t) => TOKEN_RE.test(t), 'method name');
    const events = list(ns['events'], code, `${at}.events`, LIMITS.events, (t) => TOKEN_RE.test(t), 'event name');
    out[key] = Object.freeze({
      ...(inlineChain ? {} : { chains: Object.freeze(chains) }),
      methods: Object.freeze(methods),
      events: Object.freeze(events),
    });
  }
  return Object.freeze(out);
}

/**
 * Strictly validates namespaces a wallet granted (peer data: hostile until proven otherwise).
 * Every account must be CAIP-10 and belong to its namespace; chains are checked likewise.
 * Throws `WcError('invalid-peer-data')`.
 */
export function validateSessionNamespaces(value: unknown, path = 'namespaces'): SessionTypes.Namespaces {
  const code: WcErrorCode = 'invalid-peer-data';
  const record = plainRecord(value, code, path);
  const keys = Object.keys(record);
  if (keys.length === 0) fail(code, path, '{}', 'grants no namespace');
  if (keys.length > LIMITS.namespaces) fail(code, path, keys.length, `namespaces exceed the limit of ${LIMITS.namespaces}`);
  const out: SessionTypes.Namespaces = {};
  for (const key of keys) {
    const at = `${path}.${key}`;
    const { namespace, inlineChain } = keyParts(key, code, at);
    const ns = plainRecord(record[key], code, at);
    const chains = list(ns['chains'], code, `${at}.chains`, LIMITS.chains, isCaip2, chainWhat);
    checkChainsUnder(namespace, chains, code, `${at}.chains`);
    if (ns['accounts'] === undefined) fail(code, `${at}.accounts`, 'undefined', 'is missing');
    const accounts = list(ns['accounts'], code, `${at}.accounts`, LIMITS.accounts, isCaip10, accountWhat);
    for (const account of accounts) {
      const chain = account.slice(0, account.lastIndexOf(':'));
      if (namespaceOf(chain) !== namespace) fail(code, `${at}.accounts`, account, `does not belong under namespace "${namespace}"`);
      if (inlineChain && chain !== inlineChain) fail(code, `${at}.accounts`, account, `is not on chain "${inlineChain}"`);
    }
    const methods = list(ns['methods'], code, `${at}.methods`, LIMITS.methods, (t) => TOKEN_RE.test(t), 'method name');
    const events = list(ns['events'], code, `${at}.events`, LIMITS.events, (t) => TOKEN_RE.test(t), 'event name');
    out[key] = { ...(chains.length ? { chains } : {}), accounts, methods, events };
  }
  return out;
}

/** Every chain a set of namespaces covers: listed chains, inline chain keys and account chains. */
export function chainsOf(namespaces: Readonly<Record<string, { readonly chains?: readonly string[]; readonly accounts?: readonly string[] }>>): string[] {
  const out = new Set<string>();
  for (const [key, ns] of Object.entries(namespaces)) {
    if (CAIP2_RE.test(key)) out.add(key);
    for (const c of ns.chains ?? []) out.add(c);
    for (const a of ns.accounts ?? []) out.add(a.slice(0, a.lastIndexOf(':')));
  }
  return [...out];
}

export function accountsOf(namespaces: Readonly<Record<string, { readonly accounts?: readonly string[] }>>): string[] {
  return [...new Set(Object.values(namespaces).flatMap((ns) => ns.accounts ?? []))];
}

/** Methods granted for one chain (namespace-level methods apply to all of its chains). */
export function methodsFor(namespaces: SessionTypes.Namespaces, chainId: string): string[] {
  const ns = namespaces[chainId] ?? namespaces[namespaceOf(chainId)];
  return ns ? [...ns.methods] : [];
}

function flatten(namespaces: RequestedNamespaces): { chains: Set<string>; methods: Set<string>; events: Set<string> } {
  const chains = new Set<string>();
  const methods = new Set<string>();
  const events = new Set<string>();
  for (const [key, ns] of Object.entries(namespaces)) {
    if (CAIP2_RE.test(key)) chains.add(key);
    for (const c of ns.chains ?? []) chains.add(c);
    for (const m of ns.methods) methods.add(`${key.includes(':') ? namespaceOf(key) : key}:${m}`);
    for (const e of ns.events) events.add(`${key.includes(':') ? namespaceOf(key) : key}:${e}`);
  }
  return { chains, methods, events };
}

/**
 * What of `wanted` the wallet did not grant. Methods and events are reported as plain names;
 * a method counts as granted when any namespace of the same CAIP-2 namespace grants it.
 */
export function missingFrom(wanted: RequestedNamespaces, granted: SessionTypes.Namespaces): UnmetRequirements {
  const want = flatten(wanted);
  const grantedChains = new Set(chainsOf(granted));
  const grantedMethods = new Set<string>();
  const grantedEvents = new Set<string>();
  for (const [key, ns] of Object.entries(granted)) {
    const namespace = key.includes(':') ? namespaceOf(key) : key;
    for (const m of ns.methods) grantedMethods.add(`${namespace}:${m}`);
    for (const e of ns.events) grantedEvents.add(`${namespace}:${e}`);
  }
  const strip = (s: string) => s.slice(s.indexOf(':') + 1);
  return Object.freeze({
    chains: Object.freeze([...want.chains].filter((c) => !grantedChains.has(c))),
    methods: Object.freeze([...new Set([...want.methods].filter((m) => !grantedMethods.has(m)).map(strip))]),
    events: Object.freeze([...new Set([...want.events].filter((e) => !grantedEvents.has(e)).map(strip))]),
  });
}

export const NOTHING_MISSING: UnmetRequirements = Object.freeze({
  chains: Object.freeze([]),
  methods: Object.freeze([]),
  events: Object.freeze([]),
});

export function isNothingMissing(u: UnmetRequirements): boolean {
  return u.chains.length === 0 && u.methods.length === 0 && u.events.length === 0;
}
