import type { PeerMetadata } from '../types.js';

/** Bidi overrides/isolates, zero-width and other invisible controls a name could hide behind. */
const INVISIBLE_RE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

export const NAME_MAX = 64;
export const DESCRIPTION_MAX = 240;

/** Text for display: invisible controls stripped, whitespace folded, clamped to `max` code points. */
export function cleanText(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  // Clamp before the regex so a 200 KB name costs no more than a short one.
  const rough = value.length > max * 4 ? value.slice(0, max * 4) : value;
  const text = rough.replace(INVISIBLE_RE, '').replace(/\s+/g, ' ').trim();
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** Only http(s) pages count as a site; anything else (javascript:, data:, …) is dropped. */
export function safeUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** The host to show: URL parsing yields punycode (`xn--…`), so look-alike Unicode hosts are visible. */
export function displayHost(value: unknown): string {
  return safeUrl(value)?.host ?? '';
}

const RASTER_DATA_RE = /^data:image\/(png|jpeg|jpg|gif|webp|avif);base64,[a-z0-9+/=\s]+$/i;

/** An icon URL safe to put in `<img src>`: https, or a raster `data:image/` (never SVG). */
export function safeIcon(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 64 * 1024) return null;
  if (RASTER_DATA_RE.test(value)) return value;
  const url = safeUrl(value);
  return url && url.protocol === 'https:' ? url.href : null;
}

/** Peer metadata reduced to what may be shown, as text. */
export interface DisplayMetadata {
  readonly name: string;
  readonly description: string;
  readonly host: string;
  readonly url: string | null;
  readonly icon: string | null;
}

export function displayMetadata(meta: Partial<PeerMetadata> | null | undefined, fallbackName = ''): DisplayMetadata {
  const icons = Array.isArray(meta?.icons) ? meta.icons : [];
  const icon = icons.map(safeIcon).find((i) => i !== null) ?? null;
  return {
    name: cleanText(meta?.name, NAME_MAX) || fallbackName,
    description: cleanText(meta?.description, DESCRIPTION_MAX),
    host: displayHost(meta?.url),
    url: safeUrl(meta?.url)?.href ?? null,
    icon,
  };
}
