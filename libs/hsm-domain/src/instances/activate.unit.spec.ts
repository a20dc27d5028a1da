import { T0, activation, allocation, creating, given, history, instanceId, purchase, running, stateAfter, toBeActivated } from '../fixtures.spec.js';
import { INSTALL_MS } from './decide.js';

const activatedAt = T0 + 1 + INSTALL_MS;

describe('activating an instance (H2)', () => {
  it('To be activated → Creating, with the name, type, network, a /24 of 127/8 for the subnet and the expiry a month on', () => {
    given(toBeActivated(1)).when(activation(1)).thenSucceeds((events, state) => {
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'HsmActivated', name: 'hsm-1', hsmType: 'Finance', vpcId: 'vpc-1', securityGroupId: 'sg-1', durationMonths: 1, autoRenew: false });
      // T0 + 1 ms + install time is on 31 January; a month on clamps to the last day of February.
      expect(new Date(state.instances.get(instanceId(1))?.expiresAt ?? 0).toISOString().slice(0, 10)).toBe('2026-02-28');
      expect(state.instances.get(instanceId(1))?.status).toBe('Creating');
      expect(state.subnets.get('subnet-1')?.prefix).toMatch(/^127\.([1-9]\d?|1\d\d|2[0-4]\d|25[0-4])\.\d{1,3}$/);
    });
  });

  it.each([
    ['name', { name: 'bad name' }, 'name may contain only letters, digits, underscores (_) and hyphens (-), got " " at position 4'],
    ['name', { name: 'x'.repeat(65) }, 'name must be 1..64 characters, got 65'],
    ['name', { name: '' }, 'name must be 1..64 characters, got 0'],
    ['hsm_type', { hsmType: 'Gaming' }, 'hsm_type must be one of Finance, Server, Signature server, got "Gaming"'],
    ['period_num', { durationMonths: 0 }, 'period_num must be an integer 1..12, got 0'],
    ['period_num', { durationMonths: 13 }, 'period_num must be an integer 1..12, got 13'],
    ['period_num', { durationMonths: 1.5 }, 'period_num must be an integer 1..12, got 1.5'],
    ['auto_renew', { autoRenew: 'yes' as unknown as boolean }, 'auto_renew must be true or false, got "yes"'],
    ['availability_zone', { az: '' }, 'availability_zone must be 1..64 characters, got 0'],
    ['vpc_id', { vpcId: 'vpc/1' }, 'vpc_id may contain only'],
    ['subnet_id', { subnetId: '' }, 'subnet_id must be 1..64 characters'],
    ['security_group_id', { securityGroupId: 'sg 1' }, 'security_group_id may contain only'],
  ])('a bad %s is refused naming the rule and the value', (_field, over, message) => {
    given(toBeActivated(1)).when(activation(1, over)).thenRefuses({ code: 'DHSM.0002', status: 400, message });
  });

  it('a name another instance of the project holds is refused with 409', () => {
    given(creating(1, {}, toBeActivated(2))).when(activation(2, { name: 'hsm-1' })).thenRefuses({ code: 'DHSM.0409', message: `instance name "hsm-1" is taken by instance ${instanceId(1)}` });
  });

  it('an Installing instance cannot be activated', () => {
    given(history([], purchase(1))).when(activation(1)).thenRefuses({ code: 'DHSM.0409', message: 'is Installing: activation needs it To be activated' });
  });

  it('a Creating instance cannot be activated twice', () => {
    given(creating(1)).when(activation(1)).thenRefuses({ code: 'DHSM.0409', message: 'is Creating: activation needs it To be activated' });
  });

  it('a new subnet skips the ranges other projects hold, even the one its id maps to (no address is shared across projects)', () => {
    const own = stateAfter(...creating(1)).subnets.get('subnet-1')?.prefix ?? '';
    // Another project already holds exactly the range this subnet id maps to.
    given(toBeActivated(1)).when(activation(1, { prefixesElsewhere: new Set([own]) })).thenSucceeds((_events, state) => {
      const prefix = state.subnets.get('subnet-1')?.prefix;
      expect(prefix).toMatch(/^127\.\d+\.\d+$/);
      expect(prefix).not.toBe(own);
    });
  });

  it('a second subnet of the project gets another range, and a subnet keeps its range for later instances', () => {
    const s = stateAfter(...creating(2, { subnetId: 'subnet-2' }, creating(1)));
    expect(s.subnets.get('subnet-1')?.prefix).not.toBe(s.subnets.get('subnet-2')?.prefix);
    const later = stateAfter(...creating(3, { subnetHosts: 5 }, creating(1)));
    expect(later.subnets.get('subnet-1')).toEqual(s.subnets.get('subnet-1'));
  });
});

describe('allocating nodes', () => {
  it('Creating → Running with three distinct addresses of the subnet: node A, node B, floating', () => {
    given(creating(1)).when(allocation(1)).thenSucceeds((events, state) => {
      const prefix = state.subnets.get('subnet-1')?.prefix;
      expect(events).toEqual([{ type: 'HsmNodesAllocated', instanceId: instanceId(1), subnetId: 'subnet-1', nodeA: `${prefix}.2`, nodeB: `${prefix}.3`, floating: `${prefix}.4`, at: activatedAt + 5 * 60_000 }]);
      expect(state.instances.get(instanceId(1))?.status).toBe('Running');
    });
  });

  it('a second instance in the subnet never gets an address the first holds', () => {
    const s = stateAfter(...running(2, {}, running(1)));
    const first = s.instances.get(instanceId(1))?.addresses;
    const second = s.instances.get(instanceId(2))?.addresses;
    expect(first && second).toBeTruthy();
    const all = [first?.nodeA, first?.nodeB, first?.floating, second?.nodeA, second?.nodeB, second?.floating];
    expect(new Set(all).size).toBe(6);
  });

  it('an exhausted subnet fails the creation naming the subnet, its range and the addresses in use', () => {
    const past = creating(2, {}, running(1, { subnetHosts: 5 }));
    given(past).when(allocation(2)).thenSucceeds((events, state) => {
      const prefix = state.subnets.get('subnet-1')?.prefix;
      expect(events).toEqual([{ type: 'HsmCreationFailed', instanceId: instanceId(2), cause: `no free addresses in subnet "subnet-1" (${prefix}.0/24): 3 of 5 usable addresses in use, 3 needed`, at: expect.any(Number) }]);
      expect(state.instances.get(instanceId(2))).toMatchObject({ status: 'Creation failed', addresses: null });
    });
  });

  it('addresses of a deleted instance are free again', () => {
    const past = history(running(1, { subnetHosts: 5 }), { type: 'DeleteHsmInstance', instanceId: instanceId(1), now: T0 + 10 ** 9 });
    given(creating(2, {}, past)).when(allocation(2, T0 + 2 * 10 ** 9)).thenSucceeds((events) => {
      expect(events[0]?.type).toBe('HsmNodesAllocated');
    });
  });

  it('before creation is due it is refused', () => {
    given(creating(1)).when(allocation(1, activatedAt)).thenRefuses({ code: 'DHSM.0409', message: 'allocating nodes is not due before' });
  });

  it('a Running instance is not allocated again', () => {
    given(running(1)).when(allocation(1)).thenRefuses({ code: 'DHSM.0409', message: 'is Running: allocating nodes needs it Creating' });
  });
});

describe('failing a creation', () => {
  it('a Running instance whose nodes did not start fails with the cause and gives up its addresses', () => {
    given(running(1)).when({ type: 'FailHsmCreation', instanceId: instanceId(1), cause: 'node A exited with code 1', now: T0 + 10 ** 8 }).thenSucceeds((_events, state) => {
      expect(state.instances.get(instanceId(1))).toMatchObject({ status: 'Creation failed', failureCause: 'node A exited with code 1', addresses: null });
    });
  });

  it('a failed instance can only be deleted: activating, allocating and renewing it are refused', () => {
    const failed = history(creating(2, {}, running(1, { subnetHosts: 5 })), allocation(2));
    given(failed).when(activation(2)).thenRefuses({ code: 'DHSM.0409', message: 'is Creation failed' });
    given(failed).when(allocation(2)).thenRefuses({ code: 'DHSM.0409', message: 'is Creation failed' });
    given(failed).when({ type: 'RenewHsmInstance', instanceId: instanceId(2), months: 1, now: T0 + 10 ** 9 }).thenRefuses({ code: 'DHSM.0409', message: 'is Creation failed' });
    given(failed).when({ type: 'DeleteHsmInstance', instanceId: instanceId(2), now: T0 + 10 ** 9 }).then([
      { type: 'HsmDeleted', instanceId: instanceId(2), name: 'hsm-2', addresses: null, at: T0 + 10 ** 9 },
    ]);
  });
});

describe('deleting an instance', () => {
  it('a Running instance is deleted with its addresses, for its nodes to be stopped', () => {
    given(running(1)).when({ type: 'DeleteHsmInstance', instanceId: instanceId(1), now: T0 + 10 ** 9 }).thenSucceeds((events, state) => {
      expect(events[0]).toMatchObject({ type: 'HsmDeleted', addresses: stateAfter(...running(1)).instances.get(instanceId(1))?.addresses });
      expect(state.instances.size).toBe(0);
    });
  });

  it.each([
    ['Installing', history([], purchase(1))],
    ['Creating', creating(1)],
  ])('an instance %s (work under way) cannot be deleted', (status, past) => {
    given(past).when({ type: 'DeleteHsmInstance', instanceId: instanceId(1), now: T0 + 10 ** 9 }).thenRefuses({ code: 'DHSM.0409', message: `is ${status}: deletion needs it` });
  });

  it('an unknown instance is refused with 404', () => {
    given([]).when({ type: 'DeleteHsmInstance', instanceId: instanceId(1), now: T0 }).thenRefuses({ code: 'DHSM.0404' });
  });
});
