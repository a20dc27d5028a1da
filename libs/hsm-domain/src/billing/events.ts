import type { Instant } from '@dew/decider';

/** Events of an instance's paid period (guide §4.3, "Frozen"). */

/** Expired without renewal: Running → Frozen; the instance serves no crypto. */
export interface HsmFrozen {
  readonly type: 'HsmFrozen';
  readonly instanceId: string;
  readonly expiredAt: Instant;
  readonly at: Instant;
}
/** Paid for `months` more: now paid until `expiresAt`; a frozen instance runs again. `auto`: by auto-renewal at expiry. */
export interface HsmRenewed {
  readonly type: 'HsmRenewed';
  readonly instanceId: string;
  readonly months: number;
  readonly expiresAt: Instant;
  readonly auto: boolean;
  readonly at: Instant;
}

export type HsmBillingEvent = HsmFrozen | HsmRenewed;
