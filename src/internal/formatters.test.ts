import { expect } from '@open-wc/testing';
import { formatClock, formatDateTime, formatIn, formatList, formatRelative, formatter, isoDuration } from './formatters.js';

describe('formatters', () => {
  it('builds each formatter once per constructor, locale and options', () => {
    const a = formatter(Intl.NumberFormat, 'de', { useGrouping: false });
    expect(formatter(Intl.NumberFormat, 'de', { useGrouping: false })).to.equal(a);
    expect(formatter(Intl.NumberFormat, 'de', { minimumIntegerDigits: 2 })).to.not.equal(a);
    expect(formatter(Intl.NumberFormat, 'fr', { useGrouping: false })).to.not.equal(a);
  });

  it('falls back to English for a malformed lang instead of throwing', () => {
    expect(formatRelative(120, 'not a locale!')).to.equal('in 2 minutes');
    expect(formatList(['a', 'b', 'c'], '!!')).to.equal('a, b, and c');
  });

  it('relative times in the largest unit that fits', () => {
    expect(formatRelative(7 * 86400, 'en')).to.equal('in 7 days');
    expect(formatRelative(59 * 60, 'en')).to.equal('in 59 minutes');
    expect(formatRelative(-12, 'en')).to.equal('12 seconds ago');
    expect(formatRelative(-0.2, 'en')).to.equal('in 0 seconds');
    expect(formatRelative(3 * 3600, 'de')).to.equal('in 3 Stunden');
  });

  it('countdown clocks, "in n seconds" and ISO durations (what <wc-connect> shows)', () => {
    expect(formatClock(272, 'en')).to.equal('4:32');
    expect(formatClock(3723, 'en')).to.equal('1:02:03');
    expect(formatClock(-5, 'en')).to.equal('0:00');
    expect(formatClock(65, 'ar-EG')).to.equal('١:٠٥');
    expect(formatIn(29.6, 'en')).to.equal('in 30 seconds');
    expect(formatIn(-3, 'en')).to.equal('in 0 seconds');
    expect(isoDuration(272)).to.equal('PT4M32S');
  });

  it('dates and lists in the locale', () => {
    expect(formatDateTime(Number.NaN, 'en')).to.equal('');
    expect(formatDateTime(Date.UTC(2025, 2, 12, 12), 'en')).to.contain('2025');
    expect(formatList(['Ethereum', 'Polygon'], 'de')).to.equal('Ethereum und Polygon');
  });
});
