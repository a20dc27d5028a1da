import { HsmStepNotDue } from '@dew/contracts';
import type { Instant } from '@dew/decider';
import { assertNever } from '@dew/decider';
import { DURATION_MONTHS } from '../rules/fields.js';
import { addMonths, isoOf } from '../rules/months.js';
import { checkedInteger } from '../rules/text.js';
import { requireStatus } from '../state/guards.js';
import type { HsmInstance, HsmSet } from '../state/hsm-set.js';
import type { HsmBillingEvent } from './events.js';

/** The scheduler's, at the end of the paid period: auto-renewal renews, otherwise the instance freezes. */
export interface ExpireHsmInstance {
  readonly type: 'ExpireHsmInstance';
  readonly instanceId: string;
  readonly now: Instant;
}
export interface RenewHsmInstance {
  readonly type: 'RenewHsmInstance';
  readonly instanceId: string;
  readonly months: number;
  readonly now: Instant;
}

export type HsmBillingCommand = ExpireHsmInstance | RenewHsmInstance;

function paidUntil(instance: HsmInstance): Instant {
  if (instance.expiresAt === null) throw new Error(`instance ${instance.id} is ${instance.status} without an expiry`);
  return instance.expiresAt;
}

function expire(state: HsmSet, cmd: ExpireHsmInstance): HsmBillingEvent[] {
  const instance = requireStatus(state, cmd.instanceId, 'expiry', ['Running']);
  const expiresAt = paidUntil(instance);
  if (cmd.now < expiresAt) throw HsmStepNotDue(instance.id, 'expiry', isoOf(expiresAt));
  const months = instance.activation?.durationMonths;
  if (instance.activation?.autoRenew && months !== undefined) {
    return [{ type: 'HsmRenewed', instanceId: instance.id, months, expiresAt: addMonths(expiresAt, months), auto: true, at: cmd.now }];
  }
  return [{ type: 'HsmFrozen', instanceId: instance.id, expiredAt: expiresAt, at: cmd.now }];
}

/**
 * A running instance's period is extended from its expiry; a frozen one's starts again now (the
 * frozen time is not charged: docs/hsm.md, "Expiry and renewal").
 */
function renew(state: HsmSet, cmd: RenewHsmInstance): HsmBillingEvent[] {
  const months = checkedInteger('period_num', cmd.months, DURATION_MONTHS.min, DURATION_MONTHS.max);
  const instance = requireStatus(state, cmd.instanceId, 'renewal', ['Running', 'Frozen']);
  const from = instance.status === 'Frozen' ? cmd.now : paidUntil(instance);
  return [{ type: 'HsmRenewed', instanceId: instance.id, months, expiresAt: addMonths(from, months), auto: false, at: cmd.now }];
}

export function decideBilling(state: HsmSet, command: HsmBillingCommand): readonly HsmBillingEvent[] {
  switch (command.type) {
    case 'ExpireHsmInstance':
      return expire(state, command);
    case 'RenewHsmInstance':
      return renew(state, command);
    default:
      return assertNever(command);
  }
}
