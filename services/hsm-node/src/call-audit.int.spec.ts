import * as grpc from '@grpc/grpc-js';
import { codeOf, publicKeyPem as publicPem, startAdminFixture, type AdminFixture } from '../test/admin-fixture.js';
import { MAX_OUTSTANDING_CHALLENGES } from './api/admin-challenges.js';
import { RECORDED_PER_MINUTE, REFUSALS_PER_SOURCE_PER_MINUTE, UNVERIFIED_CALLER, UNVERIFIED_TEXT_CHARS } from './api/unproven-refusals.js';

// The audit trail of the appliance's calls (docs/hsm.md, "Traces"): nothing is done unrecorded, and
// what unverified callers make the node do and record is bounded.
let f: AdminFixture;

beforeAll(async () => {
  f = await startAdminFixture('audit1', 'app-audit');
}, 60_000);

afterAll(async () => {
  await f?.stop();
});
const recordsSince = (n: number) => f.hsm.calls.slice(n).map((c) => c.record);

test('GenerateKey and Unwrap with a 300-character label are refused INVALID_ARGUMENT naming the limit before any key is made, and the refusals are recorded', async () => {
  const keysBefore = (await f.client.listKeys()).length;
  const wrapping = await f.client.generateKey('AES_256', 'wrapping');
  const n = f.hsm.calls.length;
  const long = 'l'.repeat(300);
  const refusal = { code: grpc.status.INVALID_ARGUMENT, details: 'label must be at most 128 characters, got 300' };
  expect(await codeOf(f.client.generateKey('AES_256', long))).toEqual(refusal);
  expect(await codeOf(f.client.unwrap(wrapping.keyId, Buffer.alloc(40), 'AES_256', long))).toEqual(refusal);
  expect((await f.client.listKeys()).length).toBe(keysBefore + 1);
  expect(recordsSince(n).map((r) => [r.operation, r.code, r.message, r.caller])).toEqual([
    ['GenerateKey', grpc.status.INVALID_ARGUMENT, refusal.details, 'certificate app-audit'],
    ['Unwrap', grpc.status.INVALID_ARGUMENT, refusal.details, 'certificate app-audit'],
  ]);
});

test('GenerateKey of an unknown 5000-character key type is refused naming the accepted types and quoting 40 characters of it, and is recorded', async () => {
  const n = f.hsm.calls.length;
  const refused = await codeOf(f.client.generateKey('X'.repeat(5000), 'k'));
  expect(refused).toEqual({
    code: grpc.status.INVALID_ARGUMENT,
    details: `keyType must be one of AES_128, AES_256, EC_P256, EC_P384, RSA_2048, RSA_3072, ED25519; got "${'X'.repeat(40)}"… (5000 characters)`,
  });
  const [record] = recordsSince(n);
  expect(record).toMatchObject({ operation: 'GenerateKey', code: grpc.status.INVALID_ARGUMENT, message: (refused as { details: string }).details });
  // The control plane cut the request field the node sent: recorded, not refused.
  expect(record!.request['keyType']).toBe(`${'X'.repeat(255)}…`);
});

test('IssueCertificate with a 65-character common name is refused INVALID_ARGUMENT naming X.509\'s limit of 64', async () => {
  expect(await codeOf(f.admin.issueCertificate('c'.repeat(65), publicPem()))).toEqual({ code: grpc.status.INVALID_ARGUMENT, details: 'commonName must be at most 64 characters, got 65' });
  expect((await f.admin.issueCertificate('c'.repeat(64), publicPem())).serial).toMatch(/^[0-9a-f]+$/);
});

test('Wrap, a key export, is recorded as served with the key, the wrapping key and the application', async () => {
  const wrapping = await f.client.generateKey('AES_256', 'wraps');
  const key = await f.client.generateKey('AES_128', 'wrapped');
  const n = f.hsm.calls.length;
  await f.client.wrap(wrapping.keyId, key.keyId);
  expect(recordsSince(n)).toEqual([{
    operation: 'Wrap', resourceId: key.keyId, resourceName: '', code: 0, message: '', caller: 'certificate app-audit', sourceIp: expect.stringMatching(/^127\./), request: { wrappingKeyId: wrapping.keyId },
  }]);
});

test('an admin call refused after its UKey signature verified is recorded with the UKey as its caller', async () => {
  const n = f.hsm.calls.length;
  expect(await codeOf(f.admin.backupKey('0'.repeat(32)))).toMatchObject({ code: grpc.status.NOT_FOUND });
  expect(recordsSince(n)).toEqual([expect.objectContaining({ operation: 'BackupKey', code: grpc.status.NOT_FOUND, caller: expect.stringMatching(/^UKey SHA256:/) })]);
});

test(`a burst of 120 unsigned admin calls from one address: at most ${RECORDED_PER_MINUTE} are recorded a minute, their caller's text cut; after ${REFUSALS_PER_SOURCE_PER_MINUTE} refusals the address is refused RESOURCE_EXHAUSTED`, async () => {
  const n = f.hsm.calls.length;
  // Earlier refusals of unverified callers this minute (all recorded: fewer than the allowance) count too.
  const earlier = f.hsm.calls.filter((c) => c.record.caller === UNVERIFIED_CALLER).length;
  const codes: number[] = [];
  for (let i = 0; i < 120; i++) {
    const refused = await codeOf(f.admin.call('IssueCertificate', { commonName: `${i} ${'n'.repeat(1000)}`, publicKey: 'p' }));
    codes.push((refused as { code: number }).code);
  }
  const answered = REFUSALS_PER_SOURCE_PER_MINUTE - earlier;
  expect(codes.slice(0, answered)).toEqual(Array(answered).fill(grpc.status.INVALID_ARGUMENT));
  expect(codes.slice(answered)).toEqual(Array(120 - answered).fill(grpc.status.RESOURCE_EXHAUSTED));
  await new Promise((r) => setTimeout(r, 500));
  const recorded = recordsSince(n);
  expect(recorded.length).toBe(RECORDED_PER_MINUTE - earlier);
  expect(recorded.length).toBeGreaterThan(0);
  for (const r of recorded) {
    expect(r).toMatchObject({ operation: 'IssueCertificate', caller: UNVERIFIED_CALLER, code: grpc.status.INVALID_ARGUMENT });
    expect(r.resourceName.length).toBeLessThanOrEqual(UNVERIFIED_TEXT_CHARS + 1);
    expect(r.request['commonName']!.length).toBeLessThanOrEqual(UNVERIFIED_TEXT_CHARS + 1);
  }
});

test(`GetChallenge beyond ${MAX_OUTSTANDING_CHALLENGES} outstanding challenges is refused RESOURCE_EXHAUSTED naming the limit, and the node keeps its lease`, async () => {
  const since = Date.now();
  const codes: (number | 'served')[] = [];
  for (let i = 0; i < MAX_OUTSTANDING_CHALLENGES + 10; i++) {
    const r = await codeOf(f.admin.call('GetChallenge', {}));
    codes.push(r === 'served' ? r : (r as { code: number }).code);
  }
  // Challenges fetched by earlier tests' refused calls are still outstanding: a few.
  const served = codes.indexOf(grpc.status.RESOURCE_EXHAUSTED);
  expect(served).toBeGreaterThan(MAX_OUTSTANDING_CHALLENGES - 5);
  expect(codes.slice(0, served).every((c) => c === 'served')).toBe(true);
  expect(codes.slice(served).every((c) => c === grpc.status.RESOURCE_EXHAUSTED)).toBe(true);
  expect(await codeOf(f.admin.call('GetChallenge', {}))).toEqual({ code: grpc.status.RESOURCE_EXHAUSTED, details: expect.stringContaining(`${MAX_OUTSTANDING_CHALLENGES} challenges are outstanding`) });
  // Two lease TTLs later the node still serves as the active one.
  await new Promise((r) => setTimeout(r, 3000));
  expect(f.active.events.filter((e) => e.event === 'standby' && e.at >= since)).toEqual([]);
  expect(await f.client.health()).toMatchObject({ role: 'active' });
});
