import { jest } from '@jest/globals';
import { MAX_PROBE_BYTES, PROBE_BYTES_PER_S, type InflightAnswer } from '@dew/messaging';
import { HeldRequests } from './held-requests.js';

const INBOX = '_INBOX.gateway.a.';
const question = (replies: string[]) => new TextEncoder().encode(JSON.stringify({ replies }));
const isBusy = (answer: InflightAnswer | undefined): boolean => answer !== undefined && 'busy' in answer;

describe('HeldRequests', () => {
  it('a probe is answered with the held requests of the asker\'s own inbox only', () => {
    const held = new HeldRequests();
    held.take(`${INBOX}1`);
    held.take('_INBOX.gateway.b.2');
    expect(held.answer(`${INBOX}probe`, question([`${INBOX}1`, `${INBOX}3`, '_INBOX.gateway.b.2']), 0)).toEqual({ held: [`${INBOX}1`] });
  });

  it('no answer to what is no question: not JSON, no list, or over MAX_PROBE_BYTES', () => {
    const held = new HeldRequests();
    expect(held.answer(`${INBOX}p`, new TextEncoder().encode('{'), 0)).toBeUndefined();
    expect(held.answer(`${INBOX}p`, new TextEncoder().encode('{"replies":"x"}'), 0)).toBeUndefined();
    expect(held.answer(`${INBOX}p`, new Uint8Array(MAX_PROBE_BYTES + 1), 0)).toBeUndefined();
  });

  it('past PROBE_BYTES_PER_S in one second, probes are answered busy unread; the next second they are read again', () => {
    const held = new HeldRequests();
    held.take(`${INBOX}1`);
    const big = question(Array.from({ length: 1000 }, (_, i) => `${INBOX}${'x'.repeat(200)}${i}`));
    let read = 0;
    while (read < 1_000 && !isBusy(held.answer(`${INBOX}p`, big, 5_000))) read += 1;
    expect(read).toBe(Math.floor(PROBE_BYTES_PER_S / big.length));
    expect(held.answer(`${INBOX}p`, big, 5_999)).toEqual({ busy: true });
    expect(held.answer(`${INBOX}p`, big, 6_000)).toEqual({ held: [] });
    expect(held.answer(`${INBOX}p`, question([`${INBOX}1`]), 6_000)).toEqual({ held: [`${INBOX}1`] });
  });

  it('a short probe is charged 1 KiB: a flood of tiny probes is bounded by count too', () => {
    const held = new HeldRequests();
    const tiny = question([]);
    let read = 0;
    while (read < 100_000 && !isBusy(held.answer(`${INBOX}p`, tiny, 0))) read += 1;
    expect(read).toBe(Math.floor(PROBE_BYTES_PER_S / 1024));
  });

  it('a reply subject taken twice (a caller reusing it) stays held until both are released', () => {
    const held = new HeldRequests();
    held.take(`${INBOX}1`);
    held.take(`${INBOX}1`);
    held.release(`${INBOX}1`);
    expect(held.answer(`${INBOX}p`, question([`${INBOX}1`]), 0)).toEqual({ held: [`${INBOX}1`] });
    held.release(`${INBOX}1`);
    expect(held.answer(`${INBOX}p`, question([`${INBOX}1`]), 0)).toEqual({ held: [] });
  });

  it('idle: at once with nothing held, when the last request is released, or false after the timeout', async () => {
    jest.useFakeTimers();
    try {
      const held = new HeldRequests();
      await expect(held.idle(10)).resolves.toBe(true);
      held.take('r1');
      held.take('r2');
      const released = held.idle(1_000);
      held.release('r1');
      held.release('r2');
      await expect(released).resolves.toBe(true);
      held.take('r3');
      const timedOut = held.idle(1_000);
      jest.advanceTimersByTime(1_000);
      await expect(timedOut).resolves.toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });
});
