import { BUSY_BATCH, BUSY_WINDOW_MS, CommitWindow, QUIET_WINDOW_MS } from './commit-window.js';

describe('CommitWindow: when a stream\'s pending traces are written', () => {
  it('a stream at rest writes a record within the quiet window', () => {
    expect(new CommitWindow().windowMs).toBe(QUIET_WINDOW_MS);
  });

  it('after a transaction of a busy stream the window is the longer one; a small transaction brings the quiet window back', () => {
    const window = new CommitWindow();
    window.committed(BUSY_BATCH);
    expect(window.windowMs).toBe(BUSY_WINDOW_MS);
    window.committed(BUSY_BATCH + 200);
    expect(window.windowMs).toBe(BUSY_WINDOW_MS);
    window.committed(BUSY_BATCH - 1);
    expect(window.windowMs).toBe(QUIET_WINDOW_MS);
  });

  it('the busy window stays short enough for a record to be queryable within a fraction of a second', () => {
    expect(BUSY_WINDOW_MS).toBeLessThanOrEqual(250);
    expect(QUIET_WINDOW_MS).toBeLessThan(BUSY_WINDOW_MS);
  });

  it('a backlog writes at once, in transactions as big as the backlog between 500 and 2000 messages', () => {
    const window = new CommitWindow();
    expect(window.full(499, 0)).toBe(false);
    expect(window.full(500, 0)).toBe(true);
    expect(window.full(999, 1000)).toBe(false);
    expect(window.full(1000, 1000)).toBe(true);
    expect(window.full(1999, 50_000)).toBe(false);
    expect(window.full(2000, 50_000)).toBe(true);
  });
});
