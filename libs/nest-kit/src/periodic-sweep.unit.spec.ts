import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import { PeriodicSweep } from './periodic-sweep.js';

class SlowSweep extends PeriodicSweep {
  readonly passes: number[] = [];
  release: () => void = () => undefined;
  constructor() {
    super({ onTick: () => undefined, now: () => 0 } as unknown as Clock, { error: () => undefined } as unknown as Logger, 1000, 'slow');
  }
  protected sweepOnce(now: number): Promise<void> {
    this.passes.push(now);
    return new Promise((r) => (this.release = r));
  }
}

describe('PeriodicSweep', () => {
  it('sweeps asked for while a pass runs: no overlap, one follow-up pass at the latest time, shared by every caller', async () => {
    const s = new SlowSweep();
    const first = s.sweep(1);
    const asked = [2, 5, 3].map((n) => s.sweep(n));
    expect(s.passes).toEqual([1]);
    s.release();
    await first;
    await new Promise((r) => setImmediate(r));
    expect(s.passes).toEqual([1, 5]);
    s.release();
    await Promise.all(asked);
    expect(s.passes).toEqual([1, 5]);
    const after = s.sweep(7);
    expect(s.passes).toEqual([1, 5, 7]);
    s.release();
    await after;
  });
});
