import { createHash, randomBytes } from 'node:crypto';
import { DewSystem, marker, refusal, rememberSecret, type ApiCredentials, type ApiResult, type SdkClient } from '@dew/testing';
import { CSMS_MODELS } from './conformance/csms-models.js';
import { KMS_MODELS } from './conformance/kms-models.js';
import { conformanceProblems, type ModelFields, type Omissions } from './conformance/model-walk.js';

let dew: DewSystem;
let admin: SdkClient;

beforeAll(async () => {
  dew = await DewSystem.start();
  admin = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

const K = '/v1.0/{project_id}/kms';
const S = '/v1/{project_id}/secrets';
const T = '/v1/{project_id}/csms';
const UNKNOWN_KEY = '0b9f3c52-7a8e-4e55-9c1d-2f6a8b7c9d0f';
const tag = () => randomBytes(3).toString('hex');

async function createKey(body: object = {}): Promise<string> {
  const res = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `wire-${tag()}`, ...body });
  expect(res.status).toBe(200);
  return res.body.key_info.key_id;
}

async function userWithPolicy(name: string, policy: string): Promise<{ id: string; client: SdkClient }> {
  const user = await admin.call<{ user: { id: string } }>('POST', '/v3/users', { user: { name: `${name}-${tag()}`, domain_id: dew.credentials.domain_id } });
  const group = await admin.call<{ group: { id: string } }>('POST', '/v3/groups', { group: { name: `${name}-${tag()}` } });
  const roles = await admin.call<{ roles: { id: string }[] }>('GET', `/v3/roles?display_name=${encodeURIComponent(policy)}`);
  await admin.call('PUT', `/v3/projects/${dew.credentials.project_id}/groups/${group.body.group.id}/roles/${roles.body.roles[0]!.id}`);
  await admin.call('PUT', `/v3/groups/${group.body.group.id}/users/${user.body.user.id}`);
  const key = await admin.call<{ credential: { access: string; secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: user.body.user.id } });
  rememberSecret('secret-key', key.body.credential.secret);
  const creds: ApiCredentials = { access: key.body.credential.access, secret: key.body.credential.secret, project_id: dew.credentials.project_id };
  return { id: user.body.user.id, client: dew.client(creds) };
}

/** Collects each operation's answer, then walks them all against the SDK models. */
class Walk {
  readonly problems: Record<string, string[]> = {};
  readonly walked = new Set<string>();
  constructor(private readonly models: Readonly<Record<string, ModelFields>>, private readonly omitted: Readonly<Record<string, Omissions>>) {}
  async check<B>(op: string, call: Promise<ApiResult<B>>): Promise<B> {
    const res = await call;
    expect({ op, status: res.status }).toEqual({ op, status: 200 });
    const problems = conformanceProblems(res.body, this.models[op] ?? {}, this.omitted[op]);
    if (problems.length > 0) this.problems[op] = problems;
    this.walked.add(op);
    return res.body;
  }
}

/** Optional fields of the KMS models that DEW leaves out, and why. */
const KMS_OMITTED: Readonly<Record<string, Omissions>> = {};
/** Optional fields of the CSMS models that DEW sends as null, and why. */
const NOT_ROTATED = 'null until the secret is rotated, and while auto rotation is off';
const SECRET_NULLS = (prefix: string): Omissions => ({
  [`${prefix}.scheduled_delete_time`]: 'null while the secret is not pending deletion',
  [`${prefix}.rotation_time`]: NOT_ROTATED,
  [`${prefix}.next_rotation_time`]: NOT_ROTATED,
});
const VERSION_NULLS = (prefix: string): Omissions => ({ [`${prefix}.expire_time`]: 'null when the version has no expiry' });
const PAGE_NULLS: Omissions = { 'page_info.next_marker': 'null on the last page', 'page_info.previous_marker': 'null: DEW pages forward only' };
const CSMS_OMITTED: Readonly<Record<string, Omissions>> = {
  'create-secret': SECRET_NULLS('secret'),
  'list-secrets': { ...SECRET_NULLS('secrets[]'), ...PAGE_NULLS },
  'show-secret': SECRET_NULLS('secret'),
  'update-secret': SECRET_NULLS('secret'),
  'schedule-secret-deletion': SECRET_NULLS('secret'),
  'cancel-secret-deletion': SECRET_NULLS('secret'),
  'restore-secret': SECRET_NULLS('secret'),
  'create-secret-version': VERSION_NULLS('version_metadata'),
  'list-secret-versions': { ...VERSION_NULLS('version_metadatas[]'), ...PAGE_NULLS },
  'show-secret-version': {
    ...VERSION_NULLS('version.version_metadata'),
    'version.secret_string': 'a version holds a text or a binary value: the other field is left out',
    'version.secret_binary': 'a version holds a text or a binary value: the other field is left out',
  },
  'list-secrets-by-tags': SECRET_NULLS('resources[].resource_detail'),
  'update-secret-version': {},
};
/** Served operations whose SDK model declares no field: nothing to walk (their behaviour is covered elsewhere). */
const KMS_EMPTY_MODELS_NOT_WALKED = ['import-key-material', 'delete-imported-key-material'];

describe('conformance: every served KMS operation answers the fields its SDK model declares, with their JSON types', () => {
  it('KMS: create, describe, list, state changes, crypto, grants, rotation, tags, import parameters', async () => {
    const walk = new Walk(KMS_MODELS, KMS_OMITTED);
    const keyId = (await walk.check<{ key_info: { key_id: string } }>('create-key', admin.kms('create-key', { key_alias: `wire-${tag()}`, tags: [{ key: 'team', value: 'red' }] }))).key_info.key_id;
    await walk.check('describe-key', admin.kms('describe-key', { key_id: keyId }));
    await walk.check('list-keys', admin.kms('list-keys', { key_spec: 'ALL' }));
    await walk.check('disable-key', admin.kms('disable-key', { key_id: keyId }));
    await walk.check('enable-key', admin.kms('enable-key', { key_id: keyId }));
    const doomed = await createKey();
    await walk.check('schedule-key-deletion', admin.kms('schedule-key-deletion', { key_id: doomed, pending_days: '7' }));
    await walk.check('cancel-key-deletion', admin.kms('cancel-key-deletion', { key_id: doomed }));
    await walk.check('update-key-alias', admin.kms('update-key-alias', { key_id: keyId, key_alias: `wire-${tag()}` }));
    await walk.check('update-key-description', admin.kms('update-key-description', { key_id: keyId, key_description: 'wire' }));
    await walk.check('user-instances', admin.call('GET', `${K}/user-instances`));
    await walk.check('user-quotas', admin.call('GET', `${K}/user-quotas`));

    const dk = await walk.check<{ plain_text: string; cipher_text: string }>('create-datakey', admin.kms('create-datakey', { key_id: keyId, datakey_length: '256' }));
    rememberSecret('data-key', Buffer.from(dk.plain_text, 'hex'));
    await walk.check('create-datakey-without-plaintext', admin.kms('create-datakey-without-plaintext', { key_id: keyId, datakey_length: '256' }));
    const dek = rememberSecret('data-key', randomBytes(32));
    const plain = Buffer.concat([dek, createHash('sha256').update(dek).digest()]).toString('hex');
    const wrapped = await walk.check<{ cipher_text: string }>('encrypt-datakey', admin.kms('encrypt-datakey', { key_id: keyId, plain_text: plain, datakey_plain_length: '32' }));
    await walk.check('decrypt-datakey', admin.kms('decrypt-datakey', { key_id: keyId, cipher_text: wrapped.cipher_text, datakey_cipher_length: '32' }));
    const enc = await walk.check<{ cipher_text: string }>('encrypt-data', admin.kms('encrypt-data', { key_id: keyId, plain_text: marker('plaintext') }));
    await walk.check('decrypt-data', admin.kms('decrypt-data', { cipher_text: enc.cipher_text }));
    const signer = await createKey({ key_spec: 'EC_P256', key_usage: 'SIGN_VERIFY' });
    const digest = createHash('sha256').update('wire').digest('base64');
    const sig = await walk.check<{ signature: string }>('sign', admin.kms('sign', { key_id: signer, message: digest, signing_algorithm: 'ECDSA_SHA_256' }));
    await walk.check('verify', admin.kms('verify', { key_id: signer, message: digest, signature: sig.signature, signing_algorithm: 'ECDSA_SHA_256' }));
    await walk.check('get-publickey', admin.kms('get-publickey', { key_id: signer }));
    const macKey = await createKey({ key_spec: 'HMAC_256', key_usage: 'GENERATE_VERIFY_MAC' });
    const message = Buffer.from('wire').toString('base64');
    const mac = await walk.check<{ mac: string }>('generate-mac', admin.kms('generate-mac', { key_id: macKey, mac_algorithm: 'HMAC_SHA_256', message }));
    await walk.check('verify-mac', admin.kms('verify-mac', { key_id: macKey, mac_algorithm: 'HMAC_SHA_256', message, mac: mac.mac }));
    await walk.check('gen-random', admin.kms('gen-random', { random_data_length: '256' }));
    const external = await createKey({ origin: 'external' });
    await walk.check('get-parameters-for-import', admin.kms('get-parameters-for-import', { key_id: external, wrapping_algorithm: 'RSAES_OAEP_SHA_256' }));

    const retirer = await userWithPolicy('walk-retirer', 'KMS CMKFullAccess');
    const grant = await walk.check<{ grant_id: string }>('create-grant', admin.kms('create-grant', { key_id: keyId, grantee_principal: 'b'.repeat(32), operations: ['describe-key'], retiring_principal: retirer.id }));
    await walk.check('list-grants', admin.kms('list-grants', { key_id: keyId }));
    await walk.check('list-retirable-grants', retirer.client.kms('list-retirable-grants', {}));
    await walk.check('retire-grant', retirer.client.kms('retire-grant', { key_id: keyId, grant_id: grant.grant_id }));
    const second = await admin.kms<{ grant_id: string }>('create-grant', { key_id: keyId, grantee_principal: 'b'.repeat(32), operations: ['describe-key'] });
    await walk.check('revoke-grant', admin.kms('revoke-grant', { key_id: keyId, grant_id: second.body.grant_id }));

    await walk.check('enable-key-rotation', admin.kms('enable-key-rotation', { key_id: keyId }));
    await walk.check('update-key-rotation-interval', admin.kms('update-key-rotation-interval', { key_id: keyId, rotation_interval: 30 }));
    await walk.check('rotate-on-demand', admin.kms('rotate-on-demand', { key_id: keyId }));
    await walk.check('get-key-rotation-status', admin.kms('get-key-rotation-status', { key_id: keyId }));
    await walk.check('disable-key-rotation', admin.kms('disable-key-rotation', { key_id: keyId }));

    await walk.check('show-key-tags', admin.call('GET', `${K}/${keyId}/tags`));
    await walk.check('list-project-tags', admin.call('GET', `${K}/tags`));
    await walk.check('resource_instances/action', admin.kms('resource_instances/action', { action: 'filter', limit: '10', offset: '0', tags: [{ key: 'team', values: ['red'] }] }));

    expect(walk.problems).toEqual({});
    expect([...walk.walked, ...KMS_EMPTY_MODELS_NOT_WALKED].sort()).toEqual(Object.keys(KMS_MODELS).sort());
  });
});

describe('conformance: every served CSMS operation answers the fields its SDK model declares, with their JSON types', () => {
  it('CSMS: secrets, versions, stages, deletion, backup and restore, tags', async () => {
    const walk = new Walk(CSMS_MODELS, CSMS_OMITTED);
    const name = `wire-${tag()}`;
    const created = await walk.check<{ secret: { id: string } }>('create-secret', admin.call('POST', S, { name, secret_string: marker('secret-value') }));
    await walk.check('list-secrets', admin.call('GET', S));
    await walk.check('show-secret', admin.call('GET', `${S}/${name}`));
    await walk.check('update-secret', admin.call('PUT', `${S}/${name}`, { description: 'wire' }));
    await walk.check('create-secret-version', admin.call('POST', `${S}/${name}/versions`, { secret_string: marker('secret-value') }));
    await walk.check('list-secret-versions', admin.call('GET', `${S}/${name}/versions`));
    await walk.check('show-secret-version', admin.call('GET', `${S}/${name}/versions/v1`));
    await walk.check('update-secret-version', admin.call('PUT', `${S}/${name}/versions/v1`, { expire_time: Math.floor(Date.now() / 1000) + 86_400 }));
    await walk.check('update-secret-stage', admin.call('PUT', `${S}/${name}/stages/canary`, { version_id: 'v1' }));
    await walk.check('show-secret-stage', admin.call('GET', `${S}/${name}/stages/canary`));
    expect((await admin.call('POST', `${T}/${created.secret.id}/tags`, { tag: { key: 'team', value: 'red' } })).status).toBe(204);
    await walk.check('show-secret-tags', admin.call('GET', `${T}/${created.secret.id}/tags`));
    await walk.check('list-project-secret-tags', admin.call('GET', `${T}/tags`));
    await walk.check('list-secrets-by-tags', admin.call('POST', `${T}/resource_instances/action`, { action: 'filter', tags: [{ key: 'team', values: ['red'] }] }));
    await walk.check('schedule-secret-deletion', admin.call('POST', `${S}/${name}/scheduled-deleted-tasks/create`, { recovery_window_in_days: 7 }));
    await walk.check('cancel-secret-deletion', admin.call('POST', `${S}/${name}/scheduled-deleted-tasks/cancel`));
    const blob = await walk.check<{ secret_blob: string }>('backup-secret', admin.call('POST', `${S}/${name}/backup`));
    expect((await admin.call('DELETE', `${S}/${name}`)).status).toBe(204);
    await walk.check('restore-secret', admin.call('POST', `${S}/restore`, { secret_blob: blob.secret_blob }));

    expect(walk.problems).toEqual({});
    expect([...walk.walked].sort()).toEqual(Object.keys(CSMS_MODELS).sort());
  });
});

describe('issue 13 #6: a malformed id is 400 in the service family naming the field, not 404', () => {
  const G = 'a'.repeat(32);
  // Every route with an id field, the field, and a value that cannot be such an id.
  const cases: readonly { route: string; call: () => Promise<ApiResult<unknown>>; status: number; code: string; field: string }[] = [
    ...['describe-key', 'enable-key', 'disable-key', 'cancel-key-deletion', 'get-publickey', 'get-key-rotation-status', 'enable-key-rotation', 'disable-key-rotation', 'rotate-on-demand', 'list-grants', 'delete-imported-key-material', 'delete-key-risk-tips'].map((verb) => ({
      route: `kms ${verb}`, call: () => admin.kms(verb, { key_id: 'not-a-uuid' }), status: 400, code: 'KMS.0205', field: 'key_id',
    })),
    { route: 'kms schedule-key-deletion', call: () => admin.kms('schedule-key-deletion', { key_id: 'not-a-uuid', pending_days: '7' }), status: 400, code: 'KMS.0205', field: 'key_id' },
    { route: 'kms update-key-alias', call: () => admin.kms('update-key-alias', { key_id: 'not-a-uuid', key_alias: 'x' }), status: 400, code: 'KMS.0205', field: 'key_id' },
    { route: 'kms update-key-description', call: () => admin.kms('update-key-description', { key_id: 'not-a-uuid', key_description: 'x' }), status: 400, code: 'KMS.0205', field: 'key_id' },
    { route: 'kms update-key-rotation-interval', call: () => admin.kms('update-key-rotation-interval', { key_id: 'not-a-uuid', rotation_interval: 30 }), status: 400, code: 'KMS.0205', field: 'key_id' },
    { route: 'kms encrypt-data', call: () => admin.kms('encrypt-data', { key_id: 'not-a-uuid', plain_text: 'x' }), status: 400, code: 'KMS.0205', field: 'key_id' },
    { route: 'kms create-datakey', call: () => admin.kms('create-datakey', { key_id: 'not-a-uuid' }), status: 400, code: 'KMS.0205', field: 'key_id' },
    { route: 'kms sign', call: () => admin.kms('sign', { key_id: 'not-a-uuid', message: 'AA==', signing_algorithm: 'ECDSA_SHA_256' }), status: 400, code: 'KMS.0205', field: 'key_id' },
    { route: 'kms get-parameters-for-import', call: () => admin.kms('get-parameters-for-import', { key_id: 'not-a-uuid', wrapping_algorithm: 'RSAES_OAEP_SHA_256' }), status: 400, code: 'KMS.0205', field: 'key_id' },
    { route: 'kms create-grant', call: () => admin.kms('create-grant', { key_id: 'not-a-uuid', grantee_principal: G, operations: ['describe-key'] }), status: 400, code: 'KMS.0205', field: 'key_id' },
    { route: 'kms revoke-grant (key_id)', call: () => admin.kms('revoke-grant', { key_id: 'not-a-uuid', grant_id: 'f'.repeat(64) }), status: 400, code: 'KMS.0205', field: 'key_id' },
    { route: 'kms revoke-grant (grant_id)', call: () => admin.kms('revoke-grant', { key_id: UNKNOWN_KEY, grant_id: 'not-a-grant' }), status: 400, code: 'KMS.0308', field: 'grant_id' },
    { route: 'kms GET {key_id}/tags', call: () => admin.call('GET', `${K}/not-a-uuid/tags`), status: 400, code: 'KMS.0205', field: 'key_id' },
    { route: 'kms POST {key_id}/tags', call: () => admin.call('POST', `${K}/not-a-uuid/tags`, { tag: { key: 'k', value: 'v' } }), status: 400, code: 'KMS.0205', field: 'key_id' },
    { route: 'csms GET versions/{version_id}', call: () => admin.call('GET', `${S}/wire-ids/versions/not-a-version`), status: 400, code: 'CSMS.0002', field: 'version_id' },
    { route: 'csms PUT versions/{version_id}', call: () => admin.call('PUT', `${S}/wire-ids/versions/v0`, { expire_time: 4_000_000_000 }), status: 400, code: 'CSMS.0002', field: 'version_id' },
    { route: 'csms PUT stages/{stage} version_id', call: () => admin.call('PUT', `${S}/wire-ids/stages/canary`, { version_id: 'one' }), status: 400, code: 'CSMS.0002', field: 'version_id' },
    { route: 'csms POST secrets kms_key_id', call: () => admin.call('POST', S, { name: `wire-${tag()}`, secret_string: 'x', kms_key_id: 'not-a-uuid' }), status: 400, code: 'CSMS.0002', field: 'kms_key_id' },
    { route: 'csms GET {secret_id}/tags', call: () => admin.call('GET', `${T}/not-a-uuid/tags`), status: 400, code: 'CSMS.0002', field: 'secret_id' },
    { route: 'csms POST {secret_id}/tags', call: () => admin.call('POST', `${T}/not-a-uuid/tags`, { tag: { key: 'k', value: 'v' } }), status: 400, code: 'CSMS.0002', field: 'secret_id' },
    { route: 'csms DELETE {secret_id}/tags/{key}', call: () => admin.call('DELETE', `${T}/not-a-uuid/tags/k`), status: 400, code: 'CSMS.0002', field: 'secret_id' },
    { route: 'csms POST {secret_id}/tags/action', call: () => admin.call('POST', `${T}/not-a-uuid/tags/action`, { action: 'create', tags: [{ key: 'k', value: 'v' }] }), status: 400, code: 'CSMS.0002', field: 'secret_id' },
    { route: 'iam GET users/{user_id}', call: () => admin.call('GET', '/v3/users/not-an-id'), status: 400, code: 'IAM.0001', field: 'user_id' },
    { route: 'iam GET OS-USER/users/{user_id}', call: () => admin.call('GET', '/v3.0/OS-USER/users/not-an-id'), status: 400, code: 'IAM.0001', field: 'user_id' },
    { route: 'iam PUT OS-USER/users/{user_id}', call: () => admin.call('PUT', '/v3.0/OS-USER/users/not-an-id', { user: { description: 'x' } }), status: 400, code: 'IAM.0001', field: 'user_id' },
    { route: 'iam POST users/{user_id}/password', call: () => admin.call('POST', '/v3/users/not-an-id/password', { user: { original_password: 'x', password: 'y' } }), status: 400, code: 'IAM.0001', field: 'user_id' },
    { route: 'iam PATCH users/{user_id}', call: () => admin.call('PATCH', '/v3/users/not-an-id', { user: { description: 'x' } }), status: 400, code: 'IAM.0001', field: 'user_id' },
    { route: 'iam DELETE users/{user_id}', call: () => admin.call('DELETE', '/v3/users/not-an-id'), status: 400, code: 'IAM.0001', field: 'user_id' },
    { route: 'iam GET users/{user_id}/groups', call: () => admin.call('GET', '/v3/users/not-an-id/groups'), status: 400, code: 'IAM.0001', field: 'user_id' },
    { route: 'iam GET groups/{group_id}', call: () => admin.call('GET', '/v3/groups/not-an-id'), status: 400, code: 'IAM.0001', field: 'group_id' },
    { route: 'iam PATCH groups/{group_id}', call: () => admin.call('PATCH', '/v3/groups/not-an-id', { group: { description: 'x' } }), status: 400, code: 'IAM.0001', field: 'group_id' },
    { route: 'iam DELETE groups/{group_id}', call: () => admin.call('DELETE', '/v3/groups/not-an-id'), status: 400, code: 'IAM.0001', field: 'group_id' },
    { route: 'iam GET groups/{group_id}/users', call: () => admin.call('GET', '/v3/groups/not-an-id/users'), status: 400, code: 'IAM.0001', field: 'group_id' },
    { route: 'iam PUT groups/{group_id}/users/{user_id}', call: () => admin.call('PUT', `/v3/groups/${G}/users/not-an-id`), status: 400, code: 'IAM.0001', field: 'user_id' },
    { route: 'iam GET projects/{project_id}', call: () => admin.call('GET', '/v3/projects/not-an-id'), status: 400, code: 'IAM.0001', field: 'project_id' },
    { route: 'iam GET OS-ROLE/roles/{role_id}', call: () => admin.call('GET', '/v3.0/OS-ROLE/roles/not-an-id'), status: 400, code: 'IAM.0001', field: 'role_id' },
    { route: 'iam GET roles/{role_id}', call: () => admin.call('GET', '/v3/roles/not-an-id'), status: 400, code: 'IAM.0001', field: 'role_id' },
    { route: 'iam PUT projects/{p}/groups/{g}/roles/{role_id}', call: () => admin.call('PUT', `/v3/projects/${dew.credentials.project_id}/groups/${G}/roles/not-an-id`), status: 400, code: 'IAM.0001', field: 'role_id' },
    { route: 'iam PUT domains/{domain_id}/groups/{g}/roles/{r}', call: () => admin.call('PUT', `/v3/domains/not-an-id/groups/${G}/roles/${G}`), status: 400, code: 'IAM.0001', field: 'domain_id' },
    { route: 'iam GET OS-CREDENTIAL/credentials/{access_key}', call: () => admin.call('GET', '/v3.0/OS-CREDENTIAL/credentials/not-a-key'), status: 400, code: 'IAM.0001', field: 'access_key' },
    { route: 'iam DELETE OS-CREDENTIAL/credentials/{access_key}', call: () => admin.call('DELETE', '/v3.0/OS-CREDENTIAL/credentials/not-a-key'), status: 400, code: 'IAM.0001', field: 'access_key' },
    { route: 'iam POST OS-CREDENTIAL/credentials user_id', call: () => admin.call('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: 'not-an-id' } }), status: 400, code: 'IAM.0001', field: 'user_id' },
  ];

  beforeAll(async () => {
    expect((await admin.call('POST', S, { name: 'wire-ids', secret_string: marker('secret-value') })).status).toBe(200);
  });

  it.each(cases.map((c) => [c.route, c] as const))('%s with a malformed id: 400 in its own family naming the field', async (_route, c) => {
    const res = await c.call();
    expect(refusal(res)).toEqual({ status: c.status, code: c.code });
    expect(res.errorMsg).toContain(c.field);
  });

  it('a well-formed id nobody holds is still 404 (describe-key KMS.0207, show-user IAM.0002)', async () => {
    expect(refusal(await admin.kms('describe-key', { key_id: UNKNOWN_KEY }))).toEqual({ status: 404, code: 'KMS.0207' });
    expect(refusal(await admin.call('GET', `/v3/users/${'c'.repeat(32)}`))).toEqual({ status: 404, code: 'IAM.0002' });
  });
});

describe('issue 13 #8: get-key-rotation-status key_materials and secrets rotation_func_urn', () => {
  it('a key rotated twice: key_materials lists its three versions, oldest first, the newest current, each with its creation time', async () => {
    const keyId = await createKey();
    const before = Date.now();
    for (let i = 0; i < 2; i++) expect((await admin.kms('rotate-on-demand', { key_id: keyId })).status).toBe(200);
    const status = await admin.kms<{ number_of_rotations: number; key_materials: { material_id: string; state: number; create_time: string }[] }>('get-key-rotation-status', { key_id: keyId });
    expect(status.body.number_of_rotations).toBe(2);
    expect(status.body.key_materials.map((m) => m.material_id)).toEqual(['1', '2', '3']);
    expect(status.body.key_materials.map((m) => m.state)).toEqual([2, 2, 1]);
    const times = status.body.key_materials.map((m) => Number(m.create_time));
    expect(times[2]).toBeGreaterThanOrEqual(before - 1000);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('a secret answers rotation_func_urn (empty: DEW runs no rotation function)', async () => {
    const name = `wire-${tag()}`;
    const created = await admin.call<{ secret: Record<string, unknown> }>('POST', S, { name, secret_string: marker('secret-value') });
    expect(created.body.secret.rotation_func_urn).toBe('');
    expect((await admin.call<{ secret: Record<string, unknown> }>('GET', `${S}/${name}`)).body.secret.rotation_func_urn).toBe('');
  });
});

describe('issue 13 #11: list-retirable-grants', () => {
  it('a grant whose retiring_principal is empty is not listed to its grantee; one naming the caller as retiring principal is', async () => {
    const keyId = await createKey();
    const grantee = await userWithPolicy('grantee', 'KMS CMKFullAccess');
    const plain = await admin.kms<{ grant_id: string }>('create-grant', { key_id: keyId, grantee_principal: grantee.id, operations: ['describe-key'] });
    const named = await admin.kms<{ grant_id: string }>('create-grant', { key_id: keyId, grantee_principal: 'd'.repeat(32), operations: ['describe-key'], retiring_principal: grantee.id });
    const list = await grantee.client.kms<{ grants: { grant_id: string; retiring_principal: string }[]; total: number }>('list-retirable-grants', {});
    expect(list.status).toBe(200);
    expect(list.body.grants.map((g) => g.grant_id)).toEqual([named.body.grant_id]);
    expect(list.body.grants.every((g) => g.retiring_principal !== '')).toBe(true);
    expect(list.body.total).toBe(1);
    // The grantee may still retire its own grant; it is only not listed.
    expect((await grantee.client.kms('retire-grant', { key_id: keyId, grant_id: plain.body.grant_id })).status).toBe(200);
  });
});

describe('issue 13 #12: CSMS backup is opaque and restore keeps the secret id', () => {
  it('the blob is sealed (no readable JSON, name or field names); restore keeps the id, so the secret tags by id keep working', async () => {
    const name = `wire-${tag()}`;
    const value = marker('secret-value');
    const created = await admin.call<{ secret: { id: string } }>('POST', S, { name, secret_string: value });
    const id = created.body.secret.id;
    expect((await admin.call('POST', `${T}/${id}/tags`, { tag: { key: 'owner', value: 'team-a' } })).status).toBe(204);
    const blob = (await admin.call<{ secret_blob: string }>('POST', `${S}/${name}/backup`)).body.secret_blob;
    const bytes = Buffer.from(blob, 'base64');
    // JSON structure spelled over 4 bytes: a 2-byte fragment such as {" turns up in random ciphertext now and then.
    for (const readable of [name, id, 'dew-secret-backup', 'versions', 'kmsKeyId', '":{"']) expect(bytes.includes(Buffer.from(readable))).toBe(false);
    expect(() => JSON.parse(bytes.toString('utf8'))).toThrow();

    expect((await admin.call('DELETE', `${S}/${name}`)).status).toBe(204);
    expect(refusal(await admin.call('GET', `${T}/${id}/tags`))).toEqual({ status: 404, code: 'CSMS.0005' });
    const restored = await admin.call<{ secret: { id: string; name: string } }>('POST', `${S}/restore`, { secret_blob: blob });
    expect(restored.status).toBe(200);
    expect(restored.body.secret).toMatchObject({ id, name });
    expect((await admin.call<{ tags: { key: string; value: string }[] }>('GET', `${T}/${id}/tags`)).body.tags).toEqual([{ key: 'owner', value: 'team-a' }]);
    expect((await admin.call('POST', `${T}/${id}/tags`, { tag: { key: 'env', value: 'prod' } })).status).toBe(204);
    expect((await admin.call<{ version: { secret_string: string } }>('GET', `${S}/${name}/versions/latest`)).body.version.secret_string).toBe(value);
  });

  it('an altered blob is refused 400 CSMS.0002; a restore while the original lives is refused 400 CSMS.1002; the original is untouched', async () => {
    const name = `wire-${tag()}`;
    await admin.call('POST', S, { name, secret_string: marker('secret-value') });
    const blob = Buffer.from((await admin.call<{ secret_blob: string }>('POST', `${S}/${name}/backup`)).body.secret_blob, 'base64');
    const renamed = await admin.call('PUT', `${S}/${name}`, { description: 'still here' });
    expect(renamed.status).toBe(200);
    const altered = Buffer.from(blob);
    altered.writeUInt8(altered.readUInt8(altered.length - 1) ^ 0x01, altered.length - 1);
    expect(refusal(await admin.call('POST', `${S}/restore`, { secret_blob: altered.toString('base64') }))).toEqual({ status: 400, code: 'CSMS.0002' });
    // The original still lives under the same name and id.
    expect(refusal(await admin.call('POST', `${S}/restore`, { secret_blob: blob.toString('base64') }))).toEqual({ status: 400, code: 'CSMS.1002' });
    expect((await admin.call<{ secret: { description: string } }>('GET', `${S}/${name}`)).body.secret.description).toBe('still here');
  });
});
