import type { PeerMetadata } from '../types.js';

/**
 * What a name could hide behind, stripped from every peer text: control and format characters
 * (`\p{Cc}`, `\p{Cf}`: bidi overrides/isolates, zero-width U+200B–U+200F, U+2060–U+2064, BOM, …),
 * the whole Unicode tag block U+E0000–U+E007F (assigned or not), lone surrogates, and the
 * characters that are letters or symbols by category yet draw nothing: the Hangul fillers U+115F,
 * U+1160, U+3164, U+FFA0, the blank Braille pattern U+2800, the combining grapheme joiner U+034F,
 * the Khmer inherent vowels U+17B4–U+17B5 and the Mongolian free variation selectors U+180B–U+180F.
 */
// The combining ones stand outside the class: inside it they read as joined to their neighbour.
const INVISIBLE_RE = /[\p{Cc}\p{Cf}\p{Cs}\u{e0000}-\u{e007f}\u115f\u1160\u2800\u3164\uffa0]|\u034f|\u17b4|\u17b5|[\u180b-\u180f]/gu;
/**
 * Left after stripping, these still draw nothing on their own: whitespace and combining marks
 * (variation selectors included). A text made only of them counts as blank.
 */
const NOTHING_VISIBLE_RE = /^[\s\p{M}]*$/u;

export const NAME_MAX = 64;
export const DESCRIPTION_MAX = 240;

/** Text for display: invisible controls stripped, whitespace folded, clamped to `max` code points. */
export function cleanText(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  // Clamp before the regex so a 200 KB name costs no more than a short one.
  const rough = value.length > max * 4 ? value.slice(0, max * 4) : value;
  const text = rough.replace(INVISIBLE_RE, '').replace(/\s+/g, ' ').trim();
  if (NOTHING_VISIBLE_RE.test(text)) return '';
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
/** Longest icon accepted, in or out: a data: icon is carried in every proposal. */
export const ICON_MAX = 64 * 1024;

/** A raster `data:image/…;base64` icon (never SVG, which can carry script), at most `ICON_MAX`. */
export function isRasterDataIcon(value: unknown): value is string {
  return typeof value === 'string' && value.length <= ICON_MAX && RASTER_DATA_RE.test(value);
}

/** An icon URL safe to put in `<img src>`: https, or a raster `data:image/` (never SVG). */
export function safeIcon(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > ICON_MAX) return null;
  if (isRasterDataIcon(value)) return value;
  const url = safeUrl(value);
  return url && url.protocol === 'https:' ? url.href : null;
}

/** Peer metadata reduced to what may be shown, as text. */
export interface DisplayMetadata {
  /**
   * The peer's name, cleaned. When it has nothing visible left: the fallback name followed by the
   * host in brackets (`Unnamed wallet (evil.example)`), the host alone without a fallback, or the
   * fallback alone without a host, so no peer looks nameless.
   */
  readonly name: string;
  /** True when the peer's own name had nothing visible (`name` is then the fallback). */
  readonly unnamed: boolean;
  readonly description: string;
  readonly host: string;
  readonly url: string | null;
  readonly icon: string | null;
}

export function displayMetadata(meta: Partial<PeerMetadata> | null | undefined, fallbackName = ''): DisplayMetadata {
  const icons = Array.isArray(meta?.icons) ? meta.icons : [];
  const icon = icons.map(safeIcon).find((i) => i !== null) ?? null;
  const own = cleanText(meta?.name, NAME_MAX);
  const host = displayHost(meta?.url);
  const fallback = cleanText(fallbackName, NAME_MAX);
  return {
    name: own || (host && fallback ? cleanText(`${fallback} (${host})`, NAME_MAX) : cleanText(host, NAME_MAX) || fallback),
    unnamed: own === '',
    description: cleanText(meta?.description, DESCRIPTION_MAX),
    host,
    url: safeUrl(meta?.url)?.href ?? null,
    icon,
  };
}
