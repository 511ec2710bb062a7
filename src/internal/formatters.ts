/**
 * The one `Intl` formatter cache, and the few formats the elements show (relative times, dates,
 * lists, countdown clocks).
 *
 * Why: building an `Intl` formatter is far slower than using one, and a list of hundreds of
 * sessions formats on every tick; formatters are kept per constructor, locale and options. A
 * malformed `lang` (a `RangeError` from the constructor) falls back to English instead of breaking
 * the render.
 */

type Ctor<F> = new (locale: string, options?: never) => F;

const cache = new Map<string, unknown>();

/** A cached `new ctor(locale, options)`; English when `locale` is malformed. */
export function formatter<F>(ctor: Ctor<F>, locale: string, options: object = {}): F {
  const key = `${ctor.name}\u0000${locale}\u0000${JSON.stringify(options)}`;
  let f = cache.get(key) as F | undefined;
  if (!f) {
    const make = ctor as unknown as new (locale: string, options: object) => F;
    try {
      f = new make(locale, options);
    } catch {
      f = new make('en', options);
    }
    cache.set(key, f);
  }
  return f;
}

const RELATIVE: Intl.RelativeTimeFormatOptions = { numeric: 'always', style: 'long' };

/**
 * `seconds` from now (negative: in the past) in the largest unit that fits, rounded to the nearest whole one:
 * "in 7 days", "in 59 minutes", "12 seconds ago".
 */
export function formatRelative(seconds: number, locale: string): string {
  const fmt = formatter(Intl.RelativeTimeFormat, locale, RELATIVE);
  const abs = Math.abs(seconds);
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    abs < 60 ? [seconds, 'second'] : abs < 3600 ? [seconds / 60, 'minute'] : abs < 86400 ? [seconds / 3600, 'hour'] : [seconds / 86400, 'day'];
  // `|| 0` turns -0 into 0 ("in 0 seconds", not "0 seconds ago").
  return fmt.format(Math.round(value) || 0, unit);
}

/** "in 30 seconds" in the locale: whole seconds, never negative. */
export function formatIn(seconds: number, locale: string): string {
  return formatter(Intl.RelativeTimeFormat, locale, RELATIVE).format(Math.max(0, Math.round(seconds)), 'second');
}

/** An absolute date and time for tooltips: "12 Mar 2025, 14:05"; empty for a non-finite time. */
export function formatDateTime(ms: number, locale: string): string {
  const fmt = formatter(Intl.DateTimeFormat, locale, { dateStyle: 'medium', timeStyle: 'short' });
  return Number.isFinite(ms) ? fmt.format(ms) : '';
}

/** "a, b and c" in the locale. */
export function formatList(items: readonly string[], locale: string): string {
  return formatter(Intl.ListFormat, locale, { type: 'conjunction' }).format(items);
}

/** Whole seconds left as a clock in the locale's digits: "4:32" ("1:02:03" past an hour). Negative counts as 0. */
export function formatClock(seconds: number, locale: string): string {
  // NumberFormat rather than DurationFormat: its "digital" style pads minutes ("04:32").
  const whole = formatter(Intl.NumberFormat, locale, { useGrouping: false });
  const two = formatter(Intl.NumberFormat, locale, { minimumIntegerDigits: 2, useGrouping: false });
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = two.format(s % 60);
  return h > 0 ? `${whole.format(h)}:${two.format(m)}:${sec}` : `${whole.format(m)}:${sec}`;
}

/** ISO 8601 duration for `<time datetime>`: "PT4M32S". */
export function isoDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `PT${Math.floor(s / 60)}M${s % 60}S`;
}
