import { jest } from '@jest/globals';
import { Freshness } from './freshness.js';

/** A catch-up the test finishes by hand, answering whether it applied anything. */
function manualCatchUp() {
  const runs: Array<(applied: boolean) => void> = [];
  return { runs, catchUp: () => new Promise<boolean>((resolve) => runs.push(resolve)) };
}

describe('Freshness', () => {
  it('no stream folded: inactive, and catching up answers "current" at once', async () => {
    const f = new Freshness();
    expect(f.active).toBe(false);
    await expect(f.catchUp()).resolves.toBe('current');
  });

  it('with a position taken before the handler looked: something applied since then by another caller\'s catch-up counts as applied, though this catch-up applied nothing', async () => {
    const f = new Freshness();
    let handled = 57;
    f.add(async () => false, () => handled);
    const since = f.position();
    // Another caller's catch-up applies messages 58 to 61 before this one reads the stream's end.
    handled = 61;
    await expect(f.catchUp(since)).resolves.toBe('applied');
    await expect(f.catchUp(f.position())).resolves.toBe('current');
    await expect(f.catchUp()).resolves.toBe('current');
  });

  it('answers whether any stream applied something new', async () => {
    const f = new Freshness();
    f.add(async () => false);
    f.add(async () => true);
    await expect(f.catchUp()).resolves.toBe('applied');
    const g = new Freshness();
    g.add(async () => false);
    await expect(g.catchUp()).resolves.toBe('current');
  });

  it('callers arriving while a catch-up runs share one follow-up run (it reads the streams after they arrived): two runs, not one per caller', async () => {
    const f = new Freshness();
    const m = manualCatchUp();
    f.add(m.catchUp);
    const first = f.catchUp();
    const joiners = [f.catchUp(), f.catchUp(), f.catchUp()];
    expect(m.runs.length).toBe(1);
    m.runs[0]!(false);
    await expect(first).resolves.toBe('current');
    await Promise.resolve();
    expect(m.runs.length).toBe(2);
    m.runs[1]!(true);
    await expect(Promise.all(joiners)).resolves.toEqual(['applied', 'applied', 'applied']);
    const later = f.catchUp();
    expect(m.runs.length).toBe(3);
    m.runs[2]!(false);
    await expect(later).resolves.toBe('current');
  });

  it('a stream that cannot be asked does not fail the caller: "unknown", even when another applied something', async () => {
    const f = new Freshness();
    f.add(() => Promise.reject(new Error('node down')));
    f.add(async () => true);
    await expect(f.catchUp()).resolves.toBe('unknown');
  });

  it('a stream that never answers is given up after the bound, as "unknown"', async () => {
    jest.useFakeTimers();
    try {
      const f = new Freshness();
      f.add(async () => false);
      f.add(() => new Promise<boolean>(() => undefined));
      const done = f.catchUp();
      await jest.advanceTimersByTimeAsync(2000);
      await expect(done).resolves.toBe('unknown');
    } finally {
      jest.useRealTimers();
    }
  });
});
