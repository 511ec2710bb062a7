/** Time formatting for the session list: `Intl` only, formatters cached per locale. */

const relative = new Map<string, Intl.RelativeTimeFormat>();
const absolute = new Map<string, Intl.DateTimeFormat>();

function cached<F>(cache: Map<string, F>, locale: string, make: (locale: string) => F): F {
  let f = cache.get(locale);
  if (!f) {
    try {
      f = make(locale);
    } catch {
      // A malformed lang attribute (RangeError) falls back to English.
      f = make('en');
    }
    cache.set(locale, f);
  }
  return f;
}

/**
 * `seconds` from now (negative: in the past) in the largest unit that fits, rounded to the nearest whole one:
 * "in 7 days", "in 59 minutes", "12 seconds ago".
 */
export function formatRelative(seconds: number, locale: string): string {
  const fmt = cached(relative, locale, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'always', style: 'long' }));
  const abs = Math.abs(seconds);
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    abs < 60 ? [seconds, 'second'] : abs < 3600 ? [seconds / 60, 'minute'] : abs < 86400 ? [seconds / 3600, 'hour'] : [seconds / 86400, 'day'];
  // `|| 0` turns -0 into 0 ("in 0 seconds", not "0 seconds ago").
  return fmt.format(Math.round(value) || 0, unit);
}

/** An absolute date and time for tooltips: "12 Mar 2025, 14:05". */
export function formatDateTime(ms: number, locale: string): string {
  const fmt = cached(absolute, locale, (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' }));
  return Number.isFinite(ms) ? fmt.format(ms) : '';
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR_S = 3600;

/**
 * How long until the list's shared clock should tick again: every second while anything shown is
 * within the hour (a countdown or a request age), else every minute; null when nothing is timed.
 */
export function tickDelay(expiries: Iterable<number>, requestTimes: Iterable<number>, nowMs: number): number | null {
  const now = nowMs / 1000;
  let any = false;
  for (const expiry of expiries) {
    any = true;
    const left = expiry - now;
    if (left > 0 && left <= HOUR_S) return SECOND;
  }
  for (const createdAt of requestTimes) {
    any = true;
    if (now - createdAt / 1000 < HOUR_S) return SECOND;
  }
  return any ? MINUTE : null;
}
