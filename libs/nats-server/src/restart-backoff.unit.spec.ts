import { RestartBackoff } from './restart-backoff.js';

describe('RestartBackoff', () => {
  it('a first exit waits the base delay; each exit within the window doubles it up to the maximum', () => {
    const b = new RestartBackoff(1_000, 8_000, 60_000);
    expect([0, 1, 2, 3, 4, 5].map((i) => b.next('i/a', i * 100))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(b.recent('i/a', 600)).toBe(6);
  });

  it('exits older than the window no longer count, and nodes are counted apart', () => {
    const b = new RestartBackoff(1_000, 30_000, 60_000);
    b.next('i/a', 0);
    b.next('i/a', 1_000);
    expect(b.next('i/b', 1_000)).toBe(1_000);
    expect(b.next('i/a', 70_000)).toBe(1_000);
  });

  it('a forgotten node starts from the base delay', () => {
    const b = new RestartBackoff();
    b.next('i/a', 0);
    b.forget('i/a');
    expect(b.next('i/a', 10)).toBe(1_000);
  });
});
