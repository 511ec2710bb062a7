/** Countdown formatting with `Intl` only; formatters cached per locale, bad locales fall back to English. */

const clocks = new Map<string, (seconds: number) => string>();
const relatives = new Map<string, Intl.RelativeTimeFormat>();

function make<F>(cache: Map<string, F>, locale: string, create: (locale: string) => F): F {
  let f = cache.get(locale);
  if (!f) {
    try {
      f = create(locale);
    } catch {
      f = create('en'); // a malformed lang attribute throws RangeError
    }
    cache.set(locale, f);
  }
  return f;
}

function clockFor(locale: string): (seconds: number) => string {
  // NumberFormat rather than DurationFormat: its "digital" style pads minutes ("04:32").
  const whole = new Intl.NumberFormat(locale, { useGrouping: false });
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  return (s) => {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const sec = two.format(s % 60);
    return h > 0 ? `${whole.format(h)}:${two.format(m)}:${sec}` : `${whole.format(m)}:${sec}`;
  };
}

/** Whole seconds left as a clock in the locale's digits: "4:32" ("1:02:03" past an hour). Negative counts as 0. */
export function formatClock(seconds: number, locale: string): string {
  return make(clocks, locale, clockFor)(Math.max(0, Math.floor(seconds)));
}

/** "in 30 seconds" in the locale. */
export function formatIn(seconds: number, locale: string): string {
  const fmt = make(relatives, locale, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'always' }));
  return fmt.format(Math.max(0, Math.round(seconds)), 'second');
}

/** ISO 8601 duration for `<time datetime>`: "PT4M32S". */
export function isoDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `PT${Math.floor(s / 60)}M${s % 60}S`;
}
