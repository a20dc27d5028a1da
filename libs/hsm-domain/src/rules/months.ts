import type { Instant } from '@dew/decider';

/** `at` plus `months` calendar months (UTC); a day past the target month's end clamps to its last day. */
export function addMonths(at: Instant, months: number): Instant {
  const d = new Date(at);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

export function isoOf(at: Instant): string {
  return new Date(at).toISOString();
}
