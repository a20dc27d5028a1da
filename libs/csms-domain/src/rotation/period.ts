import { InvalidField, quote } from '@dew/contracts';

/**
 * `rotation_period`: an integer and a unit d, h, m or s ("30d", "6h"), from 6 hours to 8760 hours
 * (365 days) — Huawei's limits (docs/api-decisions.md, "Secret rotation").
 */
export const ROTATION_PERIOD_MIN_MS = 6 * 3_600_000;
export const ROTATION_PERIOD_MAX_MS = 8760 * 3_600_000;
const UNIT_MS: Readonly<Record<string, number>> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
const PERIOD = /^([1-9][0-9]{0,9})([dhms])$/;
const REQUIREMENT = 'be an integer with unit d, h, m or s, from 6h to 8760h';

/** The period in milliseconds, or CSMS.0002 naming the limits and the value. */
export function parseRotationPeriod(period: unknown): number {
  if (typeof period !== 'string') throw InvalidField('rotation_period', REQUIREMENT);
  const m = PERIOD.exec(period);
  const unit = m?.[2] === undefined ? undefined : UNIT_MS[m[2]];
  if (!m || unit === undefined) throw InvalidField('rotation_period', REQUIREMENT, quote(period.slice(0, 64)));
  const ms = Number(m[1]) * unit;
  if (ms < ROTATION_PERIOD_MIN_MS || ms > ROTATION_PERIOD_MAX_MS) throw InvalidField('rotation_period', REQUIREMENT, quote(period));
  return ms;
}
