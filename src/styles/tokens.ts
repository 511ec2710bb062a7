import { unsafeCSS, type CSSResult } from 'lit';

/**
 * Every fallback colour of every element, once: `light` for a light colour scheme, `dark` for a
 * dark one, and `color`, the pair as `light-dark(light, dark)`. Style files interpolate `color` as
 * the fallback of a custom property, `var(--wc-color-muted, ${color.muted})`, so a page theme set
 * on any ancestor still wins.
 *
 * Why `light-dark()` and not `@media (prefers-color-scheme: dark)`: the media query follows the
 * OS, so on a light page in an OS dark mode the text turned light on the page's white (1.18:1).
 * `light-dark()` follows the element's used `color-scheme`, which it inherits from the page (or
 * takes from the `theme` attribute, see shared.styles.ts); a page that sets no `color-scheme`
 * (`normal`) gets the light palette, whatever the OS prefers.
 *
 * Why a module: the same fallbacks used to be typed into four style files and drifted apart
 * (`#57606a` vs `#59636e`, `#b42318` vs `#cf222e`); each pair now has one value, the one with the
 * better contrast on white (6.4:1 and 6.6:1).
 *
 * `unsafeCSS` on constants (never on input): a bare colour is no stylesheet, so `css` tags here
 * would trip the bundle's CSS minifier.
 */
const palette = {
  //            light       dark (≥ 4.5:1 on the dark surface #161b22 for text)
  text: ['#1f2328', '#e6edf3'],
  surface: ['#ffffff', '#161b22'],
  border: ['#d0d7de', '#3d444d'],
  muted: ['#57606a', '#9198a1'],
  danger: ['#b42318', '#ff7b72'],
  warning: ['#9a6700', '#d29922'],
  accent: ['#3b5bdb', '#91a7ff'],
  // text on the accent: white on the light accent (5.7:1), near-black on the dark one (8.3:1)
  onAccent: ['#ffffff', '#0d1117'],
  chip: ['#eef1f4', '#262c36'],
  required: ['#0a3069', '#79c0ff'],
  unsupported: ['#953800', '#ffa657'],
} as const;

type Token = keyof typeof palette;
const map = (pick: (pair: readonly [string, string]) => string) =>
  Object.fromEntries(Object.entries(palette).map(([k, pair]) => [k, unsafeCSS(pick(pair))])) as Record<Token, CSSResult>;

/** The light palette's values. */
export const light = map(([l]) => l);
/** The dark palette's values. */
export const dark = map(([, d]) => d);
/** Each colour as `light-dark(light, dark)`: what style files use. */
export const color = map(([l, d]) => `light-dark(${l}, ${d})`);

/** Scanners need dark on light: the QR code's colours do not follow the colour scheme. */
export const qr = {
  background: unsafeCSS('#ffffff'),
  foreground: unsafeCSS('#000000'),
} as const;
