import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DewSystem, marker, rawSignedRequest, refusal, rememberSecret, tokenRequest, type ApiCredentials, type SdkClient } from '@dew/testing';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../../deploy/local/dist/cli.js', import.meta.url));
const HOUR = 3_600_000;

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

async function systemPolicyId(displayName: string): Promise<string> {
  const res = await admin.call<{ roles: { id: string; display_name: string }[] }>('GET', `/v3/roles?display_name=${encodeURIComponent(displayName)}`);
  expect(res.status).toBe(200);
  const id = res.body.roles[0]?.id;
  if (!id) throw new Error(`no system policy ${displayName}`);
  return id;
}

async function createUser(name: string, password?: string): Promise<string> {
  const res = await admin.call<{ user: Created }>('POST', '/v3/users', { user: { name, domain_id: dew.credentials.domain_id, ...(password ? { password } : {}) } });
  expect(res.status).toBe(201);
  return res.body.user.id;
}

async function createGroup(name: string): Promise<string> {
  const res = await admin.call<{ group: Created }>('POST', '/v3/groups', { group: { name } });
  expect(res.status).toBe(201);
  return res.body.group.id;
}

async function accessKeyFor(userId: string): Promise<ApiCredentials> {
  const res = await admin.call<{ credential: { access: string; secret: string; status: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: userId } });
  expect(res.status).toBe(201);
  expect(res.body.credential.status).toBe('active');
  // Shown once to the caller, kept only wrapped: the scan after the suite looks for it everywhere.
  rememberSecret('secret-key', res.body.credential.secret);
  return { access: res.body.credential.access, secret: res.body.credential.secret, project_id: dew.credentials.project_id };
}

async function attach(groupId: string, policyId: string): Promise<void> {
  const res = await admin.call('PUT', `/v3/projects/${dew.credentials.project_id}/groups/${groupId}/roles/${policyId}`);
  expect(res.status).toBe(204);
}

describe('the Huawei user-guide example: a user in a group holding KMS CMKFullAccess', () => {
  let alice: SdkClient;
  let groupId: string;

  beforeAll(async () => {
    groupId = await createGroup('kms-full');
    await attach(groupId, await systemPolicyId('KMS CMKFullAccess'));
    const aliceId = await createUser('alice', marker('password'));
    expect((await admin.call('PUT', `/v3/groups/${groupId}/users/${aliceId}`)).status).toBe(204);
    alice = dew.client(await accessKeyFor(aliceId));
  });

  it('creates and describes keys, and is refused on a KPS and a CSMS route with the action named', async () => {
    const created = await alice.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'alice-key' });
    expect(created.status).toBe(200);
    expect((await alice.kms('describe-key', { key_id: created.body.key_info.key_id })).status).toBe(200);
    const kps = await alice.call('GET', '/v3/{project_id}/keypairs');
    expect(refusal(kps)).toEqual({ status: 403, code: 'KPS.0403' });
    expect(kps.errorMsg).toContain('kps:domainKeypairs:list');
    const csms = await alice.call('GET', '/v1/{project_id}/secrets');
    expect(refusal(csms)).toEqual({ status: 403, code: 'CSMS.0403' });
  });

  it('after a custom Deny kms:cmk:disable is attached to the group: disable is refused, create and describe still work', async () => {
    const keyId = (await alice.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'alice-key-2' })).body.key_info.key_id;
    const policy = await admin.call<{ role: { id: string; policy: unknown } }>('POST', '/v3.0/OS-ROLE/roles', {
      role: { display_name: 'deny-disable', type: 'XA', description: 'no disabling keys', policy: { Version: '1.1', Statement: [{ Effect: 'Deny', Action: ['kms:cmk:disable'] }] } },
    });
    expect(policy.status).toBe(201);
    await attach(groupId, policy.body.role.id);

    const disabled = await alice.kms('disable-key', { key_id: keyId });
    expect(refusal(disabled)).toEqual({ status: 403, code: 'KMS.0307' });
    expect(disabled.errorMsg).toContain('kms:cmk:disable');
    expect((await alice.kms('create-key', { key_alias: 'alice-key-3' })).status).toBe(200);
    expect((await alice.kms('describe-key', { key_id: keyId })).status).toBe(200);
    // The administrator is allowed everything.
    expect((await admin.kms('disable-key', { key_id: keyId })).status).toBe(200);
  });

  it('the administrator reaches a KPS route: the IAM decision passes and KPS answers', async () => {
    expect((await admin.call('GET', '/v3/{project_id}/keypairs')).status).toBe(200);
  });
});

describe('a user with no policy', () => {
  let bob: SdkClient;
  let keyId: string;
  beforeAll(async () => {
    bob = dew.client(await accessKeyFor(await createUser('bob')));
    keyId = (await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'for-bob' })).body.key_info.key_id;
  });

  it('list-keys: 403 KMS.0307 (NoAllow on an operation no grant covers)', async () => {
    expect(refusal(await bob.kms('list-keys', {}))).toEqual({ status: 403, code: 'KMS.0307' });
  });

  it('describe-key: NoAllow travels to kms, which answers 403 KMS.0306 (no grant on the key)', async () => {
    expect(refusal(await bob.kms('describe-key', { key_id: keyId }))).toEqual({ status: 403, code: 'KMS.0306' });
  });

  it('IAM administration: 403 naming the IAM action', async () => {
    const res = await bob.call('POST', '/v3/users', { user: { name: 'mallory' } });
    expect(res.status).toBe(403);
    expect(res.errorMsg).toContain('iam:users:createUser');
  });
});

describe('password tokens', () => {
  let carolId: string;
  const carolPassword = marker('password');
  const wrongPassword = marker('password');
  const login = (password: string, user = 'carol') =>
    tokenRequest(dew.endpoint, 'POST', '/v3/auth/tokens', {
      auth: { identity: { methods: ['password'], password: { user: { name: user, password, domain: { name: dew.credentials.domain_name } } } }, scope: { project: { id: dew.credentials.project_id } } },
    });

  beforeAll(async () => {
    carolId = await createUser('carol', carolPassword);
    const groupId = await createGroup('kms-admins');
    await attach(groupId, await systemPolicyId('KMS Administrator'));
    await admin.call('PUT', `/v3/groups/${groupId}/users/${carolId}`);
  });

  it('login: 201 with X-Subject-Token; the token works on KMS and validates; disabling the user stops it for good (re-enabling does not revive it)', async () => {
    const res = await login(carolPassword);
    expect(res.status).toBe(201);
    const token = res.headers.get('x-subject-token') ?? '';
    expect(token.length).toBeGreaterThan(40);
    expect(res.json).toMatchObject({ token: { methods: ['password'], user: { id: carolId, name: 'carol' }, project: { id: dew.credentials.project_id } } });
    expect(res.text).not.toContain(carolPassword);

    const listed = await tokenRequest(dew.endpoint, 'POST', `/v1.0/${dew.credentials.project_id}/kms/list-keys`, {}, { 'x-auth-token': token });
    expect(listed.status).toBe(200);
    const validated = await admin.call<{ token: { user: { id: string } } }>('GET', '/v3/auth/tokens', undefined, { 'X-Subject-Token': token });
    expect(validated.status).toBe(200);
    expect(validated.body.token.user.id).toBe(carolId);

    expect((await admin.call('PATCH', `/v3/users/${carolId}`, { user: { enabled: false } })).status).toBe(200);
    const refused = await tokenRequest(dew.endpoint, 'POST', `/v1.0/${dew.credentials.project_id}/kms/list-keys`, {}, { 'x-auth-token': token });
    expect(refused.status).toBe(401);
    expect((await login(carolPassword)).status).toBe(401);
    expect((await admin.call('PATCH', `/v3/users/${carolId}`, { user: { enabled: true } })).status).toBe(200);
    expect((await tokenRequest(dew.endpoint, 'POST', `/v1.0/${dew.credentials.project_id}/kms/list-keys`, {}, { 'x-auth-token': token })).status).toBe(401);
  });

  it('wrong password: 401 IAM.0005, the same answer as an unknown user', async () => {
    const wrong = await login(wrongPassword);
    const unknown = await login(wrongPassword, 'nobody');
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ error: { code: 401, title: 'Unauthorized' }, error_code: 'IAM.0005' });
    expect(unknown.json).toEqual(wrong.json);
  });

  it('failed logins are rate-limited per user: after 5 failures even the right password gets 429 IAM.0007', async () => {
    const davePassword = marker('password');
    await createUser('dave', davePassword);
    const dave = (p: string) => login(p, 'dave');
    const nope = marker('password');
    for (let i = 0; i < 5; i++) expect((await dave(nope)).status).toBe(401);
    const blocked = await dave(davePassword);
    expect(blocked.status).toBe(429);
    expect(blocked.json).toMatchObject({ error: { code: 429, title: 'Too Many Requests' }, error_code: 'IAM.0007' });
  });

  it('expired token: after 24 h on the test clock it is refused with 401 KMS.0303', async () => {
    const token = (await login(carolPassword)).headers.get('x-subject-token') ?? '';
    await dew.advanceClock('iam', 24 * HOUR + 60_000);
    const res = await tokenRequest(dew.endpoint, 'POST', `/v1.0/${dew.credentials.project_id}/kms/list-keys`, {}, { 'x-auth-token': token });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: { error_code: 'KMS.0303' } });
  });
});

describe('bad input changes nothing', () => {
  const countUsers = async () => (await admin.call<{ users: unknown[] }>('GET', '/v3/users')).body.users.length;
  const countPolicies = async () => (await admin.call<{ roles: unknown[] }>('GET', '/v3.0/OS-ROLE/roles')).body.roles.length;

  it('policy with an unknown effect, an empty action list, or malformed JSON: 400 naming the problem; no policy created', async () => {
    const before = await countPolicies();
    const permit = await admin.call('POST', '/v3.0/OS-ROLE/roles', { role: { display_name: 'bad', type: 'XA', description: '', policy: { Version: '1.1', Statement: [{ Effect: 'Permit', Action: ['kms:cmk:get'] }] } } });
    expect(refusal(permit)).toEqual({ status: 400, code: 'IAM.0001' });
    expect(permit.errorMsg).toContain('Statement[0].Effect');
    const empty = await admin.call('POST', '/v3.0/OS-ROLE/roles', { role: { display_name: 'bad', type: 'XA', description: '', policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: [] }] } } });
    expect(refusal(empty)).toEqual({ status: 400, code: 'IAM.0001' });
    expect(empty.errorMsg).toContain('Statement[0].Action');
    const malformed = await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', '/v3.0/OS-ROLE/roles', '{"role": {"display_name": ');
    expect(malformed.status).toBe(400);
    expect(await countPolicies()).toBe(before);
  });

  it('duplicate user name: 409 IAM.0003, nothing added', async () => {
    const before = await countUsers();
    const res = await admin.call('POST', '/v3/users', { user: { name: 'alice' } });
    expect(refusal(res)).toEqual({ status: 409, code: 'IAM.0003' });
    expect(await countUsers()).toBe(before);
  });

  it('a third access key for one user: 400 IAM.0004, still two', async () => {
    const userId = await createUser('erin');
    // Identical create-access-key calls must not share a signature (each is accepted once): the
    // SDK signs a one-second date, so each repeat waits for the next second.
    const nextSecond = () => new Promise((r) => setTimeout(r, 1005 - (Date.now() % 1000)));
    await accessKeyFor(userId);
    await nextSecond();
    await accessKeyFor(userId);
    await nextSecond();
    const third = await admin.call('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: userId } });
    expect(refusal(third)).toEqual({ status: 400, code: 'IAM.0004' });
    const list = await admin.call<{ credentials: unknown[] }>('GET', `/v3.0/OS-CREDENTIAL/credentials?user_id=${userId}`);
    expect(list.body.credentials).toHaveLength(2);
    expect(JSON.stringify(list.body)).not.toMatch(/secret/);
  });

  it('an inactive access key: its signatures are refused at once with 401 KMS.0302', async () => {
    const userId = await createUser('frank');
    const creds = await accessKeyFor(userId);
    const groupId = await createGroup('frank-kms');
    await attach(groupId, await systemPolicyId('KMS CMKFullAccess'));
    await admin.call('PUT', `/v3/groups/${groupId}/users/${userId}`);
    expect((await dew.client(creds).kms('list-keys', {})).status).toBe(200);
    expect((await admin.call('PUT', `/v3.0/OS-CREDENTIAL/credentials/${creds.access}`, { credential: { status: 'inactive' } })).status).toBe(200);
    expect(refusal(await dew.client(creds).kms('list-keys', {}))).toEqual({ status: 401, code: 'KMS.0302' });
  });
});

describe('discovery and the admin CLI', () => {
  it('GET /v3/auth/domains and /v3/projects?name=<region> answer the caller\'s domain and project', async () => {
    const domains = await admin.call<{ domains: { id: string; name: string }[] }>('GET', '/v3/auth/domains');
    expect(domains.body.domains).toEqual([expect.objectContaining({ id: dew.credentials.domain_id, name: dew.credentials.domain_name })]);
    const projects = await admin.call<{ projects: { id: string; name: string }[] }>('GET', '/v3/projects?name=dew-local');
    expect(projects.body.projects.map((p) => p.id)).toEqual([dew.credentials.project_id]);
  });

  it('`dew admin` creates a user, a group, the membership, an attachment and an access key without hand-signing', async () => {
    const iam = async (...args: string[]) => JSON.parse((await run(process.execPath, [CLI, 'admin', ...args], { env: { ...process.env, DEW_DATA_DIR: dew.dataDir } })).stdout) as Record<string, unknown>;
    await iam('create-user', '--name', 'grace');
    await iam('create-group', '--name', 'grace-team');
    await iam('add-user-to-group', '--group', 'grace-team', '--user', 'grace');
    await iam('attach-policy', '--group', 'grace-team', '--policy', 'KMS CMKFullAccess');
    const key = (await iam('create-access-key', '--user', 'grace')) as { credential: { access: string; secret: string } };
    rememberSecret('secret-key', key.credential.secret);
    const grace = dew.client({ access: key.credential.access, secret: key.credential.secret, project_id: dew.credentials.project_id });
    expect((await grace.kms('list-keys', {})).status).toBe(200);
  });
});

describe('resource-scoped policies', () => {
  it('Allow kms:cmk:get on KMS:*:*:KeyId:<id>: describes that key only; another key gets 403 KMS.0306', async () => {
    const mine = (await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'scoped-1' })).body.key_info.key_id;
    const other = (await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'scoped-2' })).body.key_info.key_id;
    const policy = await admin.call<{ role: { id: string } }>('POST', '/v3.0/OS-ROLE/roles', {
      role: { display_name: 'describe-one-key', type: 'XA', description: '', policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:get'], Resource: [`KMS:*:*:KeyId:${mine}`] }] } },
    });
    expect(policy.status).toBe(201);
    const userId = await createUser('heidi');
    const groupId = await createGroup('one-key');
    await attach(groupId, policy.body.role.id);
    await admin.call('PUT', `/v3/groups/${groupId}/users/${userId}`);
    const heidi = dew.client(await accessKeyFor(userId));
    expect((await heidi.kms('describe-key', { key_id: mine })).status).toBe(200);
    expect(refusal(await heidi.kms('describe-key', { key_id: other }))).toEqual({ status: 403, code: 'KMS.0306' });
    expect(refusal(await heidi.kms('list-keys', {}))).toEqual({ status: 403, code: 'KMS.0307' });
  });
});
