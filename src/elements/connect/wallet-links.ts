import { WcError } from '../../errors.js';
import { cleanText } from '../../internal/metadata.js';

/** One wallet link template from the `wallet-links` attribute; `{uri}` marks where the URI goes. */
export interface WalletLinkTemplate {
  readonly name: string;
  readonly template: string;
}

export interface WalletLinks {
  /** The usable templates, in the order given. */
  readonly links: readonly WalletLinkTemplate[];
  /** The first problem found (the other links are still usable), or null. */
  readonly error: WcError | null;
}

const MAX_LINKS = 16;
const MAX_TEMPLATE = 2048;
const ALLOWED = new Set(['https:', 'wc:']);
/** A stand-in URI used to check a template before any real URI exists. */
const SAMPLE_URI = 'wc:0000000000000000000000000000000000000000000000000000000000000000@2?relay-protocol=irn&symKey=00';

/** Plain http is allowed only to this machine: a local test wallet, never a site on the network. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/**
 * The link for `uri`: `{uri}` replaced by `encodeURIComponent(uri)`, accepted only when the result
 * is an `https:` or `wc:` URL, or `http:` on loopback. Anything else (`javascript:`, `data:`,
 * `http:` to another host, garbage) is null.
 */
export function walletLinkHref(template: string, uri: string): string | null {
  if (template.length > MAX_TEMPLATE) return null;
  const href = template.split('{uri}').join(encodeURIComponent(uri));
  try {
    const url = new URL(href);
    return ALLOWED.has(url.protocol) || (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) ? url.href : null;
  } catch {
    return null;
  }
}

function invalid(message: string): WcError {
  return new WcError('invalid-option', `wallet-links: ${message}`, { operation: 'attribute', data: { attribute: 'wallet-links' } });
}

/**
 * Parses `wallet-links='[{"name":"…","href":"https://…/wc?uri={uri}"}]'`. Never throws: a bad
 * entry is dropped and reported in `error`, the good ones are kept.
 */
export function parseWalletLinks(value: string | null | undefined): WalletLinks {
  if (value == null || value.trim() === '') return { links: [], error: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { links: [], error: invalid('is not valid JSON') };
  }
  if (!Array.isArray(parsed)) return { links: [], error: invalid('must be a JSON array of {"name", "href"} objects') };
  const links: WalletLinkTemplate[] = [];
  let error: WcError | null = null;
  parsed.forEach((item: unknown, i) => {
    const entry = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
    const name = cleanText(entry['name'], 40);
    const template = typeof entry['href'] === 'string' ? entry['href'] : '';
    if (!name || !template) {
      error ??= invalid(`item ${i} needs a "name" and an "href"`);
    } else if (walletLinkHref(template, SAMPLE_URI) === null) {
      error ??= invalid(`item ${i} (${JSON.stringify(template.slice(0, 80))}) is not an https: or wc: link (http: only on loopback)`);
    } else if (links.length >= MAX_LINKS) {
      error ??= invalid(`more than ${MAX_LINKS} links`);
    } else {
      links.push({ name, template });
    }
  });
  return { links, error };
}
