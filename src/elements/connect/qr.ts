// The encoder alone: the package's main entry also bundles its canvas, SVG and terminal renderers,
// and this element draws its own SVG from the module matrix.
import qrcodeCore from 'qrcode/lib/core/qrcode.js';

/** Modules of blank border on every side, as the QR specification asks. */
export const QUIET_ZONE = 4;

/** A QR symbol reduced to what an `<svg>` needs: its side in modules and one path of dark modules. */
export interface QrSymbol {
  /** Side of the symbol including the quiet zone, in modules (the viewBox size). */
  readonly size: number;
  /** One SVG path: each horizontal run of dark modules is one rectangle. */
  readonly path: string;
}

/**
 * Encodes `text` (error correction M) and returns the dark modules as one SVG path. Returns null
 * when the text cannot be encoded (too long), so a caller never has to catch.
 */
export function qrSymbol(text: string): QrSymbol | null {
  let modules: { size: number; get(row: number, col: number): number };
  try {
    modules = qrcodeCore.create(text, { errorCorrectionLevel: 'M' }).modules;
  } catch {
    return null;
  }
  const n = modules.size;
  const parts: string[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      const run = col - start;
      parts.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${run}v1h-${run}z`);
    }
  }
  return { size: n + 2 * QUIET_ZONE, path: parts.join('') };
}
