import { CREATION_MS, INSTALL_MS } from '../instances/decide.js';
import { T0, creating, history, instanceId, purchase, running, stateAfter } from '../fixtures.spec.js';
import { dueSteps } from './due-steps.js';

describe('the scheduler’s due steps', () => {
  it('nothing is due before the install time; at it the install completes', () => {
    const s = stateAfter(...history([], purchase(1)));
    expect(dueSteps(s, T0 + INSTALL_MS)).toEqual([]);
    expect(dueSteps(s, T0 + 1 + INSTALL_MS)).toEqual([{ type: 'CompleteHsmInstall', instanceId: instanceId(1), now: T0 + 1 + INSTALL_MS }]);
  });

  it('a Creating instance is due for allocation once the creation time has passed', () => {
    const s = stateAfter(...creating(1));
    const activated = s.instances.get(instanceId(1))?.activation?.activatedAt ?? NaN;
    expect(dueSteps(s, activated + CREATION_MS - 1)).toEqual([]);
    expect(dueSteps(s, activated + CREATION_MS)).toEqual([{ type: 'AllocateHsmNodes', instanceId: instanceId(1), now: activated + CREATION_MS }]);
  });

  it('a Running instance is due for expiry at its expiry time', () => {
    const s = stateAfter(...running(1));
    const end = s.instances.get(instanceId(1))?.expiresAt ?? NaN;
    expect(dueSteps(s, end - 1)).toEqual([]);
    expect(dueSteps(s, end)).toEqual([{ type: 'ExpireHsmInstance', instanceId: instanceId(1), now: end }]);
  });
});
