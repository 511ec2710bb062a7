import { unsafeCSS } from 'lit';

/**
 * Every fallback colour of every element, once: `light` for the default scheme, `dark` for
 * `prefers-color-scheme: dark`. Style files interpolate them as the fallback of a custom property,
 * `var(--wc-color-muted, ${light.muted})`, so a page theme set on any ancestor still wins.
 *
 * Why a module: the same fallbacks used to be typed into four style files and drifted apart
 * (`#57606a` vs `#59636e`, `#b42318` vs `#cf222e`); each pair now has one value, the one with the
 * better contrast on white (6.4:1 and 6.6:1).
 *
 * `unsafeCSS` on constants (never on input): a bare colour is no stylesheet, so `css` tags here
 * would trip the bundle's CSS minifier.
 */
export const light = {
  text: unsafeCSS('#1f2328'),
  surface: unsafeCSS('#ffffff'),
  border: unsafeCSS('#d0d7de'),
  muted: unsafeCSS('#57606a'),
  danger: unsafeCSS('#b42318'),
  warning: unsafeCSS('#9a6700'),
  accent: unsafeCSS('#3b5bdb'),
  onAccent: unsafeCSS('#ffffff'),
  chip: unsafeCSS('#eef1f4'),
  required: unsafeCSS('#0a3069'),
  unsupported: unsafeCSS('#953800'),
  qrBackground: unsafeCSS('#ffffff'),
  qrForeground: unsafeCSS('#000000'),
} as const;

/** The dark-scheme counterparts of `light` (only the colours that change). */
export const dark = {
  text: unsafeCSS('#e6edf3'),
  surface: unsafeCSS('#161b22'),
  border: unsafeCSS('#3d444d'),
  muted: unsafeCSS('#9198a1'),
  danger: unsafeCSS('#ff7b72'),
  warning: unsafeCSS('#d29922'),
  accent: unsafeCSS('#91a7ff'),
  chip: unsafeCSS('#262c36'),
  required: unsafeCSS('#79c0ff'),
  unsupported: unsafeCSS('#ffa657'),
} as const;
