import type { AuthenticateParams, ConnectOptions } from '../../controller/api.js';

/**
 * `<wc-connect auth>`'s `.authParams`: anything of `authenticate()`'s parameters, with defaults.
 * `nonce` may be a function: it is called for each attempt (a refreshed code needs a new nonce,
 * since a nonce is single-use); without one a random nonce is made per attempt.
 */
export interface AuthParamsInput {
  readonly nonce?: string | (() => string);
  readonly domain?: string;
  readonly uri?: string;
  readonly chains?: readonly string[];
  readonly statement?: string;
  readonly resources?: readonly string[];
  readonly methods?: readonly string[];
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 16 random letters and digits (EIP-4361 wants at least 8). */
export function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}

/** The eip155 entries a connect would ask for: where a sign-in's chains and methods default from. */
function eip155Of(options: ConnectOptions): { chains: string[]; methods: string[] } {
  const entries = [...Object.entries(options.requiredNamespaces ?? {}), ...Object.entries(options.optionalNamespaces ?? {})].filter(
    ([key]) => key.split(':')[0] === 'eip155',
  );
  const chains = entries.flatMap(([key, ns]) => (key.includes(':') ? [key] : (ns.chains ?? [])));
  return { chains: [...new Set(chains)], methods: [...new Set(entries.flatMap(([, ns]) => ns.methods))] };
}

/** The parameters of one sign-in attempt: the page's, else the element's attribute and the page's location. */
export function authParamsFor(input: AuthParamsInput | null, statement: string | null, options: ConnectOptions): AuthenticateParams {
  const nonce = typeof input?.nonce === 'function' ? input.nonce() : (input?.nonce ?? randomNonce());
  const asked = eip155Of(options);
  const chains = input?.chains ?? asked.chains;
  const methods = input?.methods ?? asked.methods;
  const text = input?.statement ?? statement ?? undefined;
  return {
    chains: chains.length ? chains : ['eip155:1'],
    domain: input?.domain ?? location.host,
    uri: input?.uri ?? location.origin,
    nonce,
    ...(text ? { statement: text } : {}),
    ...(input?.resources ? { resources: input.resources } : {}),
    ...(methods.length ? { methods } : {}),
  };
}
