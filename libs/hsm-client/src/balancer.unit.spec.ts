import { Balancer } from './balancer.js';

const targets = [{ name: 'i1' }, { name: 'i2' }, { name: 'i3' }];

function balancerAt(start: number) {
  const clock = { now: start };
  return { clock, balancer: new Balancer(targets, 1000, () => clock.now) };
}

const names = (b: Balancer<{ name: string }>, n: number) => Array.from({ length: n }, () => b.pick().name);

test('picks go round-robin over every instance when none failed', () => {
  const { balancer } = balancerAt(0);
  expect(names(balancer, 7)).toEqual(['i1', 'i2', 'i3', 'i1', 'i2', 'i3', 'i1']);
});

test('an instance marked down is skipped until its cooldown ends, then picked again in turn', () => {
  const { clock, balancer } = balancerAt(0);
  balancer.markDown(targets[1]!);
  expect(names(balancer, 4)).toEqual(['i1', 'i3', 'i1', 'i3']);
  clock.now = 999;
  expect(names(balancer, 2)).toEqual(['i1', 'i3']);
  clock.now = 1000;
  expect(names(balancer, 3)).toEqual(['i1', 'i2', 'i3']);
});

test('when every instance is cooling down, the one that failed longest ago is picked', () => {
  const { clock, balancer } = balancerAt(0);
  balancer.markDown(targets[2]!);
  clock.now = 10;
  balancer.markDown(targets[0]!);
  clock.now = 20;
  balancer.markDown(targets[1]!);
  expect(names(balancer, 2)).toEqual(['i3', 'i3']);
});

test('a pinned pick returns the named instance even while it cools down, and an unknown name throws', () => {
  const { balancer } = balancerAt(0);
  balancer.markDown(targets[0]!);
  expect(balancer.pick('i1').name).toBe('i1');
  expect(() => balancer.pick('nope')).toThrow('no HSM instance named nope');
});

test('a balancer without targets cannot be built', () => {
  expect(() => new Balancer([], 1000)).toThrow('at least one target');
});
