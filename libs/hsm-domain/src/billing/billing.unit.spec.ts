import { addMonths } from '../rules/months.js';
import type { HsmSetEvent } from '../hsm-set.decider.js';
import { T0, given, history, instanceId, running, stateAfter } from '../fixtures.spec.js';

const expiresAt = (events: readonly HsmSetEvent[]): number => stateAfter(...events).instances.get(instanceId(1))?.expiresAt ?? NaN;
const expire = (now: number) => ({ type: 'ExpireHsmInstance' as const, instanceId: instanceId(1), now });
const renew = (months: number, now: number) => ({ type: 'RenewHsmInstance' as const, instanceId: instanceId(1), months, now });

describe('expiry (H4)', () => {
  it('at expiry without auto-renewal a Running instance is Frozen', () => {
    const past = running(1);
    const end = expiresAt(past);
    given(past).when(expire(end)).thenSucceeds((events, state) => {
      expect(events).toEqual([{ type: 'HsmFrozen', instanceId: instanceId(1), expiredAt: end, at: end }]);
      expect(state.instances.get(instanceId(1))?.status).toBe('Frozen');
    });
  });

  it('at expiry with auto-renewal the instance is renewed by its duration and keeps running', () => {
    const past = running(1, { autoRenew: true, durationMonths: 3 });
    const end = expiresAt(past);
    given(past).when(expire(end + 10)).thenSucceeds((events, state) => {
      expect(events).toEqual([{ type: 'HsmRenewed', instanceId: instanceId(1), months: 3, expiresAt: addMonths(end, 3), auto: true, at: end + 10 }]);
      expect(state.instances.get(instanceId(1))?.status).toBe('Running');
    });
  });

  it('before the expiry it is refused naming the expiry', () => {
    const past = running(1);
    given(past).when(expire(expiresAt(past) - 1)).thenRefuses({ code: 'DHSM.0409', message: `expiry is not due before ${new Date(expiresAt(past)).toISOString()}` });
  });

  it('a Frozen instance does not expire again', () => {
    const past = history(running(1), expire(T0 + 10 ** 11));
    given(past).when(expire(T0 + 10 ** 11)).thenRefuses({ code: 'DHSM.0409', message: 'is Frozen: expiry needs it Running' });
  });
});

describe('renewal', () => {
  it('renewing a Running instance extends its period from the current expiry', () => {
    const past = running(1);
    given(past).when(renew(2, T0 + 1000)).then([{ type: 'HsmRenewed', instanceId: instanceId(1), months: 2, expiresAt: addMonths(expiresAt(past), 2), auto: false, at: T0 + 1000 }]);
  });

  it('renewing a Frozen instance unfreezes it, paid from now', () => {
    const now = T0 + 10 ** 11;
    const past = history(running(1), expire(now - 5));
    given(past).when(renew(1, now)).thenSucceeds((events, state) => {
      expect(events).toEqual([{ type: 'HsmRenewed', instanceId: instanceId(1), months: 1, expiresAt: addMonths(now, 1), auto: false, at: now }]);
      expect(state.instances.get(instanceId(1))).toMatchObject({ status: 'Running', expiresAt: addMonths(now, 1) });
    });
  });

  it.each([0, 13, 2.5])('a renewal of %p months is refused', (months) => {
    given(running(1)).when(renew(months, T0)).thenRefuses({ code: 'DHSM.0002', message: `period_num must be an integer 1..12, got ${months}` });
  });
});
