import { status } from '@grpc/grpc-js';
import { backoff, withRetries, type RetryPolicy } from './retry.js';

const policy: RetryPolicy = { attempts: 4, baseDelayMs: 50, maxDelayMs: 120 };
const failure = (code: status) => Object.assign(new Error(`status ${code}`), { code });

function run(outcomes: (status | 'ok')[]) {
  const slept: number[] = [];
  const seen: unknown[] = [];
  let calls = 0;
  const result = withRetries(policy, async () => {
    const o = outcomes[calls++] ?? 'ok';
    if (o === 'ok') return `ok after ${calls}`;
    throw failure(o);
  }, (e) => seen.push(e), async (ms) => { slept.push(ms); });
  return { result, slept, seen, calls: () => calls };
}

test('transient failures (UNAVAILABLE, CANCELLED) are retried until a call succeeds', async () => {
  const r = run([status.UNAVAILABLE, status.CANCELLED, 'ok']);
  expect(await r.result).toBe('ok after 3');
  expect(r.seen).toHaveLength(2);
  expect(r.slept).toHaveLength(2);
});

test('the retry bound: after `attempts` transient failures the last error is thrown, with no sleep after it', async () => {
  const r = run([status.UNAVAILABLE, status.UNAVAILABLE, status.UNAVAILABLE, status.CANCELLED, 'ok']);
  await expect(r.result).rejects.toMatchObject({ code: status.CANCELLED });
  expect(r.calls()).toBe(policy.attempts);
  expect(r.slept).toHaveLength(policy.attempts - 1);
});

test('a non-transient failure is thrown at once without retrying', async () => {
  const r = run([status.PERMISSION_DENIED, 'ok']);
  await expect(r.result).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
  expect(r.calls()).toBe(1);
  expect(r.slept).toEqual([]);
});

test('backoff delays grow exponentially from the base, jittered within the upper half, and are capped', () => {
  for (let i = 0; i < 200; i++) {
    const first = backoff(policy, 0);
    expect(first).toBeGreaterThanOrEqual(25);
    expect(first).toBeLessThanOrEqual(50);
    const capped = backoff(policy, 6);
    expect(capped).toBeGreaterThanOrEqual(60);
    expect(capped).toBeLessThanOrEqual(120);
  }
});
