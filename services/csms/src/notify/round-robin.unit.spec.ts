import { roundRobin } from './round-robin.js';

describe('roundRobin', () => {
  it('queues take turns, one item per queue at a time, never more than the concurrency in flight', async () => {
    const started: string[] = [];
    let inFlight = 0;
    let most = 0;
    const busy = new Set<string>();
    await roundRobin([['a1', 'a2', 'a3'], ['b1'], [], ['c1', 'c2']], 2, async (item) => {
      const queue = item[0] as string;
      expect(busy.has(queue)).toBe(false);
      busy.add(queue);
      started.push(item);
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      busy.delete(queue);
    });
    expect(started.slice(0, 3).sort()).toEqual(['a1', 'b1', 'c1']);
    expect(started.sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'c1', 'c2']);
    expect(most).toBe(2);
  });

  it('a failing item: the others still run, then the failure is rethrown', async () => {
    const ran: number[] = [];
    await expect(roundRobin([[1, 2], [3]], 1, async (n) => {
      ran.push(n);
      if (n === 1) throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(ran.sort()).toEqual([1, 2, 3]);
  });
});
