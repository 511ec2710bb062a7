import { css } from 'lit';

/**
 * Every fallback colour of every element, once: `light` for the default scheme, `dark` for
 * `prefers-color-scheme: dark`. Style files interpolate them as the fallback of a custom property,
 * `var(--wc-color-muted, ${light.muted})`, so a page theme set on any ancestor still wins.
 *
 * Why a module: the same fallbacks used to be typed into four style files and drifted apart
 * (`#57606a` vs `#59636e`, `#b42318` vs `#cf222e`); each pair now has one value, the one with the
 * better contrast on white (6.4:1 and 6.6:1).
 */
export const light = {
  text: css`#1f2328`,
  surface: css`#ffffff`,
  border: css`#d0d7de`,
  muted: css`#57606a`,
  danger: css`#b42318`,
  warning: css`#9a6700`,
  accent: css`#3b5bdb`,
  onAccent: css`#ffffff`,
  chip: css`#eef1f4`,
  required: css`#0a3069`,
  unsupported: css`#953800`,
  qrBackground: css`#ffffff`,
  qrForeground: css`#000000`,
} as const;

/** The dark-scheme counterparts of `light` (only the colours that change). */
export const dark = {
  text: css`#e6edf3`,
  surface: css`#161b22`,
  border: css`#3d444d`,
  muted: css`#9198a1`,
  danger: css`#ff7b72`,
  warning: css`#d29922`,
  accent: css`#91a7ff`,
  chip: css`#262c36`,
  required: css`#79c0ff`,
  unsupported: css`#ffa657`,
} as const;
