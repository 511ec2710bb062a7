import { validateRequestedNamespaces } from '../caip.js';
import type { RequestedNamespaces } from '../types.js';

/**
 * The pinned SDK folds requiredNamespaces into optionalNamespaces on the wire, so a wallet cannot
 * see what the dApp requires. The controller also sends the required set as this session property
 * (a JSON string, as session properties must be strings); `<wc-namespace-picker mode="approve">`
 * reads it to lock those items. Other wallets ignore unknown session properties.
 */
export const REQUIRED_PROPERTY = 'wc-elements.requiredNamespaces';

export function encodeRequired(required: RequestedNamespaces): string | null {
  return Object.keys(required).length ? JSON.stringify(required) : null;
}

/** The required set a proposal carries, strictly validated; empty when absent or malformed. */
export function decodeRequired(sessionProperties: unknown): RequestedNamespaces {
  const props = sessionProperties !== null && typeof sessionProperties === 'object' ? (sessionProperties as Record<string, unknown>) : {};
  const raw = Object.hasOwn(props, REQUIRED_PROPERTY) ? props[REQUIRED_PROPERTY] : undefined;
  if (typeof raw !== 'string' || raw.length > 64 * 1024) return Object.freeze({});
  try {
    return validateRequestedNamespaces(JSON.parse(raw), REQUIRED_PROPERTY);
  } catch {
    return Object.freeze({});
  }
}
