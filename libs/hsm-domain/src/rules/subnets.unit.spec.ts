import { freeAddresses, rangeForSubnet, validateSubnetHosts } from './subnets.js';
import { addMonths } from './months.js';

describe('subnet ranges', () => {
  it('a subnet id always maps to the same 127.x.y prefix, outside 127.0/16', () => {
    const a = rangeForSubnet('p', 'subnet-a', 253, new Set());
    expect(rangeForSubnet('p', 'subnet-a', 253, new Set())).toEqual(a);
    expect(a.prefix.startsWith('127.0.')).toBe(false);
  });

  it('a prefix another subnet holds is skipped', () => {
    const a = rangeForSubnet('p', 'subnet-a', 253, new Set());
    expect(rangeForSubnet('p', 'subnet-a', 253, new Set([a.prefix])).prefix).not.toBe(a.prefix);
  });

  it('free addresses start at .2 (.1 is the gateway) and skip those in use', () => {
    const subnet = { subnetId: 's', prefix: '127.9.9', hosts: 10 };
    expect(freeAddresses(subnet, new Set(['127.9.9.3']))).toEqual({ nodeA: '127.9.9.2', nodeB: '127.9.9.4', floating: '127.9.9.5' });
  });

  it('fewer than three free hosts give no allocation', () => {
    expect(freeAddresses({ subnetId: 's', prefix: '127.9.9', hosts: 4 }, new Set(['127.9.9.2', '127.9.9.5']))).toBeNull();
  });

  it.each([0, 254, 2.5])('a host count of %p is refused', (hosts) => {
    expect(() => validateSubnetHosts(hosts)).toThrow(/subnet hosts must be an integer 1\.\.253/);
  });
});

describe('month arithmetic', () => {
  it('31 January plus one month is the last day of February; plus twelve is the next 31 January', () => {
    const jan31 = Date.UTC(2026, 0, 31, 12);
    expect(new Date(addMonths(jan31, 1)).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(new Date(addMonths(jan31, 12)).toISOString()).toBe('2027-01-31T12:00:00.000Z');
  });
});
