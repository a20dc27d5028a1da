import { status } from '@grpc/grpc-js';
import type { CallRecord } from '@dew/hsm-control';
import { RECORDED_PER_MINUTE, REFUSALS_PER_SOURCE_PER_MINUTE, REFUSALS_SUMMARY, UNVERIFIED_CALLER, UnprovenRefusals } from './unproven-refusals.js';

const refusal = (operation: string, sourceIp = '127.0.0.1'): CallRecord => ({
  operation, resourceId: 'r'.repeat(500), resourceName: 'n'.repeat(500), code: status.UNAUTHENTICATED, message: 'm'.repeat(2000), caller: UNVERIFIED_CALLER, sourceIp, request: { commonName: 'c'.repeat(500) },
});

function setup() {
  let now = Date.parse('2024-05-01T10:00:00Z');
  const stored: CallRecord[] = [];
  let failing = false;
  const refusals = new UnprovenRefusals(async (r) => {
    if (failing) throw new Error('the audit trail is down');
    stored.push(r);
  }, 'inst1', () => now);
  return { refusals, stored, advance: (ms: number) => { now += ms; }, fail: (f: boolean) => { failing = f; } };
}

test(`refusals of unverified callers: the minute's first ${RECORDED_PER_MINUTE} are stored with their text cut, the rest counted into one summary at the minute's end`, async () => {
  const { refusals, stored, advance } = setup();
  for (let i = 0; i < 30; i++) await refusals.refused(refusal(i % 2 ? 'IssueCertificate' : 'BackupKey', `127.0.0.${i % 3}`));
  expect(stored).toHaveLength(RECORDED_PER_MINUTE);
  expect(stored[0]).toMatchObject({ resourceId: `${'r'.repeat(64)}…`, resourceName: `${'n'.repeat(64)}…`, message: `${'m'.repeat(256)}…`, request: { commonName: `${'c'.repeat(64)}…` } });
  advance(60_000);
  refusals.admit('127.0.0.9');
  await new Promise((r) => setImmediate(r));
  expect(stored.slice(RECORDED_PER_MINUTE)).toEqual([{
    operation: REFUSALS_SUMMARY, resourceId: 'inst1', resourceName: 'inst1', code: status.UNAUTHENTICATED, caller: UNVERIFIED_CALLER, sourceIp: expect.stringMatching(/^127\.0\.0\.[012]$/),
    message: '10 more admin calls of unverified callers were refused from 2024-05-01T10:00:00.000Z to 2024-05-01T10:01:00.000Z, counted, not recorded one by one',
    request: { count: '10', from: '2024-05-01T10:00:00.000Z', to: '2024-05-01T10:01:00.000Z', BackupKey: '5', IssueCertificate: '5' },
  }]);
});

test('a summary that could not be stored is counted into the next one', async () => {
  const { refusals, stored, advance, fail } = setup();
  for (let i = 0; i < RECORDED_PER_MINUTE + 3; i++) await refusals.refused(refusal('Initialize', `127.0.1.${i}`));
  fail(true);
  advance(60_000);
  refusals.admit('127.0.0.9');
  await new Promise((r) => setImmediate(r));
  fail(false);
  for (let i = 0; i < RECORDED_PER_MINUTE + 2; i++) await refusals.refused(refusal('Initialize', `127.0.2.${i}`));
  advance(60_000);
  refusals.admit('127.0.0.9');
  await new Promise((r) => setImmediate(r));
  const summaries = stored.filter((r) => r.operation === REFUSALS_SUMMARY);
  expect(summaries.map((r) => r.request)).toEqual([{ count: '5', from: '2024-05-01T10:00:00.000Z', to: '2024-05-01T10:02:00.000Z', Initialize: '5' }]);
});

test(`a source address with ${REFUSALS_PER_SOURCE_PER_MINUTE} refusals in a minute is refused RESOURCE_EXHAUSTED until the minute ends; other addresses are not`, async () => {
  const { refusals, advance } = setup();
  for (let i = 0; i < REFUSALS_PER_SOURCE_PER_MINUTE; i++) {
    refusals.admit('127.0.0.5');
    await refusals.refused(refusal('GetCryptoUserPin', '127.0.0.5'));
  }
  expect(() => refusals.admit('127.0.0.5')).toThrow(expect.objectContaining({ code: status.RESOURCE_EXHAUSTED, message: expect.stringContaining(`${REFUSALS_PER_SOURCE_PER_MINUTE} admin calls from this address were refused within a minute`) }));
  expect(() => refusals.admit('127.0.0.6')).not.toThrow();
  advance(60_000);
  expect(() => refusals.admit('127.0.0.5')).not.toThrow();
});
