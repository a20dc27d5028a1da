import { DewSystem, refusal, rememberSecret, type ApiCredentials, type SdkClient } from '@dew/testing';

// A disabled user or access key, or a detached policy, stops working within 1 s (README; IAM keeps
// unwrapped SKs in memory, docs/iam-security.md "Unwrapped SKs in memory"). Each case warms the
// caller's path with accepted requests, makes the change, then signs requests until one is refused:
// the delay from the change's answer to that refusal is recorded and must stay within 1 s.
const LIMIT_MS = 1000;

let dew: DewSystem;
let admin: SdkClient;

beforeAll(async () => {
  dew = await DewSystem.start();
  admin = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

interface Created { id: string }
interface Caller { userId: string; groupId: string; policyId: string; creds: ApiCredentials; client: SdkClient }

/** A user with an access key, in a group whose project policy allows listing keys. */
async function caller(name: string): Promise<Caller> {
  const user = await admin.call<{ user: Created }>('POST', '/v3/users', { user: { name } });
  expect(user.status).toBe(201);
  const key = await admin.call<{ credential: { access: string; secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: user.body.user.id } });
  expect(key.status).toBe(201);
  rememberSecret('secret-key', key.body.credential.secret);
  const policy = await admin.call<{ role: Created }>('POST', '/v3.0/OS-ROLE/roles', {
    role: { display_name: `${name}-list`, type: 'XA', description: '', policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:list'] }] } },
  });
  expect(policy.status).toBe(201);
  const group = await admin.call<{ group: Created }>('POST', '/v3/groups', { group: { name: `${name}-group` } });
  expect(group.status).toBe(201);
  expect((await admin.call('PUT', `/v3/projects/${dew.credentials.project_id}/groups/${group.body.group.id}/roles/${policy.body.role.id}`)).status).toBe(204);
  expect((await admin.call('PUT', `/v3/groups/${group.body.group.id}/users/${user.body.user.id}`)).status).toBe(204);
  const creds = { access: key.body.credential.access, secret: key.body.credential.secret, project_id: dew.credentials.project_id };
  return { userId: user.body.user.id, groupId: group.body.group.id, policyId: policy.body.role.id, creds, client: dew.client(creds) };
}

/** Accepted requests first, so every cache on the path holds this caller; then the change, then requests until one is refused. */
async function refusalDelayAfter(who: Caller, change: () => Promise<void>): Promise<{ delayMs: number; refused: { status: number; code: string | undefined } }> {
  for (let i = 0; i < 5; i++) expect((await who.client.kms('list-keys', {})).status).toBe(200);
  await change();
  const changedAt = performance.now();
  for (;;) {
    const res = await who.client.kms('list-keys', {});
    const delayMs = performance.now() - changedAt;
    if (res.status !== 200) return { delayMs, refused: refusal(res) };
    if (delayMs > LIMIT_MS) return { delayMs, refused: { status: 200, code: undefined } };
  }
}

it('access key set inactive: its next signed request is refused with 401 KMS.0302 within 1 s', async () => {
  const who = await caller('revoke-ak');
  const { delayMs, refused } = await refusalDelayAfter(who, async () => {
    expect((await admin.call('PUT', `/v3.0/OS-CREDENTIAL/credentials/${who.creds.access}`, { credential: { status: 'inactive' } })).status).toBe(200);
  });
  console.info(`access key disabled: refused after ${delayMs.toFixed(1)} ms`);
  expect(refused).toEqual({ status: 401, code: 'KMS.0302' });
  expect(delayMs).toBeLessThanOrEqual(LIMIT_MS);
});

it('user disabled: its access key\'s next signed request is refused with 401 KMS.0302 within 1 s', async () => {
  const who = await caller('revoke-user');
  const { delayMs, refused } = await refusalDelayAfter(who, async () => {
    expect((await admin.call('PATCH', `/v3/users/${who.userId}`, { user: { enabled: false } })).status).toBe(200);
  });
  console.info(`user disabled: refused after ${delayMs.toFixed(1)} ms`);
  expect(refused).toEqual({ status: 401, code: 'KMS.0302' });
  expect(delayMs).toBeLessThanOrEqual(LIMIT_MS);
});

it('the only allowing policy detached from the group: the next signed request is refused with 403 within 1 s', async () => {
  const who = await caller('revoke-policy');
  const { delayMs, refused } = await refusalDelayAfter(who, async () => {
    expect((await admin.call('DELETE', `/v3/projects/${dew.credentials.project_id}/groups/${who.groupId}/roles/${who.policyId}`)).status).toBe(204);
  });
  console.info(`policy detached: refused after ${delayMs.toFixed(1)} ms`);
  expect(refused.status).toBe(403);
  expect(delayMs).toBeLessThanOrEqual(LIMIT_MS);
});

it('after a flood of bogus signatures naming an idle access key (its SK then kept in IAM memory): the owner is answered 200, and setting the key inactive still refuses it within 1 s', async () => {
  const who = await caller('revoke-after-flood');
  const bogus = dew.client({ ...who.creds, secret: 'not-the-secret-key-of-this-access-key-00' });
  const flood = await Promise.all(Array.from({ length: 30 }, () => bogus.kms('list-keys', {})));
  expect(flood.map((res) => refusal(res).code).filter((code) => code !== 'KMS.0302' && code !== 'KMS.0304')).toEqual([]);
  const { delayMs, refused } = await refusalDelayAfter(who, async () => {
    expect((await admin.call('PUT', `/v3.0/OS-CREDENTIAL/credentials/${who.creds.access}`, { credential: { status: 'inactive' } })).status).toBe(200);
  });
  // The flood spent this source's failures for the key: the refusal is 401, or the limit's 429 while not yet refilled.
  expect([{ status: 401, code: 'KMS.0302' }, { status: 429, code: 'KMS.0304' }]).toContainEqual(refused);
  expect(delayMs).toBeLessThanOrEqual(LIMIT_MS);
});
