import { chainIdProblem, NAMESPACE_RE, namespaceOf, validateRequestedNamespaces } from '../caip.js';
import { WcError } from '../errors.js';
import type { NamespaceRequest, RequestedNamespace, RequestedNamespaces } from '../types.js';

/** The declarative namespace attributes shared by <wc-namespace-picker> and <wc-connect>. */
export interface NamespaceAttributes {
  readonly chains?: string | null;
  readonly optionalChains?: string | null;
  readonly methods?: string | null;
  readonly optionalMethods?: string | null;
  readonly events?: string | null;
  readonly optionalEvents?: string | null;
}

/** The six values of an element carrying the attributes (a plain copy, e.g. to compare). */
export function namespaceAttributesOf(el: NamespaceAttributes): NamespaceAttributes {
  const { chains, optionalChains, methods, optionalMethods, events, optionalEvents } = el;
  return { chains, optionalChains, methods, optionalMethods, events, optionalEvents };
}

/** Whether any of the six attributes holds a token. */
export function hasNamespaceAttributes(el: NamespaceAttributes): boolean {
  return Object.values(namespaceAttributesOf(el)).some((v) => typeof v === 'string' && v.trim() !== '');
}

const ATTRIBUTE_NAMES: Record<keyof NamespaceAttributes, string> = {
  chains: 'chains',
  optionalChains: 'optional-chains',
  methods: 'methods',
  optionalMethods: 'optional-methods',
  events: 'events',
  optionalEvents: 'optional-events',
};

const MAX_TOKENS = 256;

function tokens(value: string | null | undefined, attribute: string): string[] {
  if (!value) return [];
  const list = value.trim().split(/\s+/).filter(Boolean);
  if (list.length > MAX_TOKENS) {
    throw new WcError('invalid-namespace', `${attribute}: ${list.length} tokens exceed the limit of ${MAX_TOKENS}`, {
      operation: 'attribute',
      data: { attribute, token: String(list.length) },
    });
  }
  return list;
}

function badToken(attribute: string, token: string, why: string): never {
  throw new WcError('invalid-namespace', `${attribute}: "${token.slice(0, 80)}" ${why}`, {
    operation: 'attribute',
    data: { attribute, token },
  });
}

/**
 * `ns:name` scopes a method or event to one namespace; a bare name applies to every namespace
 * that has chains in the same (required or optional) group.
 */
function scoped(token: string, attribute: string): { namespace: string | null; name: string } {
  const i = token.indexOf(':');
  if (i === -1) return { namespace: null, name: token };
  const namespace = token.slice(0, i);
  const name = token.slice(i + 1);
  if (!NAMESPACE_RE.test(namespace) || !name) badToken(attribute, token, 'is not a method/event name or "namespace:name"');
  return { namespace, name };
}

function group(
  chainsAttr: keyof NamespaceAttributes,
  methodsAttr: keyof NamespaceAttributes,
  eventsAttr: keyof NamespaceAttributes,
  attrs: NamespaceAttributes,
): RequestedNamespaces {
  const byNs = new Map<string, { chains: string[]; methods: string[]; events: string[] }>();
  for (const chain of tokens(attrs[chainsAttr], ATTRIBUTE_NAMES[chainsAttr])) {
    const problem = chainIdProblem(chain);
    if (problem) badToken(ATTRIBUTE_NAMES[chainsAttr], chain, problem);
    const ns = namespaceOf(chain);
    const entry = byNs.get(ns) ?? { chains: [], methods: [], events: [] };
    if (!entry.chains.includes(chain)) entry.chains.push(chain);
    byNs.set(ns, entry);
  }
  const spread = (attr: keyof NamespaceAttributes, field: 'methods' | 'events') => {
    for (const token of tokens(attrs[attr], ATTRIBUTE_NAMES[attr])) {
      const { namespace, name } = scoped(token, ATTRIBUTE_NAMES[attr]);
      if (!/^[\x21-\x7e]{1,128}$/.test(name)) badToken(ATTRIBUTE_NAMES[attr], token, 'is not a valid name');
      const targets = namespace ? [namespace] : [...byNs.keys()];
      if (targets.length === 0 || (namespace && !byNs.has(namespace))) {
        badToken(ATTRIBUTE_NAMES[attr], token, `has no chain to apply to in ${ATTRIBUTE_NAMES[chainsAttr]}`);
      }
      for (const ns of targets) {
        const list = byNs.get(ns)![field];
        if (!list.includes(name)) list.push(name);
      }
    }
  };
  spread(methodsAttr, 'methods');
  spread(eventsAttr, 'events');
  const out: Record<string, RequestedNamespace> = {};
  for (const [ns, v] of byNs) out[ns] = v;
  return validateRequestedNamespaces(out, ATTRIBUTE_NAMES[chainsAttr]);
}

/**
 * Parses the declarative attributes into `{requiredNamespaces, optionalNamespaces}`. Throws a
 * `WcError('invalid-namespace')` whose message and `data` name the attribute and the bad token.
 */
export function parseNamespaceAttributes(attrs: NamespaceAttributes): NamespaceRequest {
  return Object.freeze({
    requiredNamespaces: group('chains', 'methods', 'events', attrs),
    optionalNamespaces: group('optionalChains', 'optionalMethods', 'optionalEvents', attrs),
  });
}

export function hasAnyNamespace(request: NamespaceRequest): boolean {
  return Object.keys(request.requiredNamespaces).length + Object.keys(request.optionalNamespaces).length > 0;
}
