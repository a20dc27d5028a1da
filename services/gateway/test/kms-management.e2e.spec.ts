import { randomBytes, randomUUID } from 'node:crypto';
import { DewSystem, marker, refusal, rememberSecret, type ApiCredentials, type SdkClient } from '@dew/testing';

const DAY = 86_400_000;
let dew: DewSystem;
let admin: SdkClient;

beforeAll(async () => {
  dew = await DewSystem.start();
  admin = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

const alias = (p: string) => `${p}-${randomBytes(4).toString('hex')}`;
async function createKey(body: Record<string, unknown> = {}): Promise<string> {
  const res = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: alias('k'), ...body });
  expect(res.status).toBe(200);
  return res.body.key_info.key_id;
}

describe('rotation (K13)', () => {
  it('interval 29 and 366 refused, 30 and 365 accepted; status shows enabled, interval, count', async () => {
    const keyId = await createKey();
    expect((await admin.kms('enable-key-rotation', { key_id: keyId })).status).toBe(200);
    expect(refusal(await admin.kms('update-key-rotation-interval', { key_id: keyId, rotation_interval: 29 }))).toEqual({ status: 400, code: 'KMS.0308' });
    expect(refusal(await admin.kms('update-key-rotation-interval', { key_id: keyId, rotation_interval: 366 }))).toEqual({ status: 400, code: 'KMS.0308' });
    expect((await admin.kms('update-key-rotation-interval', { key_id: keyId, rotation_interval: 365 })).status).toBe(200);
    expect((await admin.kms('update-key-rotation-interval', { key_id: keyId, rotation_interval: 30 })).status).toBe(200);
    const status = await admin.kms('get-key-rotation-status', { key_id: keyId });
    expect(status.body).toEqual({
      key_rotation_enabled: true, rotation_interval: 30, last_rotation_time: '', number_of_rotations: 0,
      key_materials: [{ material_id: '1', state: 1, create_time: expect.stringMatching(/^\d+$/), expiration_time: '', charge_id: '' }],
    });
    const described = await admin.kms<{ key_info: { key_rotation_enabled: string } }>('describe-key', { key_id: keyId });
    expect(described.body.key_info.key_rotation_enabled).toBe('true');
  });

  it('asymmetric keys cannot rotate', async () => {
    const ec = await createKey({ key_spec: 'EC_P256' });
    expect(refusal(await admin.kms('enable-key-rotation', { key_id: ec }))).toEqual({ status: 400, code: 'KMS.0308' });
    expect(refusal(await admin.kms('rotate-on-demand', { key_id: ec }))).toEqual({ status: 400, code: 'KMS.0308' });
  });

  it('50 rotations on demand: a ciphertext from every version and a data key made before still decrypt', async () => {
    const keyId = await createKey();
    const before = await admin.kms<{ plain_text: string; cipher_text: string }>('create-datakey', { key_id: keyId });
    rememberSecret('data-key', Buffer.from(before.body.plain_text, 'hex'));
    const plaintexts = Array.from({ length: 51 }, (_, i) => `${marker('plaintext')} version ${i + 1}`);
    const ciphertexts: string[] = [];
    for (let i = 0; i <= 50; i++) {
      ciphertexts.push((await admin.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: plaintexts[i] })).body.cipher_text);
      if (i < 50) expect((await admin.kms('rotate-on-demand', { key_id: keyId, sequence: randomUUID() })).status).toBe(200);
    }
    for (const [i, cipher] of ciphertexts.entries()) {
      const dec = await admin.kms<{ plain_text: string }>('decrypt-data', { cipher_text: cipher });
      expect(dec.body.plain_text).toBe(plaintexts[i]);
    }
    const dek = await admin.kms<{ data_key: string }>('decrypt-datakey', { key_id: keyId, cipher_text: before.body.cipher_text, datakey_cipher_length: '32' });
    expect(dek.body.data_key).toBe(before.body.plain_text);
    const status = await admin.kms<{ number_of_rotations: number; last_rotation_time: string }>('get-key-rotation-status', { key_id: keyId });
    expect(status.body.number_of_rotations).toBe(50);
    expect(status.body.last_rotation_time).toMatch(/^\d{13}$/);
  });

  it('the scheduler rotates a key when its interval has passed on the test clock, and skips disabled keys', async () => {
    const due = await createKey();
    const disabled = await createKey();
    for (const keyId of [due, disabled]) {
      await admin.kms('enable-key-rotation', { key_id: keyId });
      await admin.kms('update-key-rotation-interval', { key_id: keyId, rotation_interval: 30 });
    }
    await admin.kms('disable-key', { key_id: disabled });
    await dew.advanceClock('kms', 31 * DAY);
    const rotations = async (keyId: string) => (await admin.kms<{ number_of_rotations: number }>('get-key-rotation-status', { key_id: keyId })).body.number_of_rotations;
    expect(await rotations(due)).toBe(1);
    expect(await rotations(disabled)).toBe(0);
  });
});

describe('tags and search (K12)', () => {
  it('add/list/delete single tags (204); 20 tags accepted, the 21st refused; key of 37 and value of 44 refused', async () => {
    const keyId = await createKey();
    const path = `/v1.0/{project_id}/kms/${keyId}/tags`;
    expect((await admin.call('POST', path, { tag: { key: 'env', value: 'prod' } })).status).toBe(204);
    expect((await admin.call('POST', path, { tag: { key: 'env', value: 'test' } })).status).toBe(204);
    const listed = await admin.call<{ tags: { key: string; value: string }[]; existTagsNum: number }>('GET', path);
    expect(listed.body).toEqual({ tags: [{ key: 'env', value: 'test' }], existTagsNum: 1 });
    expect((await admin.call('DELETE', `${path}/env`)).status).toBe(204);
    const many = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
    expect((await admin.call('POST', `${path}/action`, { action: 'create', tags: many })).status).toBe(204);
    expect(refusal(await admin.call('POST', path, { tag: { key: 'one-more', value: 'x' } }))).toEqual({ status: 400, code: 'KMS.0413' });
    expect((await admin.call('POST', `${path}/action`, { action: 'delete', tags: [{ key: 'k0' }] })).status).toBe(204);
    expect((await admin.call('POST', path, { tag: { key: 'k'.repeat(36), value: 'v'.repeat(43) } })).status).toBe(204);
    expect(refusal(await admin.call('POST', path, { tag: { key: 'x'.repeat(37), value: 'v' } }))).toEqual({ status: 400, code: 'KMS.0407' });
    expect(refusal(await admin.call('POST', path, { tag: { key: 'x', value: 'v'.repeat(44) } }))).toEqual({ status: 400, code: 'KMS.0408' });
  });

  it('resource_instances filter/count: AND over keys, any-of values, matches on the alias; project tag list', async () => {
    const a = await createKey({ key_alias: alias('search-a'), tags: [{ key: 'team', value: 'red' }, { key: 'tier', value: 'gold' }] });
    const b = await createKey({ key_alias: alias('search-b'), tags: [{ key: 'team', value: 'blue' }, { key: 'tier', value: 'gold' }] });
    await createKey({ key_alias: alias('search-c'), tags: [{ key: 'team', value: 'red' }] });
    const filter = await admin.kms<{ resources: { resource_id: string }[]; total_count: number }>('resource_instances/action', {
      action: 'filter', limit: '10', offset: '0', tags: [{ key: 'team', values: ['red', 'blue'] }, { key: 'tier', values: ['gold'] }],
    });
    expect(filter.body.resources.map((r) => r.resource_id).sort()).toEqual([a, b].sort());
    expect(filter.body.total_count).toBe(2);
    const count = await admin.kms<{ total_count: number }>('resource_instances/action', { action: 'count', tags: [{ key: 'team', values: ['red'] }] });
    expect(count.body.total_count).toBe(2);
    const matched = await admin.kms<{ resources: { resource_id: string }[] }>('resource_instances/action', { action: 'filter', tags: [], matches: [{ key: 'resource_name', value: 'search-b' }] });
    expect(matched.body.resources.map((r) => r.resource_id)).toEqual([b]);
    const tags = await admin.call<{ tags: { key: string; values: string[] }[] }>('GET', '/v1.0/{project_id}/kms/tags');
    expect(tags.body.tags).toContainEqual({ key: 'team', values: ['blue', 'red'] });
  });
});

describe('the Huawei user-guide example: KMS Administrator plus a custom Deny kms:cmkTag:delete', () => {
  it('the user does everything but delete tags', async () => {
    const roles = await admin.call<{ roles: { id: string }[] }>('GET', '/v3/roles?display_name=KMS%20Administrator');
    const policy = await admin.call<{ role: { id: string } }>('POST', '/v3.0/OS-ROLE/roles', {
      role: { display_name: 'deny-tag-delete', type: 'XA', description: '', policy: { Version: '1.1', Statement: [{ Effect: 'Deny', Action: ['kms:cmkTag:delete'] }] } },
    });
    const group = await admin.call<{ group: { id: string } }>('POST', '/v3/groups', { group: { name: 'tag-keepers' } });
    const user = await admin.call<{ user: { id: string } }>('POST', '/v3/users', { user: { name: 'ivan' } });
    for (const roleId of [roles.body.roles[0]!.id, policy.body.role.id]) {
      expect((await admin.call('PUT', `/v3/projects/${dew.credentials.project_id}/groups/${group.body.group.id}/roles/${roleId}`)).status).toBe(204);
    }
    await admin.call('PUT', `/v3/groups/${group.body.group.id}/users/${user.body.user.id}`);
    const key = await admin.call<{ credential: { access: string; secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: user.body.user.id } });
    const ivan = dew.client({ access: key.body.credential.access, secret: rememberSecret('secret-key', key.body.credential.secret), project_id: dew.credentials.project_id });
    const keyId = (await ivan.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: alias('ivan') })).body.key_info.key_id;
    expect((await ivan.call('POST', `/v1.0/{project_id}/kms/${keyId}/tags`, { tag: { key: 'owner', value: 'ivan' } })).status).toBe(204);
    expect((await ivan.kms('disable-key', { key_id: keyId })).status).toBe(200);
    const del = await ivan.call('DELETE', `/v1.0/{project_id}/kms/${keyId}/tags/owner`);
    expect(refusal(del)).toEqual({ status: 403, code: 'KMS.0307' });
    expect(del.errorMsg).toContain('kms:cmkTag:delete');
  });
});

describe('grants (K14)', () => {
  async function userWithKey(name: string, creds?: ApiCredentials): Promise<{ id: string; client: SdkClient; domainId: string }> {
    const owner = creds ? dew.client(creds) : admin;
    const user = await owner.call<{ user: { id: string; domain_id: string } }>('POST', '/v3/users', { user: { name } });
    const key = await owner.call<{ credential: { access: string; secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: user.body.user.id } });
    const project = creds?.project_id ?? dew.credentials.project_id;
    rememberSecret('secret-key', key.body.credential.secret);
    return { id: user.body.user.id, domainId: user.body.user.domain_id, client: dew.client({ access: key.body.credential.access, secret: key.body.credential.secret, project_id: project }) };
  }

  it('a user with no IAM permission can do exactly its granted operations on that key; revoke takes them away', async () => {
    const keyId = await createKey();
    const other = await createKey();
    const grantee = await userWithKey('gina');
    const granted = marker('plaintext');
    const encrypt = () => grantee.client.kms('encrypt-data', { key_id: keyId, plain_text: granted });
    expect(refusal(await encrypt())).toEqual({ status: 403, code: 'KMS.0306' });
    const grant = await admin.kms<{ grant_id: string }>('create-grant', { key_id: keyId, grantee_principal: grantee.id, operations: ['encrypt-data', 'describe-key'] });
    expect(grant.body.grant_id).toMatch(/^[0-9a-f]{64}$/);
    expect((await encrypt()).status).toBe(200);
    expect((await grantee.client.kms('describe-key', { key_id: keyId })).status).toBe(200);
    expect(refusal(await grantee.client.kms('create-datakey', { key_id: keyId }))).toEqual({ status: 403, code: 'KMS.0306' });
    expect(refusal(await grantee.client.kms('encrypt-data', { key_id: other, plain_text: 'x' }))).toEqual({ status: 403, code: 'KMS.0306' });
    expect(refusal(await grantee.client.kms('disable-key', { key_id: keyId }))).toEqual({ status: 403, code: 'KMS.0307' });
    const listed = await admin.kms<{ grants: { grant_id: string; operations: string[] }[]; total: number }>('list-grants', { key_id: keyId });
    expect(listed.body.total).toBe(1);
    expect((await admin.kms('revoke-grant', { key_id: keyId, grant_id: grant.body.grant_id })).status).toBe(200);
    expect(refusal(await encrypt())).toEqual({ status: 403, code: 'KMS.0306' });
  });

  it('operations: empty or create-grant alone refused with KMS.2401; the 100th grant accepted, the 101st KMS.2404', async () => {
    const keyId = await createKey();
    expect(refusal(await admin.kms('create-grant', { key_id: keyId, grantee_principal: 'a'.repeat(32), operations: [] }))).toEqual({ status: 400, code: 'KMS.2401' });
    expect(refusal(await admin.kms('create-grant', { key_id: keyId, grantee_principal: 'a'.repeat(32), operations: ['create-grant'] }))).toEqual({ status: 400, code: 'KMS.2401' });
    for (let i = 0; i < 100; i++) {
      const res = await admin.kms('create-grant', { key_id: keyId, grantee_principal: `p${i}`, operations: ['describe-key'] });
      expect(res.status).toBe(200);
    }
    expect(refusal(await admin.kms('create-grant', { key_id: keyId, grantee_principal: 'p100', operations: ['describe-key'] }))).toEqual({ status: 400, code: 'KMS.2404' });
  });

  it('a grant to another domain: its users use the key from their own project; a grant G passed on survives G\'s own retirement', async () => {
    const keyId = await createKey();
    const other = await dew.bootstrapDomain('partner');
    const partner = dew.client(other);
    expect(refusal(await partner.kms('encrypt-data', { key_id: keyId, plain_text: 'x' }))).toEqual({ status: 404, code: 'KMS.0207' });
    const g = await admin.kms<{ grant_id: string }>('create-grant', {
      key_id: keyId, grantee_principal: other.domain_id, grantee_principal_type: 'domain', operations: ['encrypt-data', 'decrypt-data', 'create-grant', 'retire-grant'],
    });
    expect(g.status).toBe(200);
    const crossDomain = marker('plaintext');
    const enc = await partner.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: crossDomain });
    expect(enc.status).toBe(200);
    expect((await partner.kms<{ plain_text: string }>('decrypt-data', { cipher_text: enc.body.cipher_text })).body.plain_text).toBe(crossDomain);

    // The partner (holding create-grant) passes decrypt-data on to a user of the first domain.
    const helper = await userWithKey('hank');
    const passed = await partner.kms<{ grant_id: string }>('create-grant', { key_id: keyId, grantee_principal: helper.id, operations: ['decrypt-data'] });
    expect(passed.status).toBe(200);
    expect((await partner.kms('retire-grant', { key_id: keyId, grant_id: g.body.grant_id })).status).toBe(200);
    expect(refusal(await partner.kms('encrypt-data', { key_id: keyId, plain_text: 'x' }))).toEqual({ status: 404, code: 'KMS.0207' });
    expect((await helper.client.kms<{ plain_text: string }>('decrypt-data', { cipher_text: enc.body.cipher_text })).body.plain_text).toBe(crossDomain);
    // An IAM Allow in the partner domain never opens the first domain's keys.
    expect(refusal(await partner.kms('describe-key', { key_id: keyId }))).toEqual({ status: 404, code: 'KMS.0207' });
  });

  it('list-retirable-grants: the retiring principal sees the grant and may retire it', async () => {
    const keyId = await createKey();
    const retirer = await userWithKey('rita');
    const g = await admin.kms<{ grant_id: string }>('create-grant', { key_id: keyId, grantee_principal: 'b'.repeat(32), operations: ['describe-key'], retiring_principal: retirer.id });
    const roles = await admin.call<{ roles: { id: string }[] }>('GET', '/v3/roles?display_name=KMS%20CMKFullAccess');
    const group = await admin.call<{ group: { id: string } }>('POST', '/v3/groups', { group: { name: 'retirers' } });
    await admin.call('PUT', `/v3/projects/${dew.credentials.project_id}/groups/${group.body.group.id}/roles/${roles.body.roles[0]!.id}`);
    await admin.call('PUT', `/v3/groups/${group.body.group.id}/users/${retirer.id}`);
    const list = await retirer.client.kms<{ grants: { grant_id: string }[] }>('list-retirable-grants', {});
    expect(list.body.grants.map((x) => x.grant_id)).toContain(g.body.grant_id);
    expect((await retirer.client.kms('retire-grant', { key_id: keyId, grant_id: g.body.grant_id })).status).toBe(200);
  });
});

describe('enterprise projects, default keys, deletion risk (K15, K3, K16)', () => {
  it('a key moves to another enterprise project and list-keys filters by it', async () => {
    const keyId = await createKey();
    const moved = await admin.kms<{ key_info: { enterprise_project_id: string } }>('update-key-enterprise-project', { key_id: keyId, enterprise_project_id: 'ep-finance' });
    expect(moved.body.key_info.enterprise_project_id).toBe('ep-finance');
    const listed = await admin.kms<{ keys: string[] }>('list-keys', { enterprise_project_id: 'ep-finance' });
    expect(listed.body.keys).toEqual([keyId]);
  });

  it('delete-key-risk-tips counts the key\'s grants', async () => {
    const keyId = await createKey();
    await admin.kms('create-grant', { key_id: keyId, grantee_principal: 'c'.repeat(32), operations: ['describe-key'] });
    expect((await admin.kms<{ last_used_time: string }>('delete-key-risk-tips', { key_id: keyId })).body.last_used_time).toBe('');
    await admin.kms('encrypt-data', { key_id: keyId, plain_text: marker('plaintext') });
    const risk = await admin.kms<{ key_id: string; grants: number; dependents: unknown[]; last_used_time: string }>('delete-key-risk-tips', { key_id: keyId });
    expect(risk.body).toMatchObject({ key_id: keyId, grants: 1, dependents: [] });
    expect(Number(risk.body.last_used_time)).toBeGreaterThan(Date.now() - 60_000);
  });
});
