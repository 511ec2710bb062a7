/**
 * The session list's clock pace. Formatting lives in `internal/formatters.ts` (one `Intl` cache);
 * the ticking in `internal/clock.ts` (one shared timer).
 */

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
