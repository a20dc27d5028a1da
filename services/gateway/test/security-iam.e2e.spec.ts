import { request as httpRequest } from 'node:http';
import { DewError } from '@dew/contracts';
import { request, subjects, type RequestContext } from '@dew/messaging';
import { DewSystem, marker, refusal, rememberSecret, tokenRequest, type ApiCredentials, type SdkClient } from '@dew/testing';

// Attacks on IAM (see docs/iam-security.md): escalation to the administrator, login limits,
// login timing, unbounded login input, and token revocation and scope.
let dew: DewSystem;
let admin: SdkClient;
let adminId: string;

beforeAll(async () => {
  dew = await DewSystem.start();
  admin = dew.client();
  const listed = await admin.call<{ users: { id: string }[] }>('GET', `/v3/users?name=${dew.credentials.user_name}`);
  adminId = listed.body.users[0]?.id ?? '';
  expect(adminId).toMatch(/^[0-9a-f]{32}$/);
});
afterAll(async () => {
  await dew?.stop();
});

interface Created { id: string }
interface LoginAnswer { status: number; code: string | undefined; message: string; token: string }

async function createUser(name: string, password?: string): Promise<string> {
  const res = await admin.call<{ user: Created }>('POST', '/v3/users', { user: { name, ...(password ? { password } : {}) } });
  expect(res.status).toBe(201);
  return res.body.user.id;
}

async function accessKeyFor(userId: string): Promise<ApiCredentials> {
  const res = await admin.call<{ credential: { access: string; secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: userId } });
  expect(res.status).toBe(201);
  rememberSecret('secret-key', res.body.credential.secret);
  return { access: res.body.credential.access, secret: res.body.credential.secret, project_id: dew.credentials.project_id };
}

/** A group holding one custom policy that allows `actions`, attached at `scope`; `userId` joins it. */
async function grant(userId: string, name: string, scope: 'domain' | 'project', actions: string[]): Promise<void> {
  const policy = await admin.call<{ role: Created }>('POST', '/v3.0/OS-ROLE/roles', {
    role: { display_name: name, type: scope === 'domain' ? 'AX' : 'XA', description: '', policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: actions }] } },
  });
  expect(policy.status).toBe(201);
  const group = await admin.call<{ group: Created }>('POST', '/v3/groups', { group: { name } });
  expect(group.status).toBe(201);
  const at = scope === 'domain' ? `domains/${dew.credentials.domain_id}` : `projects/${dew.credentials.project_id}`;
  expect((await admin.call('PUT', `/v3/${at}/groups/${group.body.group.id}/roles/${policy.body.role.id}`)).status).toBe(204);
  expect((await admin.call('PUT', `/v3/groups/${group.body.group.id}/users/${userId}`)).status).toBe(204);
}

/** POST /v3/auth/tokens from a chosen loopback address (the gateway sees it as the source). */
function loginFrom(source: string, user: string, password: string, domain: object = { name: dew.credentials.domain_name }, scope: object = { project: { id: dew.credentials.project_id } }): Promise<LoginAnswer> {
  const body = JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: user, password, domain } } }, scope } });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: dew.httpPort, method: 'POST', path: '/v3/auth/tokens', localAddress: source, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const json = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { error?: { message?: string }; error_code?: string };
          const token = res.headers['x-subject-token'];
          resolve({ status: res.statusCode ?? 0, code: json.error_code, message: json.error?.message ?? '', token: typeof token === 'string' ? token : '' });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const kmsWithToken = (token: string) => tokenRequest(dew.endpoint, 'POST', `/v1.0/${dew.credentials.project_id}/kms/list-keys`, {}, { 'x-auth-token': token });
const validate = (token: string) => admin.call('GET', '/v3/auth/tokens', undefined, { 'X-Subject-Token': token });

describe('point 3: no escalation to the administrator', () => {
  const adminPassword = marker('password');
  let mallory: SdkClient;
  let adminAccess: string;
  let ordinaryId: string;

  beforeAll(async () => {
    // The administrator sets its own password (allowed: it acts on itself).
    expect((await admin.call('PATCH', `/v3/users/${adminId}`, { user: { password: adminPassword } })).status).toBe(200);
    const malloryId = await createUser('mallory');
    await grant(malloryId, 'user-admins', 'domain', ['iam:users:*', 'iam:credentials:*']);
    mallory = dew.client(await accessKeyFor(malloryId));
    adminAccess = dew.credentials.access;
    ordinaryId = await createUser('ordinary');
  });

  const adminKeys = async () => (await admin.call<{ credentials: { access: string; status: string }[] }>('GET', `/v3.0/OS-CREDENTIAL/credentials?user_id=${adminId}`)).body.credentials;
  const adminUser = async () => (await admin.call<{ user: { name: string; enabled: boolean; description: string } }>('GET', `/v3/users/${adminId}`)).body.user;

  it('a user holding iam:users:updateUser sets the administrator password: 403 IAM.0006, the old password still logs in', async () => {
    const stolen = marker('password');
    const res = await mallory.call('PATCH', `/v3/users/${adminId}`, { user: { password: stolen } });
    expect(refusal(res)).toEqual({ status: 403, code: 'IAM.0006' });
    expect((await loginFrom('127.0.3.1', dew.credentials.user_name, stolen)).status).toBe(401);
    expect((await loginFrom('127.0.3.2', dew.credentials.user_name, adminPassword)).status).toBe(201);
  });

  it('a user holding iam:users:updateUser disables, renames or redescribes the administrator: 403 IAM.0006 each, the administrator unchanged', async () => {
    const before = await adminUser();
    for (const change of [{ enabled: false }, { name: 'not-admin' }, { description: 'owned' }]) {
      expect(refusal(await mallory.call('PATCH', `/v3/users/${adminId}`, { user: change }))).toEqual({ status: 403, code: 'IAM.0006' });
    }
    expect(await adminUser()).toEqual(before);
    expect((await admin.kms('list-keys', {})).status).toBe(200);
  });

  it('a user holding iam:users:deleteUser deletes the administrator: 403 IAM.0006, still there', async () => {
    expect(refusal(await mallory.call('DELETE', `/v3/users/${adminId}`))).toEqual({ status: 403, code: 'IAM.0006' });
    expect((await admin.call('GET', `/v3/users/${adminId}`)).status).toBe(200);
  });

  it('a user holding iam:credentials:createCredential mints an access key for the administrator: 403 IAM.0006, no key added', async () => {
    const before = await adminKeys();
    const res = await mallory.call<{ credential?: { secret?: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: adminId } });
    if (res.body.credential?.secret) rememberSecret('secret-key', res.body.credential.secret);
    expect(refusal(res)).toEqual({ status: 403, code: 'IAM.0006' });
    expect(await adminKeys()).toEqual(before);
  });

  it('a user holding iam:credentials:* deactivates, redescribes or deletes the administrator access key: 403 IAM.0006 each, the key still works', async () => {
    const before = await adminKeys();
    expect(refusal(await mallory.call('PUT', `/v3.0/OS-CREDENTIAL/credentials/${adminAccess}`, { credential: { status: 'inactive' } }))).toEqual({ status: 403, code: 'IAM.0006' });
    expect(refusal(await mallory.call('PUT', `/v3.0/OS-CREDENTIAL/credentials/${adminAccess}`, { credential: { description: 'owned' } }))).toEqual({ status: 403, code: 'IAM.0006' });
    expect(refusal(await mallory.call('DELETE', `/v3.0/OS-CREDENTIAL/credentials/${adminAccess}`))).toEqual({ status: 403, code: 'IAM.0006' });
    expect(await adminKeys()).toEqual(before);
    expect((await admin.kms('list-keys', {})).status).toBe(200);
  });

  it('the same user still manages an ordinary user: password, access key and status change (200/201)', async () => {
    expect((await mallory.call('PATCH', `/v3/users/${ordinaryId}`, { user: { password: marker('password') } })).status).toBe(200);
    const key = await mallory.call<{ credential: { secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: ordinaryId } });
    expect(key.status).toBe(201);
    rememberSecret('secret-key', key.body.credential.secret);
    expect((await mallory.call('PATCH', `/v3/users/${ordinaryId}`, { user: { enabled: false } })).status).toBe(200);
  });
});

describe('point 14: token revocation and scope', () => {
  const password = marker('password');
  let carolId: string;

  beforeAll(async () => {
    carolId = await createUser('carol', password);
    await grant(carolId, 'carol-kms', 'project', ['kms:cmk:*']);
  });

  it('a token issued before a password reset: refused (401 on KMS, not valid on validate) after the reset; a new login works', async () => {
    const old = await loginFrom('127.0.4.1', 'carol', password);
    expect(old.status).toBe(201);
    expect((await kmsWithToken(old.token)).status).toBe(200);
    const fresh = marker('password');
    expect((await admin.call('PATCH', `/v3/users/${carolId}`, { user: { password: fresh } })).status).toBe(200);
    const refused = await kmsWithToken(old.token);
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({ error: { error_code: 'KMS.0302' } });
    expect(refusal(await validate(old.token))).toEqual({ status: 404, code: 'IAM.0002' });
    const next = await loginFrom('127.0.4.1', 'carol', fresh);
    expect(next.status).toBe(201);
    expect((await kmsWithToken(next.token)).status).toBe(200);
    expect((await admin.call('PATCH', `/v3/users/${carolId}`, { user: { password } })).status).toBe(200);
  });

  it('a token issued before a disable: still refused after the user is enabled again, also after an IAM restart; a new login works', async () => {
    const old = await loginFrom('127.0.4.2', 'carol', password);
    expect(old.status).toBe(201);
    expect((await admin.call('PATCH', `/v3/users/${carolId}`, { user: { enabled: false } })).status).toBe(200);
    expect((await kmsWithToken(old.token)).status).toBe(401);
    expect((await admin.call('PATCH', `/v3/users/${carolId}`, { user: { enabled: true } })).status).toBe(200);
    expect((await kmsWithToken(old.token)).status).toBe(401);
    expect(refusal(await validate(old.token))).toEqual({ status: 404, code: 'IAM.0002' });
    const next = await loginFrom('127.0.4.2', 'carol', password);
    expect(next.status).toBe(201);
    await dew.restart();
    admin = dew.client();
    expect((await kmsWithToken(old.token)).status).toBe(401);
    expect((await kmsWithToken(next.token)).status).toBe(200);
  });

  it('a project-scoped token asked about another project: IAM refuses the credential (IAM.0002), even for the administrator', async () => {
    const other = await dew.bootstrapDomain('other-domain');
    const adminPassword = marker('password');
    expect((await admin.call('PATCH', `/v3/users/${adminId}`, { user: { password: adminPassword } })).status).toBe(200);
    const token = (await loginFrom('127.0.4.3', dew.credentials.user_name, adminPassword)).token;
    const nc = await dew.connectNats('gateway');
    const ctx: RequestContext = { requestId: 'security-iam-scope', projectId: '', domainId: '', userId: '', userName: '', sourceIp: '127.0.4.3', traceType: 'ApiCall', iamDecision: 'Allow' };
    const ask = (projectId: string) => request<{ decision: string }>(nc, subjects.iam('authenticate'), { credential: { kind: 'token', token }, action: 'kms:cmk:list', project_id: projectId }, ctx);
    expect((await ask(dew.credentials.project_id)).decision).toBe('Allow');
    const refused = await ask(other.project_id).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(DewError);
    expect(refused).toMatchObject({ code: 'IAM.0002' });
  });
});

describe('points 9 and 10: login limits', () => {
  it('40 wrong passwords for one user from one source, 20 at once: at most 5 are checked (401), the rest 429 IAM.0007', async () => {
    await createUser('burst', marker('password'));
    const wrong = marker('password');
    // 20 at once stays within one address's share of the requests awaiting authentication (32, docs/input-limits.md).
    const answers: LoginAnswer[] = [];
    for (let wave = 0; wave < 2; wave++) answers.push(...(await Promise.all(Array.from({ length: 20 }, () => loginFrom('127.0.5.1', 'burst', wrong)))));
    const checked = answers.filter((a) => a.status === 401).length;
    const limited = answers.filter((a) => a.status === 429 && a.code === 'IAM.0007').length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(checked + limited).toBe(40);
  });

  it('a decoy domain.name beside the real domain.id does not reset the user bucket: the right password is still 429', async () => {
    const password = marker('password');
    await createUser('decoyed', password);
    const wrong = marker('password');
    const byId = { id: dew.credentials.domain_id };
    for (let i = 0; i < 5; i++) expect((await loginFrom('127.0.5.2', 'decoyed', wrong, byId)).status).toBe(401);
    const decoy = await loginFrom('127.0.5.2', 'decoyed', password, { ...byId, name: 'decoy-domain' });
    expect(decoy.status).toBe(429);
    expect(decoy.code).toBe('IAM.0007');
    expect(decoy.token).toBe('');
  });

  it('a wrong-password trickle from one source: that source is stopped (429 even with the right password), the user logs in from another source (201)', async () => {
    const password = marker('password');
    await createUser('trickled', password);
    const wrong = marker('password');
    for (let n = 0; n < 5; n++) expect((await loginFrom('127.0.6.1', 'trickled', wrong)).status).toBe(401);
    expect((await loginFrom('127.0.6.1', 'trickled', password)).status).toBe(429);
    const elsewhere = await loginFrom('127.0.6.2', 'trickled', password);
    expect(elsewhere.status).toBe(201);
  });
});

describe('point 11: bounded input on the unauthenticated login', () => {
  it('40 logins with 880 KB user names: 400 IAM.0001 naming the 64-character limit, and IAM still answers a good login', async () => {
    const password = marker('password');
    await createUser('bounded', password);
    const huge = 'u'.repeat(880 * 1024);
    for (let n = 0; n < 40; n++) {
      const res = await loginFrom('127.0.7.1', `${huge}${n}`, 'whatever1A');
      expect(res.status).toBe(400);
      expect(res.code).toBe('IAM.0001');
      expect(res.message).toContain('1–64 characters');
    }
    const badDomain = await loginFrom('127.0.7.1', 'bounded', password, { name: 'd'.repeat(100_000) });
    expect([badDomain.status, badDomain.code]).toEqual([400, 'IAM.0001']);
    expect((await loginFrom('127.0.7.1', 'bounded', password)).status).toBe(201);
  });
});

describe('point 13: login timing', () => {
  it('wrong password of an existing user vs an unknown user: the unknown median is at least half the known one', async () => {
    // Four known users (five tries each) and twenty sources, so no limiter answers instead.
    for (let u = 0; u < 4; u++) await createUser(`timed${u}`, marker('password'));
    const wrong = marker('password');
    const known: number[] = [];
    const unknown: number[] = [];
    const timed = async (source: string, user: string, into: number[]) => {
      const started = performance.now();
      expect((await loginFrom(source, user, wrong)).status).toBe(401);
      into.push(performance.now() - started);
    };
    for (let n = 1; n <= 20; n++) {
      await timed(`127.0.8.${n}`, `timed${n % 4}`, known);
      await timed(`127.0.9.${n}`, `nobody-${n}`, unknown);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    process.stdout.write(`login timing: known median ${median(known).toFixed(1)} ms, unknown median ${median(unknown).toFixed(1)} ms\n`);
    expect(median(unknown)).toBeGreaterThanOrEqual(0.5 * median(known));
  });
});
