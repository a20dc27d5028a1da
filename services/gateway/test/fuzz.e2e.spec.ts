import { randomUUID } from 'node:crypto';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { OPERATIONS } from '@dew/contracts';
import { kvBuckets, PROVISIONED_STREAMS, streams } from '@dew/messaging';
import { DewSystem, rememberSecret, type SdkClient } from '@dew/testing';
import { answerProblems, FuzzRequest, fuzzFailure, fuzzOperation, fuzzRunFromEnv, sendSigned, type FuzzFixtureName, type FuzzTarget, type StreamPositions } from '@dew/testing/fuzz';

// A seeded, bounded fuzz run of every route of the operation table (docs/input-limits.md,
// "Fuzzing"). CI runs this size; `make fuzz` runs more (DEW_FUZZ_RUNS, DEW_FUZZ_SEED).
const RUN = fuzzRunFromEnv({ seed: 20261130, numRuns: 30 });
const ROUTED = OPERATIONS.filter((o) => o.http);
/**
 * Every stream a refusal must leave where it was: the event streams, the keyrings, the root key
 * ring and the HSM mirror. Left out: AUDIT (it records refusals by design), the lease and node
 * state buckets (they move with time, not with requests) and IAM_SIGNATURES (a signature that
 * verified is spent whatever its body: docs/architecture.md, KV `IAM_SIGNATURES`).
 */
const MOVED_WITHOUT_REQUESTS = [streams.audit.name, ...[kvBuckets.kmsLeases, kvBuckets.hsmLease, kvBuckets.hsmState, kvBuckets.iamSignatures].map((b) => `KV_${b.name}`)];
const PROBED_STREAMS = PROVISIONED_STREAMS.filter((s) => !MOVED_WITHOUT_REQUESTS.includes(s));

let dew: DewSystem;
let admin: SdkClient;
let jsm: JetStreamManager;
let target: FuzzTarget;
let fixtures: Record<FuzzFixtureName, string>;
let restartsAtStart: Record<string, number>;

async function created<T>(what: string, call: Promise<{ status: number; body: T }>): Promise<T> {
  const res = await call;
  if (res.status >= 300) throw new Error(`fixture ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Real resources for the path parameters, so most requests reach validation and the service. */
async function makeFixtures(): Promise<Record<FuzzFixtureName, string>> {
  const { project_id, domain_id } = dew.credentials;
  const key = await created('key', admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'fuzz-key' }));
  const other = await created('second key', admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'fuzz-destination' }));
  const secret = await created('secret', admin.call<{ secret: { id: string; name: string } }>('POST', '/v1/{project_id}/secrets', { name: 'fuzz-secret', secret_string: 'fuzz' }));
  const keypair = await created('key pair', admin.call<{ keypair: { name: string } }>('POST', '/v3/{project_id}/keypairs', { keypair: { name: 'fuzz-keypair' } }));
  const user = await created('user', admin.call<{ user: { id: string } }>('POST', '/v3/users', { user: { name: 'fuzz-user', domain_id } }));
  const group = await created('group', admin.call<{ group: { id: string } }>('POST', '/v3/groups', { group: { name: 'fuzz-group' } }));
  const policy = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:list'] }] };
  const role = await created('policy', admin.call<{ role: { id: string } }>('POST', '/v3.0/OS-ROLE/roles', { role: { display_name: 'fuzz-policy', type: 'XA', description: '', policy } }));
  const ak = await created('access key', admin.call<{ credential: { access: string; secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: user.user.id } }));
  rememberSecret('secret-key', ak.credential.secret);
  return {
    project_id, domain_id, key_id: key.key_info.key_id, destination_key_id: other.key_info.key_id, target_key_id: key.key_info.key_id,
    keystore_id: randomUUID(), tag_key: 'fuzz-tag', secret_name: secret.secret.name, secret_id: secret.secret.id, version_id: 'v1', stage_name: 'SYSCURRENT',
    event_name: 'fuzz-event', keypair_name: keypair.keypair.name, task_id: randomUUID(), server_id: randomUUID(), instance_id: randomUUID(),
    user_id: user.user.id, group_id: group.group.id, role_id: role.role.id, access_key: ak.credential.access,
  };
}

/** The last sequence of every probed stream, read with the backup user (stream info on every provisioned stream). */
async function positions(): Promise<StreamPositions> {
  const infos = await Promise.all(PROBED_STREAMS.map((s) => jsm.streams.info(s)));
  return Object.fromEntries(infos.map((i) => [i.config.name, i.state.last_seq]));
}

interface Readiness { ready: boolean; services: Record<string, string>; restarts: Record<string, number> }
async function readiness(): Promise<Readiness> {
  return (await fetch(`${dew.endpoint}/ready`)).json() as Promise<Readiness>;
}

beforeAll(async () => {
  dew = await DewSystem.start();
  admin = dew.client();
  jsm = await jetstreamManager(await dew.connectNats('backup'));
  target = { endpoint: dew.endpoint, credentials: dew.credentials };
  fixtures = await makeFixtures();
  restartsAtStart = (await readiness()).restarts;
});
afterAll(async () => {
  await dew?.stop();
});

describe(`fuzzing every route (seed ${RUN.seed}, ${RUN.numRuns} requests each)`, () => {
  it.each(ROUTED.map((o) => [o.name, o] as const))('%s: no 5xx, refusals in its family, no stream moved by a refusal (events, keyrings, root key ring, HSM mirror), the system still answers', async (_name, op) => {
    const details = await fuzzOperation(target, op, fixtures, positions, RUN);
    expect(fuzzFailure(details)).toBeUndefined();
    const after = await readiness();
    expect(after).toMatchObject({ ready: true, restarts: restartsAtStart });
  });
});

describe('what the fuzzer found (regressions)', () => {
  const send = (method: string, path: string, body = '') => sendSigned(target, new FuzzRequest(method, path, body));
  const codeOf = (json: unknown) => {
    const body = json as { error_code?: string; error?: { error_code?: string } };
    return body.error?.error_code ?? body.error_code;
  };

  it('a path that does not decode to UTF-8 (%C0%AF) answers 400 in the path\'s family, not Fastify\'s body', async () => {
    const res = await send('GET', `/v1/${fixtures.project_id}/secrets/%C0%AF`);
    expect({ status: res.status, code: codeOf(res.json), problems: answerProblems('csms', 'GET', res) }).toEqual({ status: 400, code: 'CSMS.0004', problems: [] });
    expect(res.text).toContain('not valid percent-encoded UTF-8');
  });

  it('a tag key of 128 characters in the path reaches its route (the router read 100 at most: "no API", 404 KMS.0201)', async () => {
    const res = await send('DELETE', `/v1.0/${fixtures.project_id}/kms/${fixtures.key_id}/tags/${'t'.repeat(128)}`);
    expect(answerProblems('kms', 'DELETE', res)).toEqual([]);
    expect(codeOf(res.json)).not.toBe('KMS.0201');
  });

  it('a request line over 16 KiB answers 431 in the path\'s family (IAM\'s Keystone shape), and HEAD gets no body', async () => {
    const long = `/v3/users?name=${'n'.repeat(20_000)}`;
    const res = await send('GET', long);
    expect({ status: res.status, code: codeOf(res.json), problems: answerProblems('iam', 'GET', res) }).toEqual({ status: 431, code: 'IAM.0001', problems: [] });
    expect(await send('HEAD', `/v3/groups/${fixtures.group_id}/users/${fixtures.user_id}?x=${'x'.repeat(20_000)}`)).toMatchObject({ status: 431, text: '' });
  });

  it('a KMS key_id of 1 MiB (the body within the limit) answers 400 KMS.0205, not IAM\'s size refusal IAM.0001', async () => {
    const before = await positions();
    const res = await send('POST', `/v1.0/${fixtures.project_id}/kms/describe-key`, `{"key_id":"${'k'.repeat(1024 * 1024 - 20)}"}`);
    expect({ status: res.status, code: codeOf(res.json), problems: answerProblems('kms', 'POST', res) }).toEqual({ status: 400, code: 'KMS.0205', problems: [] });
    expect(await positions()).toEqual(before);
  });

  it('update-keypair with a new description and an upgrade of an account pair answers 409 KPS.0409 and changes nothing (the description was appended before the refusal)', async () => {
    const pair = await created('regression pair', admin.call<{ keypair: { name: string } }>('POST', '/v3/{project_id}/keypairs', { keypair: { name: 'fuzz-atomic-update', scope: 'domain' } }));
    const before = await positions();
    const res = await send('PUT', `/v3/${fixtures.project_id}/keypairs/${pair.keypair.name}`, '{"keypair":{"description":"changed","scope":"domain"}}');
    expect({ status: res.status, code: codeOf(res.json), problems: answerProblems('kps', 'PUT', res) }).toEqual({ status: 409, code: 'KPS.0409', problems: [] });
    expect(await positions()).toEqual(before);
    expect((await admin.call<{ keypair: { description: string } }>('GET', `/v3/{project_id}/keypairs/${pair.keypair.name}`)).body.keypair.description).toBe('');
  });

  it('create-access-key with "credential": [] answers 400 IAM.0001 naming the field, not 500', async () => {
    const res = await send('POST', '/v3.0/OS-CREDENTIAL/credentials', '{"credential":[]}');
    expect({ status: res.status, code: codeOf(res.json), problems: answerProblems('iam', 'POST', res) }).toEqual({ status: 400, code: 'IAM.0001', problems: [] });
    expect(res.text).toContain('credential: must be a JSON object');
  });
});
