/**
 * Invisible characters in peer names: every code point the issue lists, alone and in the shapes a
 * hostile wallet would use, must leave either a visible name or the fallback plus the host.
 */
import { expect } from '@open-wc/testing';
import { cleanText, displayMetadata } from './metadata.js';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** U+3164, U+2800, U+115F, U+1160, U+FFA0, U+200B–U+200F and the tag block U+E0000–U+E007F. */
const LISTED = [0x3164, 0x2800, 0x115f, 0x1160, 0xffa0, ...range(0x200b, 0x200f), ...range(0xe0000, 0xe007f)];
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** Shapes a blank name takes: the character alone, repeated, padded with spaces, mixed with others. */
function blankShapes(cp: number): string[] {
  const c = String.fromCodePoint(cp);
  return [c, c.repeat(8), ` ${c} \u00a0${c} `, `${c}\u200b\u3164\u2800${c}\u0301`];
}

describe('displayMetadata: invisible characters in peer names', () => {
  it('lists 138 code points (5 fillers and blanks, 5 zero-width, 128 tag characters)', () => {
    expect(LISTED).to.have.length(138);
    expect(new Set(LISTED).size).to.equal(138);
  });

  it('never yields a blank name: an invisible-only name falls back to the placeholder plus the host', () => {
    let names = 0;
    let blank = 0;
    for (const cp of LISTED) {
      for (const name of blankShapes(cp)) {
        const shown = displayMetadata({ name, url: 'https://evil.example/path' }, 'Unnamed wallet');
        names++;
        if (cleanText(shown.name, 64) === '') blank++;
        expect(shown.name, `${hex(cp)} in ${JSON.stringify(name)}`).to.equal('Unnamed wallet (evil.example)');
        expect(shown.unnamed, hex(cp)).to.equal(true);
      }
    }
    console.log(`[figure] invisible chars: ${blank} blank names of ${names} (138 listed code points × 4 shapes)`);
    expect(blank).to.equal(0);
  });

  it('strips each listed code point from inside a name, so no name can pass for another', () => {
    let left = 0;
    for (const cp of LISTED) {
      const c = String.fromCodePoint(cp);
      const shown = displayMetadata({ name: `Meta${c}Mask${c}`, url: 'https://evil.example' }, 'Unnamed wallet');
      if ([...shown.name].some((ch) => ch.codePointAt(0) === cp)) left++;
      expect(shown.name, hex(cp)).to.equal('MetaMask');
      expect(shown.unnamed).to.equal(false);
      expect(shown.host).to.equal('evil.example');
    }
    console.log(`[figure] invisible chars: ${left} of ${LISTED.length} code points left inside a name`);
    expect(left).to.equal(0);
  });

  it('without a host: the placeholder alone; without a placeholder: the host alone', () => {
    expect(displayMetadata({ name: '\u3164', url: '' }, 'Unnamed wallet').name).to.equal('Unnamed wallet');
    expect(displayMetadata({ name: '\u3164', url: 'javascript:alert(1)' }, 'Unnamed wallet').name).to.equal('Unnamed wallet');
    expect(displayMetadata({ name: '\u2800', url: 'https://evil.example' }).name).to.equal('evil.example');
    expect(displayMetadata({ name: '\u2800', url: 'https://evil.example' }).unnamed).to.equal(true);
    expect(displayMetadata(null, 'Unnamed wallet')).to.include({ name: 'Unnamed wallet', unnamed: true, host: '' });
  });

  it('shows a look-alike Unicode host in punycode inside the fallback', () => {
    expect(displayMetadata({ name: '\u115f\u1160', url: 'https://аррӏе.com' }, 'Unnamed wallet').name).to.equal('Unnamed wallet (xn--80ak6aa92e.com)');
  });

  it('bounds the fallback: a huge host does not make a huge name', () => {
    const host = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.example`;
    const { name } = displayMetadata({ name: '\u200b', url: `https://${host}` }, 'Unnamed wallet');
    expect([...name].length).to.be.at.most(64);
    expect(name.startsWith('Unnamed wallet (')).to.equal(true);
  });

  it('also treats names of only marks, other zero-width and format characters as blank', () => {
    for (const name of ['\u0301\u0301', '\ufe0f', '\u034f', '\u17b4\u17b5', '\u180b', '\u2060\u2061', '\ufeff', '\u{1d173}', '\u061c', '\u00ad']) {
      expect(displayMetadata({ name, url: 'https://evil.example' }, 'Unnamed wallet').name, JSON.stringify(name)).to.equal('Unnamed wallet (evil.example)');
    }
  });

  it('keeps visible names whole: accents, scripts, emoji with joiners still show', () => {
    expect(displayMetadata({ name: 'Café Wallet' }).name).to.equal('Café Wallet');
    expect(displayMetadata({ name: '한국 지갑' }).name).to.equal('한국 지갑');
    expect(displayMetadata({ name: 'Wallet 🦊' }).name).to.equal('Wallet 🦊');
    expect(displayMetadata({ name: '  Rainbow\u00a0 Wallet ' }).name).to.equal('Rainbow Wallet');
  });
});
