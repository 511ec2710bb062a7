import { parseCaip10 } from '../caip.js';
import type { NamespaceRequest, SessionView } from '../types.js';

/** An EVM chain reference: a positive decimal integer without leading zeros (at most 32 digits, CAIP-2's bound). */
const REFERENCE_RE = /^[1-9][0-9]{0,31}$/;

/**
 * A chain id as EIP-1193 callers write it (a number, `0x…` hex, a decimal string, or CAIP-2
 * `eip155:N`) as CAIP-2; null when it is none of these.
 */
export function toCaip2(value: unknown): string | null {
  let reference: string | null = null;
  if (typeof value === 'number') reference = Number.isSafeInteger(value) && value > 0 ? String(value) : null;
  else if (typeof value === 'bigint') reference = value > 0n ? value.toString() : null;
  else if (typeof value === 'string') {
    if (/^0x[0-9a-fA-F]{1,27}$/.test(value)) reference = BigInt(value).toString();
    else if (value.startsWith('eip155:')) reference = value.slice(7);
    else reference = value;
  }
  return reference !== null && REFERENCE_RE.test(reference) ? `eip155:${reference}` : null;
}

/** `eip155:137` → `0x89` (EIP-695's `eth_chainId` form). */
export function toHex(chain: string): string {
  return `0x${BigInt(chain.slice(chain.indexOf(':') + 1)).toString(16)}`;
}

/** `eip155:137` → `137` (`net_version`'s form). */
export function toDecimal(chain: string): string {
  return chain.slice(chain.indexOf(':') + 1);
}

/** The session's EVM chains, in its own order. */
export function evmChains(session: SessionView): string[] {
  return session.chains.filter((chain) => toCaip2(chain) === chain);
}

/** The session's addresses on `chain`, in its order, each once. */
export function addressesOn(session: SessionView, chain: string): string[] {
  const out: string[] = [];
  for (const account of session.accounts) {
    const parsed = parseCaip10(account);
    if (!parsed || `${parsed.namespace}:${parsed.reference}` !== chain) continue;
    if (!out.some((a) => a.toLowerCase() === parsed.address.toLowerCase())) out.push(parsed.address);
  }
  return out;
}

/** The first EVM chain a connect with `namespaces` asks for (required before optional), or null. */
export function firstRequestedChain(namespaces: NamespaceRequest | null): string | null {
  for (const group of [namespaces?.requiredNamespaces, namespaces?.optionalNamespaces]) {
    for (const [key, ns] of Object.entries(group ?? {})) {
      for (const chain of key.includes(':') ? [key] : (ns.chains ?? [])) if (toCaip2(chain) === chain) return chain;
    }
  }
  return null;
}

/** The address a signing method names as its signer (EIP-1474 parameter positions), when it names one. */
export function signerOf(method: string, params: unknown): unknown {
  const list = Array.isArray(params) ? (params as unknown[]) : [];
  switch (method) {
    case 'personal_sign':
      return list[1];
    case 'eth_sign':
    case 'eth_signTypedData':
    case 'eth_signTypedData_v3':
    case 'eth_signTypedData_v4':
      return list[0];
    case 'eth_sendTransaction':
    case 'eth_signTransaction': {
      const tx = list[0];
      return typeof tx === 'object' && tx !== null ? (tx as { from?: unknown }).from : undefined;
    }
    default:
      return undefined;
  }
}

/** The chain a transaction names (`chainId` in its object), when it names one. */
export function transactionChain(method: string, params: unknown): unknown {
  if (method !== 'eth_sendTransaction' && method !== 'eth_signTransaction') return undefined;
  const tx = Array.isArray(params) ? (params as unknown[])[0] : undefined;
  return typeof tx === 'object' && tx !== null ? (tx as { chainId?: unknown }).chainId : undefined;
}
