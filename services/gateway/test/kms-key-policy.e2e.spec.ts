// Key policies and re-encrypt (docs/authorization.md, "Key policies", "Two keys"), through the
// real gateway, IAM and KMS, called as Huawei's SDK calls KMS (POST /v1.0/{project_id}/kms/<verb>).
import { randomBytes } from 'node:crypto';
import { IamUsers, marker, refusal, rememberSecret, startWithIamUsers, type DewSystem, type PolicyStatement, type SdkClient } from '@dew/testing';
import { conformanceProblems, type ModelFields } from './conformance/model-walk.js';

let dew: DewSystem;
let admin: SdkClient;
let iam: IamUsers;

beforeAll(async () => ({ dew, admin, iam } = await startWithIamUsers('keypol')));
afterAll(async () => {
  await dew?.stop();
});

/** The fields of the SDK's ReEncryptResponse (services/kms/v2/model/ReEncryptResponse.ts). */
const RE_ENCRYPT_RESPONSE: ModelFields = {
  key_id: 'string',
  source_key_id: 'string',
  source_encryption_algorithm: 'string',
  destination_encryption_algorithm: 'string',
  cipher_text: 'string',
};

type KeyStatement = { Effect: 'Allow' | 'Deny'; Action: string[]; Principal: { IAM: string[] } };
const policyText = (...statements: KeyStatement[]) => JSON.stringify({ Version: '1.1', Statement: statements });
const allowUser = (userId: string, ...actions: string[]): KeyStatement => ({ Effect: 'Allow', Action: actions, Principal: { IAM: [`user:${userId}`] } });

async function createKey(alias: string): Promise<string> {
  const res = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `${alias}-${randomBytes(3).toString('hex')}` });
  expect(res.status).toBe(200);
  return res.body.key_info.key_id;
}

async function putPolicy(keyId: string, ...statements: KeyStatement[]): Promise<void> {
  const res = await admin.kms('create-key-policy', { key_id: keyId, policy: policyText(...statements) });
  expect(res.status).toBe(200);
}

async function userAllowed(...actions: string[]): Promise<{ id: string; client: SdkClient }> {
  if (actions.length === 0) return iam.withPolicies([]);
  const statements: PolicyStatement[] = [{ Effect: 'Allow', Action: actions }];
  return iam.withPolicies([await iam.customPolicy(statements)]);
}

async function encryptedByAdmin(keyId: string): Promise<{ plain: string; cipher: string }> {
  const plain = rememberSecret('plaintext', marker('plaintext'));
  const res = await admin.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: plain });
  expect(res.status).toBe(200);
  return { plain, cipher: res.body.cipher_text };
}

describe('key policy operations', () => {
  it('create, show, list, update and delete a key policy: each answers as declared and show returns the stored document', async () => {
    const keyId = await createKey('kp-crud');
    const first = policyText(allowUser('a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'kms:cmk:encryptData'));
    const created = await admin.kms('create-key-policy', { key_id: keyId, policy: first });
    expect(created).toMatchObject({ status: 200, body: { key_id: keyId, policy_name: 'default' } });
    const shown = await admin.kms<{ key_id: string; policy: string; update_time: string }>('show-key-policy', { key_id: keyId });
    expect(shown.status).toBe(200);
    expect(JSON.parse(shown.body.policy)).toEqual(JSON.parse(first));
    const listed = await admin.kms<{ policies: { key_id: string; policy_name: string }[]; total: number }>('list-key-policies', { key_id: keyId });
    expect(listed.body).toMatchObject({ total: 1, policies: [{ key_id: keyId, policy_name: 'default' }] });
    const second = policyText({ Effect: 'Deny', Action: ['kms:cmk:*'], Principal: { IAM: ['user:a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2'] } });
    expect((await admin.kms('update-key-policy', { key_id: keyId, policy: second })).status).toBe(200);
    expect(JSON.parse((await admin.kms<{ policy: string }>('show-key-policy', { key_id: keyId })).body.policy)).toEqual(JSON.parse(second));
    expect((await admin.kms('delete-key-policy', { key_id: keyId })).status).toBe(200);
    expect(refusal(await admin.kms('show-key-policy', { key_id: keyId }))).toEqual({ status: 404, code: 'KMS.2803' });
    expect((await admin.kms<{ total: number }>('list-key-policies', { key_id: keyId })).body.total).toBe(0);
  });

  it('a second create on a key with a policy is refused 400 KMS.2802 and the first stays', async () => {
    const keyId = await createKey('kp-twice');
    await putPolicy(keyId, allowUser('a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'kms:cmk:encryptData'));
    expect(refusal(await admin.kms('create-key-policy', { key_id: keyId, policy: policyText(allowUser('a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9', 'kms:cmk:*')) }))).toEqual({ status: 400, code: 'KMS.2802' });
    expect((await admin.kms<{ policy: string }>('show-key-policy', { key_id: keyId })).body.policy).toContain('user:a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1');
  });

  it('an invalid policy is refused 400 KMS.2801 naming the field and the value, and nothing is stored', async () => {
    const keyId = await createKey('kp-invalid');
    const bad = await admin.kms('create-key-policy', {
      key_id: keyId, policy: policyText({ Effect: 'Allow', Action: ['kms:cmk:encryptData'], Principal: { IAM: ['account:42'] } }),
    });
    expect(refusal(bad)).toEqual({ status: 400, code: 'KMS.2801' });
    expect(bad.errorMsg).toContain('Statement[0].Principal.IAM[0]');
    expect(bad.errorMsg).toContain('"account:42"');
    expect(refusal(await admin.kms('show-key-policy', { key_id: keyId }))).toEqual({ status: 404, code: 'KMS.2803' });
  });

  it('managing key policies needs its own IAM action: a user allowed only kms:policy:get reads but cannot update (403 KMS.0307)', async () => {
    const keyId = await createKey('kp-actions');
    await putPolicy(keyId, allowUser('a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'kms:cmk:encryptData'));
    const reader = await userAllowed('kms:policy:get');
    expect((await reader.client.kms('show-key-policy', { key_id: keyId })).status).toBe(200);
    expect(refusal(await reader.client.kms('update-key-policy', { key_id: keyId, policy: policyText(allowUser(reader.id, 'kms:cmk:*')) }))).toEqual({ status: 403, code: 'KMS.0307' });
  });
});

describe('key policies in the decision', () => {
  it('a user with no IAM rights is refused encrypt-data (403 KMS.0306) until the key policy allows it, then encrypts', async () => {
    const keyId = await createKey('kp-allow');
    const nobody = await userAllowed();
    expect(refusal(await nobody.client.kms('encrypt-data', { key_id: keyId, plain_text: 'hello' }))).toEqual({ status: 403, code: 'KMS.0306' });
    await putPolicy(keyId, allowUser(nobody.id, 'kms:cmk:encryptData'));
    const res = await nobody.client.kms<{ key_id: string; cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: 'hello' });
    expect(res.status).toBe(200);
    expect(res.body.key_id).toBe(keyId);
    expect(refusal(await nobody.client.kms('decrypt-data', { cipher_text: res.body.cipher_text }))).toEqual({ status: 403, code: 'KMS.0306' });
  });

  it('a key operation no grant covers (get-key-rotation-status) is refused 403 KMS.0307 without rights and answered once the key policy allows it', async () => {
    const keyId = await createKey('kp-rotation');
    const nobody = await userAllowed();
    expect(refusal(await nobody.client.kms('get-key-rotation-status', { key_id: keyId }))).toEqual({ status: 403, code: 'KMS.0307' });
    await putPolicy(keyId, allowUser(nobody.id, 'kms:cmk:getRotation'));
    expect((await nobody.client.kms('get-key-rotation-status', { key_id: keyId })).status).toBe(200);
  });

  it('a key-policy Deny stops a KMS Administrator: encrypt-data and disable-key refused 403 KMS.2804, the key stays enabled', async () => {
    const keyId = await createKey('kp-deny');
    const kmsAdmin = await iam.withPolicies([await iam.systemPolicy('KMS Administrator')]);
    expect((await kmsAdmin.client.kms('encrypt-data', { key_id: keyId, plain_text: 'before' })).status).toBe(200);
    await putPolicy(keyId, { Effect: 'Deny', Action: ['kms:cmk:encryptData', 'kms:cmk:disable'], Principal: { IAM: [`user:${kmsAdmin.id}`] } });
    const encrypted = await kmsAdmin.client.kms('encrypt-data', { key_id: keyId, plain_text: 'after' });
    expect(refusal(encrypted)).toEqual({ status: 403, code: 'KMS.2804' });
    expect(encrypted.body).not.toHaveProperty('cipher_text');
    expect(refusal(await kmsAdmin.client.kms('disable-key', { key_id: keyId }))).toEqual({ status: 403, code: 'KMS.2804' });
    const described = await admin.kms<{ key_info: { key_state: string } }>('describe-key', { key_id: keyId });
    expect(described.body.key_info.key_state).toBe('2');
  });

  it('a user of a second domain uses the key only while the key policy allows their domain', async () => {
    const keyId = await createKey('kp-cross');
    const partner = await dew.bootstrapDomain('keypol-partner');
    const outsider = dew.client(partner);
    expect(refusal(await outsider.kms('encrypt-data', { key_id: keyId, plain_text: 'hello' }))).toEqual({ status: 404, code: 'KMS.0207' });
    await putPolicy(keyId, { Effect: 'Allow', Action: ['kms:cmk:encryptData'], Principal: { IAM: [`domain:${partner.domain_id}`] } });
    const used = await outsider.kms<{ key_id: string; cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: 'hello' });
    expect(used.status).toBe(200);
    expect(used.body.key_id).toBe(keyId);
    // Only what the policy names: no decrypt, and management of the key stays the owner's.
    expect(refusal(await outsider.kms('decrypt-data', { cipher_text: used.body.cipher_text }))).toEqual({ status: 404, code: 'KMS.0207' });
    expect(refusal(await outsider.kms('disable-key', { key_id: keyId }))).toEqual({ status: 404, code: 'KMS.0207' });
    expect((await admin.kms('delete-key-policy', { key_id: keyId })).status).toBe(200);
    expect(refusal(await outsider.kms('encrypt-data', { key_id: keyId, plain_text: 'hello' }))).toEqual({ status: 404, code: 'KMS.0207' });
  });
});

describe('re-encrypt', () => {
  it('with decrypt rights on the source and encrypt rights on the destination: a ciphertext of the destination key, which decrypts to the plaintext', async () => {
    const source = await createKey('re-src');
    const destination = await createKey('re-dst');
    const user = await userAllowed('kms:cmk:decryptData');
    await putPolicy(destination, allowUser(user.id, 'kms:cmk:encryptData'));
    const { plain, cipher } = await encryptedByAdmin(source);
    const res = await user.client.kms<Record<string, string>>('re-encrypt', { cipher_text: cipher, destination_key_id: destination });
    expect(res.status).toBe(200);
    expect(conformanceProblems(res.body, RE_ENCRYPT_RESPONSE)).toEqual([]);
    expect(res.body).toMatchObject({ key_id: destination, source_key_id: source, source_encryption_algorithm: 'SYMMETRIC_DEFAULT', destination_encryption_algorithm: 'SYMMETRIC_DEFAULT' });
    expect(JSON.stringify(res.body)).not.toContain(plain);
    const back = await admin.kms<{ key_id: string; plain_text: string }>('decrypt-data', { cipher_text: res.body.cipher_text });
    expect(back.body).toMatchObject({ key_id: destination, plain_text: plain });
  });

  it('a user with no IAM rights re-encrypts through grants on both keys, and the reEncrypt trace names both keys', async () => {
    const source = await createKey('re-grant-src');
    const destination = await createKey('re-grant-dst');
    const user = await userAllowed();
    expect((await admin.kms('create-grant', { key_id: source, grantee_principal: user.id, operations: ['decrypt-data'] })).status).toBe(200);
    const { plain, cipher } = await encryptedByAdmin(source);
    expect(refusal(await user.client.kms('re-encrypt', { cipher_text: cipher, destination_key_id: destination }))).toEqual({ status: 403, code: 'KMS.0306' });
    expect((await admin.kms('create-grant', { key_id: destination, grantee_principal: user.id, operations: ['encrypt-data'] })).status).toBe(200);
    const res = await user.client.kms<{ cipher_text: string }>('re-encrypt', { cipher_text: cipher, destination_key_id: destination });
    expect(res.status).toBe(200);
    expect((await admin.kms<{ plain_text: string }>('decrypt-data', { cipher_text: res.body.cipher_text })).body.plain_text).toBe(plain);
    type Traces = { traces: { trace_name: string; resource_id: string; request?: string }[] };
    let found: Traces['traces'] = [];
    for (let i = 0; i < 50 && found.length === 0; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      const traces = await admin.call<Traces>('GET', `/v3/{project_id}/traces?trace_type=system&service_type=KMS&resource_id=${source}&trace_name=reEncrypt`);
      expect(traces.status).toBe(200);
      found = traces.body.traces;
    }
    expect(found).toHaveLength(1);
    expect(found[0]?.request).toContain(destination);
    expect(found[0]?.request).not.toContain(plain);
  });

  it('a second domain moves a ciphertext from a key it is allowed to decrypt by key policy to its own key, and is refused once the policy is gone', async () => {
    const source = await createKey('re-cross-src');
    const partner = await dew.bootstrapDomain('keypol-reencrypt-partner');
    const outsider = dew.client(partner);
    const own = await outsider.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `partner-${randomBytes(3).toString('hex')}` });
    expect(own.status).toBe(200);
    const { plain, cipher } = await encryptedByAdmin(source);
    await putPolicy(source, { Effect: 'Allow', Action: ['kms:cmk:decryptData'], Principal: { IAM: [`domain:${partner.domain_id}`] } });
    const moved = await outsider.kms<{ key_id: string; source_key_id: string; cipher_text: string }>('re-encrypt', { cipher_text: cipher, destination_key_id: own.body.key_info.key_id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ key_id: own.body.key_info.key_id, source_key_id: source });
    expect((await outsider.kms<{ plain_text: string }>('decrypt-data', { cipher_text: moved.body.cipher_text })).body.plain_text).toBe(plain);
    expect((await admin.kms('delete-key-policy', { key_id: source })).status).toBe(200);
    const refused = await outsider.kms('re-encrypt', { cipher_text: cipher, destination_key_id: own.body.key_info.key_id });
    expect(refusal(refused)).toEqual({ status: 404, code: 'KMS.0207' });
    expect(refused.body).not.toHaveProperty('cipher_text');
  });

  it('the destination additional_authenticated_data binds the new ciphertext', async () => {
    const source = await createKey('re-aad-src');
    const destination = await createKey('re-aad-dst');
    const { plain, cipher } = await encryptedByAdmin(source);
    const res = await admin.kms<{ cipher_text: string }>('re-encrypt', { cipher_text: cipher, destination_key_id: destination, destination_additional_authenticated_data: 'ctx-1' });
    expect(res.status).toBe(200);
    expect((await admin.kms('decrypt-data', { cipher_text: res.body.cipher_text })).status).toBe(400);
    expect((await admin.kms<{ plain_text: string }>('decrypt-data', { cipher_text: res.body.cipher_text, additional_authenticated_data: 'ctx-1' })).body.plain_text).toBe(plain);
  });

  it.each([
    ['encrypt rights on the destination', 'kms:cmk:decryptData'],
    ['decrypt rights on the source', 'kms:cmk:encryptData'],
  ])('without %s: refused 403 KMS.0306 and no ciphertext or plaintext returned', async (_lacking, onlyAction) => {
    const source = await createKey('re-lack-src');
    const destination = await createKey('re-lack-dst');
    const user = await userAllowed(onlyAction);
    const { plain, cipher } = await encryptedByAdmin(source);
    const res = await user.client.kms('re-encrypt', { cipher_text: cipher, destination_key_id: destination });
    expect(refusal(res)).toEqual({ status: 403, code: 'KMS.0306' });
    expect(res.body).not.toHaveProperty('cipher_text');
    expect(JSON.stringify(res.body)).not.toContain(plain);
  });

  it('bad input changes nothing and answers 4xx naming the problem: RSA destination, wrong source_key_id, datakey_cipher_length, malformed destination', async () => {
    const source = await createKey('re-bad-src');
    const rsa = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `re-bad-rsa-${randomBytes(3).toString('hex')}`, key_spec: 'RSA_2048', key_usage: 'ENCRYPT_DECRYPT' });
    const other = await createKey('re-bad-other');
    const { cipher } = await encryptedByAdmin(source);
    const cases: [object, { status: number; code: string }, string][] = [
      [{ destination_key_id: rsa.body.key_info.key_id }, { status: 400, code: 'KMS.0308' }, 'asymmetric'],
      [{ destination_key_id: other, source_key_id: other }, { status: 400, code: 'KMS.0308' }, `not by key_id ${other}`],
      [{ destination_key_id: other, datakey_cipher_length: '32' }, { status: 400, code: 'KMS.0308' }, 'datakey_cipher_length'],
      [{ destination_key_id: 'not-a-key' }, { status: 400, code: 'KMS.0205' }, 'destination_key_id'],
    ];
    for (const [body, expected, named] of cases) {
      const res = await admin.kms('re-encrypt', { cipher_text: cipher, ...body });
      expect([refusal(res), res.errorMsg?.includes(named)]).toEqual([expected, true]);
      expect(res.body).not.toHaveProperty('cipher_text');
    }
  });

  it('an IAM Deny on the destination key is refused at the gateway: 403 KMS.0307', async () => {
    const source = await createKey('re-deny-src');
    const destination = await createKey('re-deny-dst');
    const user = await iam.withPolicies([await iam.customPolicy([
      { Effect: 'Allow', Action: ['kms:cmk:decryptData', 'kms:cmk:encryptData'] },
      { Effect: 'Deny', Action: ['kms:cmk:encryptData'], Resource: [`KMS:*:*:KeyId:${destination}`] } as PolicyStatement,
    ])]);
    const { cipher } = await encryptedByAdmin(source);
    const res = await user.client.kms('re-encrypt', { cipher_text: cipher, destination_key_id: destination });
    expect(refusal(res)).toEqual({ status: 403, code: 'KMS.0307' });
    expect(res.body).not.toHaveProperty('cipher_text');
  });
});
