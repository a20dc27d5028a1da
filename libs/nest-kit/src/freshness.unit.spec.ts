import { jest } from '@jest/globals';
import { Freshness } from './freshness.js';

describe('Freshness', () => {
  it('no stream folded: inactive, and catching up resolves at once', async () => {
    const f = new Freshness();
    expect(f.active).toBe(false);
    await expect(f.catchUp()).resolves.toBeUndefined();
  });

  it('concurrent callers share one catch-up of every stream; a later call runs a new one', async () => {
    const f = new Freshness();
    let runs = 0;
    let release!: () => void;
    f.add(() => {
      runs++;
      return new Promise<void>((resolve) => (release = resolve));
    });
    const both = Promise.all([f.catchUp(), f.catchUp(), f.catchUp()]);
    expect(runs).toBe(1);
    release();
    await both;
    const next = f.catchUp();
    expect(runs).toBe(2);
    release();
    await next;
  });

  it('a stream that cannot be asked does not fail the caller; one that never answers is given up after the bound', async () => {
    jest.useFakeTimers();
    try {
      const f = new Freshness();
      f.add(() => Promise.reject(new Error('node down')));
      f.add(() => new Promise<void>(() => undefined));
      const done = f.catchUp();
      await jest.advanceTimersByTimeAsync(2000);
      await expect(done).resolves.toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });
});
