import { expect } from '@open-wc/testing';
import QRCode from 'qrcode';
import { QUIET_ZONE, qrSymbol } from './qr.js';

describe('qrSymbol', () => {
  it('draws exactly the dark modules of the symbol, offset by the quiet zone', () => {
    const text = `wc:${'a'.repeat(64)}@2?relay-protocol=irn&symKey=${'b'.repeat(64)}`;
    const symbol = qrSymbol(text)!;
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    expect(symbol.size).to.equal(modules.size + 2 * QUIET_ZONE);

    const drawn = new Set<string>();
    for (const [, x, y, run] of symbol.path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
      for (let i = 0; i < Number(run); i++) drawn.add(`${Number(y) - QUIET_ZONE},${Number(x) - QUIET_ZONE + i}`);
    }
    const dark = new Set<string>();
    for (let r = 0; r < modules.size; r++) for (let c = 0; c < modules.size; c++) if (modules.get(r, c)) dark.add(`${r},${c}`);
    expect(drawn.size).to.equal(dark.size);
    expect([...dark].every((m) => drawn.has(m))).to.equal(true);
    expect(symbol.path.replace(/M\d+ \d+h\d+v1h-\d+z/g, '')).to.equal('');
  });

  it('returns null instead of throwing for text too long to encode', () => {
    expect(qrSymbol('x'.repeat(5000))).to.equal(null);
  });
});
