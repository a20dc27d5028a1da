import type { Instant } from '@dew/decider';
import { DAY_MS, type RotationState } from './keyring.state.js';

/**
 * Re-enable rule: a key that comes back overdue by at least one full period is due at
 * once (the scheduler serves it within 24 h); otherwise it keeps its plan.
 */
export function rotationOnReEnable(r: RotationState, at: Instant): RotationState {
  if (!r.enabled || r.nextRotationAt === null) return r;
  return at >= r.nextRotationAt + r.intervalDays * DAY_MS ? { ...r, nextRotationAt: at } : r;
}

/** What the rotation plan counts from: the later of the last rotation and switching rotation on. */
export function planBase(r: RotationState, fallback: Instant): Instant {
  const enabledAt = r.enabledAt ?? fallback;
  return r.lastRotatedAt === null ? enabledAt : Math.max(r.lastRotatedAt, enabledAt);
}
