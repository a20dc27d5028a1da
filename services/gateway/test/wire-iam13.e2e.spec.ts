import { DewSystem, marker, rememberSecret, tokenRequest, type ApiCredentials, type ApiResult, type SdkClient } from '@dew/testing';
import { IAM_RESPONSES, type IamOperation } from './conformance/iam-models.js';
import { conformanceErrors } from './conformance/walk.js';

let dew: DewSystem;
let admin: SdkClient;
let projectId: string;
let domainId: string;

beforeAll(async () => {
  dew = await DewSystem.start();
  admin = dew.client();
  ({ project_id: projectId, domain_id: domainId } = dew.credentials);
});
afterAll(async () => {
  await dew?.stop();
});

interface Created { id: string }

function ok<T>(res: ApiResult<T>, status = 200): T {
  expect([res.status, res.errorCode, res.errorMsg]).toEqual([status, undefined, undefined]);
  return res.body;
}

async function createUser(name: string, password?: string): Promise<string> {
  return ok(await admin.call<{ user: Created }>('POST', '/v3/users', { user: { name, domain_id: domainId, ...(password ? { password } : {}) } }), 201).user.id;
}

async function accessKeyFor(userId: string): Promise<ApiCredentials> {
  const { credential } = ok(await admin.call<{ credential: { access: string; secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: userId } }), 201);
  rememberSecret('secret-key', credential.secret);
  return { access: credential.access, secret: credential.secret, project_id: projectId };
}

function login(name: string, password: string, scope: object = { project: { id: projectId } }) {
  return tokenRequest(dew.endpoint, 'POST', '/v3/auth/tokens', {
    auth: { identity: { methods: ['password'], password: { user: { name, password, domain: { name: dew.credentials.domain_name } } } }, scope },
  });
}

async function tokenOf(name: string, password: string): Promise<string> {
  const res = await login(name, password);
  expect(res.status).toBe(201);
  return res.headers.get('x-subject-token') ?? '';
}

/**
 * An IAM refusal: its status and code. The code is IAM's own (`IAM.0005`) while IAM bodies carry
 * `error_code`; Keystone's shape carries the status number instead: either names the refusal.
 */
function expectIamRefusal(res: ApiResult<unknown>, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect([code, String(status)]).toContain(String(res.errorCode));
}

const systemPolicyId = async (displayName: string) =>
  ok(await admin.call<{ roles: Created[] }>('GET', `/v3/roles?display_name=${encodeURIComponent(displayName)}`)).roles[0]?.id ?? '';

describe('conformance: every IAM operation\'s answer against the SDK model\'s fields', () => {
  const answers = new Map<IamOperation, unknown>();
  const record = async <T>(op: IamOperation, call: Promise<ApiResult<T>>, status = 200): Promise<T> => {
    const body = ok(await call, status);
    answers.set(op, body);
    return body;
  };

  beforeAll(async () => {
    const password = marker('password');
    const tokenLogin = await login('admin-of-nothing', password);
    expect(tokenLogin.status).toBe(401);
    const userId = (await record('KeystoneCreateUser', admin.call<{ user: Created }>('POST', '/v3/users', { user: { name: 'conf-user', domain_id: domainId, password } }), 201)).user.id;
    await record('KeystoneListUsers', admin.call('GET', '/v3/users'));
    await record('KeystoneShowUser', admin.call('GET', `/v3/users/${userId}`));
    await record('KeystoneUpdateUserByAdmin', admin.call('PATCH', `/v3/users/${userId}`, { user: { description: 'changed' } }));
    const osUserId = (await record('CreateUser', admin.call<{ user: Created }>('POST', '/v3.0/OS-USER/users', { user: { name: 'conf-os-user', domain_id: domainId } }), 201)).user.id;
    await record('ShowUser', admin.call('GET', `/v3.0/OS-USER/users/${osUserId}`));
    await record('UpdateUser', admin.call('PUT', `/v3.0/OS-USER/users/${osUserId}`, { user: { description: 'os' } }));

    const groupId = (await record('KeystoneCreateGroup', admin.call<{ group: Created }>('POST', '/v3/groups', { group: { name: 'conf-group' } }), 201)).group.id;
    await record('KeystoneListGroups', admin.call('GET', '/v3/groups'));
    await record('KeystoneShowGroup', admin.call('GET', `/v3/groups/${groupId}`));
    await record('KeystoneUpdateGroup', admin.call('PATCH', `/v3/groups/${groupId}`, { group: { description: 'g' } }));
    ok(await admin.call('PUT', `/v3/groups/${groupId}/users/${userId}`), 204);
    await record('KeystoneListGroupsForUser', admin.call('GET', `/v3/users/${userId}/groups`));
    await record('KeystoneListUsersForGroupByAdmin', admin.call('GET', `/v3/groups/${groupId}/users`));

    const document = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:list'] }] };
    const role = { display_name: 'conf-policy', type: 'XA', description: 'lists keys', description_cn: '列出密钥', policy: document };
    const policyId = (await record('CreateCloudServiceCustomPolicy', admin.call<{ role: Created }>('POST', '/v3.0/OS-ROLE/roles', { role }), 201)).role.id;
    await record('UpdateCloudServiceCustomPolicy', admin.call('PATCH', `/v3.0/OS-ROLE/roles/${policyId}`, { role: { ...role, description: 'still lists keys' } }));
    await record('ListCustomPolicies', admin.call('GET', '/v3.0/OS-ROLE/roles'));
    await record('ShowCustomPolicy', admin.call('GET', `/v3.0/OS-ROLE/roles/${policyId}`));
    await record('KeystoneListPermissions', admin.call('GET', '/v3/roles'));
    const kmsFull = await systemPolicyId('KMS CMKFullAccess');
    await record('KeystoneShowPermission', admin.call('GET', `/v3/roles/${kmsFull}`));
    ok(await admin.call('PUT', `/v3/projects/${projectId}/groups/${groupId}/roles/${kmsFull}`), 204);
    ok(await admin.call('PUT', `/v3/domains/${domainId}/groups/${groupId}/roles/${policyId}`), 204);
    ok(await admin.call('PUT', `/v3/OS-INHERIT/domains/${domainId}/groups/${groupId}/roles/${kmsFull}/inherited_to_projects`), 204);
    await record('KeystoneListProjectPermissionsForGroup', admin.call('GET', `/v3/projects/${projectId}/groups/${groupId}/roles`));
    await record('KeystoneListDomainPermissionsForGroup', admin.call('GET', `/v3/domains/${domainId}/groups/${groupId}/roles`));
    await record('KeystoneListAllProjectPermissionsForGroup', admin.call('GET', `/v3/OS-INHERIT/domains/${domainId}/groups/${groupId}/roles/inherited_to_projects`));
    await record('ShowDomainRoleAssignments', admin.call('GET', `/v3.0/OS-PERMISSION/role-assignments?domain_id=${domainId}`));

    const created = await record('CreatePermanentAccessKey', admin.call<{ credential: { access: string; secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: userId } }), 201);
    rememberSecret('secret-key', created.credential.secret);
    await record('ListPermanentAccessKeys', admin.call('GET', `/v3.0/OS-CREDENTIAL/credentials?user_id=${userId}`));
    await record('ShowPermanentAccessKey', admin.call('GET', `/v3.0/OS-CREDENTIAL/credentials/${created.credential.access}`));
    await record('UpdatePermanentAccessKey', admin.call('PUT', `/v3.0/OS-CREDENTIAL/credentials/${created.credential.access}`, { credential: { description: 'd' } }));

    const issued = await login('conf-user', password);
    expect(issued.status).toBe(201);
    answers.set('KeystoneCreateUserTokenByPassword', issued.json);
    await record('KeystoneValidateToken', admin.call('GET', '/v3/auth/tokens', undefined, { 'X-Subject-Token': issued.headers.get('x-subject-token') ?? '' }));
    await record('KeystoneListAuthDomains', admin.call('GET', '/v3/auth/domains'));
    await record('KeystoneListAuthProjects', admin.call('GET', '/v3/auth/projects'));
    await record('KeystoneListProjects', admin.call('GET', '/v3/projects?name=dew-local'));
    await record('KeystoneShowProject', admin.call('GET', `/v3/projects/${projectId}`));

    ok(await admin.call('DELETE', `/v3/domains/${domainId}/groups/${groupId}/roles/${policyId}`), 204);
    await record('DeleteCustomPolicy', admin.call('DELETE', `/v3.0/OS-ROLE/roles/${policyId}`));
  });

  it.each(Object.keys(IAM_RESPONSES) as IamOperation[])('%s: every field its SDK model declares is there with its JSON type', (op) => {
    expect(answers.has(op)).toBe(true);
    expect(conformanceErrors(answers.get(op), IAM_RESPONSES[op])).toEqual([]);
  });
});

describe('defect 8: user, role and token fields the SDK models declare', () => {
  let userId: string;
  const password = marker('password');

  beforeAll(async () => {
    userId = await createUser('fields-user', password);
  });

  it('a listed and a shown user carry last_project_id (the region project), pwd_strength of the password set and access_mode "default"', async () => {
    const listed = ok(await admin.call<{ users: Record<string, unknown>[] }>('GET', '/v3/users?name=fields-user')).users[0];
    const shown = ok(await admin.call<{ user: Record<string, unknown> }>('GET', `/v3/users/${userId}`)).user;
    for (const user of [listed, shown]) expect(user).toMatchObject({ last_project_id: projectId, access_mode: 'default' });
    expect(listed?.pwd_strength).toBe('high');
    const weak = await createUser('weak-user', 'abcdef1');
    expect(ok(await admin.call<{ user: Record<string, unknown> }>('GET', `/v3/users/${weak}`)).user.pwd_strength).toBe('low');
  });

  it('links.self of a user, a list and a policy are absolute URLs of the endpoint the caller used', async () => {
    const shown = ok(await admin.call<{ user: { links: { self: string } } }>('GET', `/v3/users/${userId}`));
    expect(shown.user.links.self).toBe(`${dew.endpoint}/v3/users/${userId}`);
    const list = ok(await admin.call<{ links: { self: string } }>('GET', '/v3/groups'));
    expect(list.links.self).toBe(`${dew.endpoint}/v3/groups`);
    const roles = ok(await admin.call<{ roles: { id: string; links: { self: string } }[] }>('GET', '/v3/roles'));
    for (const r of roles.roles) expect(r.links.self).toBe(`${dew.endpoint}/v3/roles/${r.id}`);
  });

  it('system and custom roles carry description_cn, created_time and updated_time (epoch ms strings)', async () => {
    const system = ok(await admin.call<{ role: Record<string, unknown> }>('GET', `/v3/roles/${await systemPolicyId('KMS CMKFullAccess')}`)).role;
    expect(system.description_cn).toEqual(expect.stringMatching(/\S/));
    const role = { display_name: 'cn-policy', type: 'XA', description: 'd', description_cn: '中文说明', policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:list'] }] } };
    const custom = ok(await admin.call<{ role: Record<string, unknown> }>('POST', '/v3.0/OS-ROLE/roles', { role }), 201).role;
    for (const r of [system, custom]) expect([r.created_time, r.updated_time]).toEqual([expect.stringMatching(/^\d{13}$/), expect.stringMatching(/^\d{13}$/)]);
    expect(custom.description_cn).toBe('中文说明');
  });

  it('a token of a user in a group holding KMS CMKFullAccess lists that policy in roles and a catalog of absolute service URLs; validating it with nocatalog drops the catalog', async () => {
    const groupId = ok(await admin.call<{ group: Created }>('POST', '/v3/groups', { group: { name: 'token-roles' } }), 201).group.id;
    ok(await admin.call('PUT', `/v3/projects/${projectId}/groups/${groupId}/roles/${await systemPolicyId('KMS CMKFullAccess')}`), 204);
    ok(await admin.call('PUT', `/v3/groups/${groupId}/users/${userId}`), 204);
    const issued = await login('fields-user', password);
    const token = (issued.json as { token: { roles: { name: string }[]; catalog: { type: string; endpoints: { url: string; region: string }[] }[] } }).token;
    expect(token.roles).toEqual([{ id: '0', name: 'kms_cmk_full_access' }]);
    expect(token.catalog.map((c) => c.type).sort()).toEqual(['csms', 'cts', 'iam', 'kms', 'kps']);
    expect(token.catalog.find((c) => c.type === 'kms')?.endpoints).toEqual([expect.objectContaining({ url: `${dew.endpoint}/v1.0`, region: 'dew-local', interface: 'public' })]);
    const validated = ok(await admin.call('GET', '/v3/auth/tokens?nocatalog=true', undefined, { 'X-Subject-Token': issued.headers.get('x-subject-token') ?? '' }));
    expect(validated).toHaveProperty('token.roles', token.roles);
    expect(validated).not.toHaveProperty('token.catalog');
  });
});

describe('defect 9: the Keystone and OS-USER user routes Huawei IAM serves', () => {
  it('POST /v3.0/OS-USER/users creates a user (201), GET shows it, PUT changes it; unkept contact fields are refused 400 IAM.0001 and create nobody', async () => {
    const created = ok(await admin.call<{ user: Record<string, unknown> & Created }>('POST', '/v3.0/OS-USER/users', { user: { name: 'os-user', domain_id: domainId, description: 'first', access_mode: 'default' } }), 201).user;
    expect(created).toMatchObject({ name: 'os-user', domain_id: domainId, enabled: true, access_mode: 'default', description: 'first' });
    const shown = ok(await admin.call<{ user: Record<string, unknown> }>('GET', `/v3.0/OS-USER/users/${created.id}`)).user;
    expect(shown).toMatchObject({ id: created.id, is_domain_owner: false, pwd_strength: 'None', links: { self: `${dew.endpoint}/v3.0/OS-USER/users/${created.id}` } });
    const updated = ok(await admin.call<{ user: Record<string, unknown> }>('PUT', `/v3.0/OS-USER/users/${created.id}`, { user: { description: 'second', enabled: false } })).user;
    expect(updated).toMatchObject({ description: 'second', enabled: false });

    const refused = await admin.call('POST', '/v3.0/OS-USER/users', { user: { name: 'with-email', domain_id: domainId, email: 'a@example.com' } });
    expectIamRefusal(refused, 400, 'IAM.0001');
    expect(refused.errorMsg).toContain('user.email');
    const names = ok(await admin.call<{ users: { name: string }[] }>('GET', '/v3/users')).users.map((u) => u.name);
    expect(names).not.toContain('with-email');
    const otherMode = await admin.call('PUT', `/v3.0/OS-USER/users/${created.id}`, { user: { access_mode: 'console' } });
    expectIamRefusal(otherMode, 400, 'IAM.0001');
    expect(otherMode.errorMsg).toContain('access_mode');
  });

  describe('POST /v3/users/{id}/password', () => {
    const original = marker('password');
    const next = marker('password');
    let daveId: string;
    let dave: SdkClient;

    beforeAll(async () => {
      daveId = await createUser('dave', original);
      dave = dew.client(await accessKeyFor(daveId));
    });

    it('a wrong original password: 401 IAM.0005, and the password is unchanged (the old one still logs in)', async () => {
      const res = await dave.call('POST', `/v3/users/${daveId}/password`, { user: { original_password: marker('password'), password: next } });
      expectIamRefusal(res, 401, 'IAM.0005');
      expect(res.errorMsg).toContain('original password');
      expect((await login('dave', original)).status).toBe(201);
      expect((await login('dave', next)).status).toBe(401);
    });

    it('another user\'s id (the administrator\'s): 403 IAM.0006, and the administrator\'s keys and user are unchanged', async () => {
      const adminId = ok(await admin.call<{ users: Created[] }>(`GET`, `/v3/users?name=${dew.credentials.user_name}`)).users[0]?.id ?? '';
      const before = ok(await admin.call('GET', `/v3/users/${adminId}`));
      const res = await dave.call('POST', `/v3/users/${adminId}/password`, { user: { original_password: original, password: next } });
      expectIamRefusal(res, 403, 'IAM.0006');
      expect(ok(await admin.call('GET', `/v3/users/${adminId}`))).toEqual(before);
    });

    it('the user\'s own id with the original password: 204; tokens issued before are revoked, the new password logs in, the old one does not', async () => {
      const oldToken = await tokenOf('dave', original);
      await new Promise((r) => setTimeout(r, 5));
      const res = await dave.call('POST', `/v3/users/${daveId}/password`, { user: { original_password: original, password: next } });
      expect(res.status).toBe(204);
      const stale = await tokenRequest(dew.endpoint, 'POST', `/v1.0/${projectId}/kms/list-keys`, {}, { 'x-auth-token': oldToken });
      expect(stale.status).toBe(401);
      expect((await login('dave', next)).status).toBe(201);
      expect((await login('dave', original)).status).toBe(401);
    });
  });

  it('GET /v3.0/OS-PERMISSION/role-assignments lists a group\'s grant with its scope, filters by group, user and role, and refuses per_page 51 with 400', async () => {
    const groupId = ok(await admin.call<{ group: Created }>('POST', '/v3/groups', { group: { name: 'assigned' } }), 201).group.id;
    const userId = await createUser('assigned-user');
    ok(await admin.call('PUT', `/v3/groups/${groupId}/users/${userId}`), 204);
    const policy = await systemPolicyId('CSMS FullAccess');
    ok(await admin.call('PUT', `/v3/projects/${projectId}/groups/${groupId}/roles/${policy}`), 204);
    const query = `domain_id=${domainId}&role_id=${policy}`;
    const byGroup = ok(await admin.call(`GET`, `/v3.0/OS-PERMISSION/role-assignments?${query}&subject.group_id=${groupId}`));
    expect(byGroup).toEqual({ role_assignments: [{ role: { id: policy }, group: { id: groupId }, scope: { project: { id: projectId } }, is_inherited: false }], total_num: 1 });
    expect(ok(await admin.call('GET', `/v3.0/OS-PERMISSION/role-assignments?${query}&subject.user_id=${userId}`))).toEqual(byGroup);
    expect(ok(await admin.call('GET', `/v3.0/OS-PERMISSION/role-assignments?${query}&subject.user_id=${userId}&include_group=false`))).toEqual({ role_assignments: [], total_num: 0 });
    const tooMany = await admin.call('GET', `/v3.0/OS-PERMISSION/role-assignments?domain_id=${domainId}&page=1&per_page=51`);
    expectIamRefusal(tooMany, 400, 'IAM.0001');
    expect(tooMany.errorMsg).toContain('per_page must be 1..50');
  });
});
