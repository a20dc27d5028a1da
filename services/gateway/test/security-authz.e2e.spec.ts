// Authorization attacks (docs/authorization.md): each test performs the attack through the real
// gateway, IAM, KMS and CSMS and checks the refusal and that nothing changed.
import { DewSystem, IamUsers, marker, refusal, rememberSecret, type PolicyStatement, type SdkClient } from '@dew/testing';

let dew: DewSystem;
let admin: SdkClient;

beforeAll(async () => {
  dew = await DewSystem.start();
  admin = dew.client();
  iam = new IamUsers(dew, admin, 'authz');
});
afterAll(async () => {
  await dew?.stop();
});

type Statement = PolicyStatement & { Resource?: string[] };
let iam: IamUsers;

/** A custom policy with these statements; its id. */
const policy = (statements: Statement[]): Promise<string> => iam.customPolicy(statements);
const systemPolicy = (displayName: string): Promise<string> => iam.systemPolicy(displayName);
/** A user of the first domain whose group holds exactly these policies in the project (none: no IAM rights). */
const userWith = (policyIds: string[]): Promise<{ id: string; client: SdkClient }> => iam.withPolicies(policyIds);

const allowing = async (...actions: string[]) => userWith([await policy([{ Effect: 'Allow', Action: actions }])]);

async function createKey(alias: string): Promise<string> {
  const res = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: alias });
  expect(res.status).toBe(200);
  return res.body.key_info.key_id;
}

async function encryptedByAdmin(keyId: string): Promise<{ plain: string; cipher: string }> {
  const plain = marker('plaintext');
  const res = await admin.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: plain });
  expect(res.status).toBe(200);
  return { plain, cipher: res.body.cipher_text };
}

async function dataKeyOfAdmin(keyId: string): Promise<string> {
  const res = await admin.kms<{ plain_text: string; cipher_text: string }>('create-datakey', { key_id: keyId, datakey_length: '256' });
  expect(res.status).toBe(200);
  rememberSecret('data-key', Buffer.from(res.body.plain_text, 'hex'));
  return res.body.cipher_text;
}

describe('point 1: one action per operation', () => {
  let keyId: string;
  beforeAll(async () => {
    keyId = await createKey('authz-one-action');
  });

  it('a user allowed only kms:cmk:encryptData encrypts, but decrypt-data and decrypt-datakey are refused 403 KMS.0306 with no plaintext', async () => {
    const encryptOnly = await allowing('kms:cmk:encryptData');
    expect((await encryptOnly.client.kms('encrypt-data', { key_id: keyId, plain_text: 'hello' })).status).toBe(200);
    const { plain, cipher } = await encryptedByAdmin(keyId);
    const data = await encryptOnly.client.kms('decrypt-data', { key_id: keyId, cipher_text: cipher });
    expect(refusal(data)).toEqual({ status: 403, code: 'KMS.0306' });
    expect(JSON.stringify(data.body ?? {})).not.toContain(plain);
    const dek = await encryptOnly.client.kms('decrypt-datakey', { key_id: keyId, cipher_text: await dataKeyOfAdmin(keyId), datakey_cipher_length: '32' });
    expect(refusal(dek)).toEqual({ status: 403, code: 'KMS.0306' });
    expect(dek.body).not.toHaveProperty('data_key');
  });

  it('a user allowed only kms:cmk:encryptDataKey cannot decrypt-datakey: 403 KMS.0306', async () => {
    const user = await allowing('kms:cmk:encryptDataKey');
    const dek = await user.client.kms('decrypt-datakey', { key_id: keyId, cipher_text: await dataKeyOfAdmin(keyId), datakey_cipher_length: '32' });
    expect(refusal(dek)).toEqual({ status: 403, code: 'KMS.0306' });
    expect(dek.body).not.toHaveProperty('data_key');
  });

  it('a user allowed only kms:cmk:createDataKeyWithoutPlaintext gets no plaintext data key from create-datakey: 403 KMS.0306', async () => {
    const user = await allowing('kms:cmk:createDataKeyWithoutPlaintext');
    expect((await user.client.kms('create-datakey-without-plaintext', { key_id: keyId, datakey_length: '256' })).status).toBe(200);
    const withPlain = await user.client.kms('create-datakey', { key_id: keyId, datakey_length: '256' });
    expect(refusal(withPlain)).toEqual({ status: 403, code: 'KMS.0306' });
    expect(withPlain.body).not.toHaveProperty('plain_text');
  });

  it('a user allowed the coarse 1.1 names kms:cmk:crypto and kms:dek:crypto encrypts and decrypts both ways', async () => {
    const user = await allowing('kms:cmk:crypto', 'kms:dek:crypto');
    const { plain, cipher } = await encryptedByAdmin(keyId);
    expect((await user.client.kms<{ plain_text: string }>('decrypt-data', { cipher_text: cipher })).body.plain_text).toBe(plain);
    expect((await user.client.kms('decrypt-datakey', { key_id: keyId, cipher_text: await dataKeyOfAdmin(keyId), datakey_cipher_length: '32' })).status).toBe(200);
  });
});

describe('point 2: the key a request acts on is the key IAM is asked about', () => {
  it('Deny decrypt-data on key K: decrypt-data of a K ciphertext without key_id, or naming another allowed key, is refused 403 KMS.0307', async () => {
    const denied = await createKey('authz-denied');
    const open = await createKey('authz-open');
    const user = await userWith([await policy([
      { Effect: 'Allow', Action: ['kms:cmk:*'] },
      { Effect: 'Deny', Action: ['kms:cmk:decryptData'], Resource: [`KMS:*:*:KeyId:${denied}`] },
    ])]);
    const { plain, cipher } = await encryptedByAdmin(denied);
    const withoutKeyId = await user.client.kms('decrypt-data', { cipher_text: cipher });
    expect(refusal(withoutKeyId)).toEqual({ status: 403, code: 'KMS.0307' });
    expect(JSON.stringify(withoutKeyId.body ?? {})).not.toContain(plain);
    expect(refusal(await user.client.kms('decrypt-data', { key_id: open, cipher_text: cipher }))).toEqual({ status: 403, code: 'KMS.0307' });
    const own = await encryptedByAdmin(open);
    expect((await user.client.kms<{ plain_text: string }>('decrypt-data', { cipher_text: own.cipher })).body.plain_text).toBe(own.plain);
  });

  it('Deny decrypt-datakey on key K: a K data key sent with another allowed key_id is refused (403 KMS.0307), never decrypted', async () => {
    const denied = await createKey('authz-dek-denied');
    const open = await createKey('authz-dek-open');
    const user = await userWith([await policy([
      { Effect: 'Allow', Action: ['kms:cmk:*'] },
      { Effect: 'Deny', Action: ['kms:cmk:decryptDataKey'], Resource: [`KMS:*:*:KeyId:${denied}`] },
    ])]);
    const res = await user.client.kms('decrypt-datakey', { key_id: open, cipher_text: await dataKeyOfAdmin(denied), datakey_cipher_length: '32' });
    expect(refusal(res)).toEqual({ status: 403, code: 'KMS.0307' });
    expect(res.body).not.toHaveProperty('data_key');
  });

  it('a user allowed to tag only key A cannot tag key B by naming A in the body: 400 KMS.0308, B keeps no tag', async () => {
    const a = await createKey('authz-tag-a');
    const b = await createKey('authz-tag-b');
    const user = await userWith([await policy([{ Effect: 'Allow', Action: ['kms:cmkTag:*'], Resource: [`KMS:*:*:KeyId:${a}`] }])]);
    const tagB = await user.client.call('POST', `/v1.0/{project_id}/kms/${b}/tags`, { key_id: a, tag: { key: 'owner', value: 'mallory' } });
    expect(refusal(tagB)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(tagB.errorMsg).toContain(`differs from key_id "${b}" in the path`);
    const batchB = await user.client.call('POST', `/v1.0/{project_id}/kms/${b}/tags/action`, { key_id: a, action: 'create', tags: [{ key: 'owner', value: 'mallory' }] });
    expect(refusal(batchB)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(refusal(await user.client.call('POST', `/v1.0/{project_id}/kms/${b}/tags`, { tag: { key: 'owner', value: 'mallory' } }))).toEqual({ status: 403, code: 'KMS.0307' });
    expect((await admin.call<{ tags: unknown[] }>('GET', `/v1.0/{project_id}/kms/${b}/tags`)).body.tags).toEqual([]);
    expect((await user.client.call('POST', `/v1.0/{project_id}/kms/${a}/tags`, { key_id: a, tag: { key: 'owner', value: 'mallory' } })).status).toBe(204);
  });
});

describe('point 4: grants pass on at most what the grantor holds', () => {
  it('a grantee holding create-grant and describe-key cannot grant decrypt-data to another domain: 403 KMS.0306, no grant added', async () => {
    const keyId = await createKey('authz-grant');
    const grantee = await userWith([]);
    const first = await admin.kms('create-grant', { key_id: keyId, grantee_principal: grantee.id, operations: ['create-grant', 'describe-key'] });
    expect(first.status).toBe(200);
    const partner = await dew.bootstrapDomain('authz-partner');
    const escalate = await grantee.client.kms('create-grant', {
      key_id: keyId, grantee_principal: partner.domain_id, grantee_principal_type: 'domain', operations: ['describe-key', 'decrypt-data'],
    });
    expect(refusal(escalate)).toEqual({ status: 403, code: 'KMS.0306' });
    expect(escalate.errorMsg).toContain('lacks decrypt-data');
    const selfGrant = await grantee.client.kms('create-grant', { key_id: keyId, grantee_principal: grantee.id, operations: ['decrypt-data'] });
    expect(refusal(selfGrant)).toEqual({ status: 403, code: 'KMS.0306' });
    expect((await admin.kms<{ total: number }>('list-grants', { key_id: keyId })).body.total).toBe(1);
    const { cipher } = await encryptedByAdmin(keyId);
    expect(refusal(await dew.client(partner).kms('decrypt-data', { cipher_text: cipher }))).toEqual({ status: 404, code: 'KMS.0207' });
    // What the grantee holds it may pass on.
    expect((await grantee.client.kms('create-grant', { key_id: keyId, grantee_principal: partner.domain_id, grantee_principal_type: 'domain', operations: ['describe-key'] })).status).toBe(200);
  });

  it('a user whose IAM policy allows create-grant and describe-key cannot grant decrypt-data on a key of its project: 403 KMS.0306', async () => {
    const keyId = await createKey('authz-grant-iam');
    const user = await allowing('kms:grant:create', 'kms:cmk:get');
    const res = await user.client.kms('create-grant', { key_id: keyId, grantee_principal: user.id, operations: ['describe-key', 'decrypt-data'] });
    expect(refusal(res)).toEqual({ status: 403, code: 'KMS.0306' });
    expect((await admin.kms<{ total: number }>('list-grants', { key_id: keyId })).body.total).toBe(0);
    expect((await user.client.kms('create-grant', { key_id: keyId, grantee_principal: user.id, operations: ['describe-key'] })).status).toBe(200);
  });
});

describe('grants: the key owner sees every use of its key', () => {
  it('a grantee of another domain decrypts with the key: the decryptData trace is in the key owner\'s trail, naming the grantee', async () => {
    const keyId = await createKey('authz-grant-trail');
    const partner = await dew.bootstrapDomain('authz-trail-partner');
    expect((await admin.kms('create-grant', { key_id: keyId, grantee_principal: partner.domain_id, grantee_principal_type: 'domain', operations: ['decrypt-data'] })).status).toBe(200);
    const { plain, cipher } = await encryptedByAdmin(keyId);
    const used = await dew.client(partner).kms<{ plain_text: string }>('decrypt-data', { cipher_text: cipher });
    expect(used.body.plain_text).toBe(plain);
    type Traces = { traces: { trace_name: string; user: { name: string; domain?: { id?: string } } }[] };
    let found: Traces['traces'] = [];
    for (let i = 0; i < 50 && found.length === 0; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      const res = await admin.call<Traces>('GET', `/v3/{project_id}/traces?trace_type=system&service_type=KMS&resource_id=${keyId}&trace_name=decryptData`);
      expect(res.status).toBe(200);
      found = res.body.traces;
    }
    expect(found).toHaveLength(1);
    expect(found[0]?.user).toMatchObject({ name: partner.user_name, domain: { id: partner.domain_id } });
  });
});

describe('refusal traces stay in the caller\'s own trails', () => {
  it('another account\'s signed calls on this project\'s path are refused 403 KMS.0305 and traced in that account\'s trail, never in this project\'s', async () => {
    const outsider = await dew.bootstrapDomain('authz-trail-outsider');
    const client = dew.client({ access: outsider.access, secret: outsider.secret, project_id: dew.credentials.project_id });
    for (let i = 0; i < 3; i++) {
      const res = await client.call('POST', `/v1.0/${dew.credentials.project_id}/kms/list-keys`, {}, { 'X-Project-Id': dew.credentials.project_id });
      expect(refusal(res)).toEqual({ status: 403, code: 'KMS.0305' });
    }
    type Traces = { traces: { user: { name: string; domain?: { id?: string } } }[] };
    const own = dew.client({ access: outsider.access, secret: outsider.secret, project_id: outsider.project_id });
    let theirs: Traces['traces'] = [];
    for (let i = 0; i < 50 && theirs.length < 3; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      theirs = (await own.call<Traces>('GET', `/v3/${outsider.project_id}/traces?trace_type=system&trace_name=listKeys&trace_rating=warning`)).body.traces ?? [];
    }
    expect(theirs).toHaveLength(3);
    const ours = await admin.call<Traces>('GET', '/v3/{project_id}/traces?trace_type=system&trace_name=listKeys&trace_rating=warning');
    expect((ours.body.traces ?? []).filter((t) => t.user.domain?.id === outsider.domain_id)).toEqual([]);
  });
});

describe('point 5: secrets honour the caller\'s KMS rights', () => {
  const S = '/v1/{project_id}/secrets';
  let keyId: string;
  let stored: string;
  beforeAll(async () => {
    keyId = await createKey('authz-secrets');
    stored = marker('secret-value');
    expect((await admin.call('POST', S, { name: 'authz-admin-secret', secret_string: stored, kms_key_id: keyId })).status).toBe(200);
  });

  it('a user with CSMS rights and no KMS rights cannot create a secret under a project key: 403 CSMS.0403, no secret created', async () => {
    const csmsOnly = await allowing('csms:*:*');
    const res = await csmsOnly.client.call('POST', S, { name: 'authz-sneaky', secret_string: marker('secret-value'), kms_key_id: keyId });
    expect(refusal(res)).toEqual({ status: 403, code: 'CSMS.0403' });
    expect(refusal(await admin.call('GET', `${S}/authz-sneaky`))).toEqual({ status: 404, code: 'CSMS.0005' });
    expect(refusal(await csmsOnly.client.call('POST', `${S}/authz-admin-secret/versions`, { secret_string: marker('secret-value') }))).toEqual({ status: 403, code: 'CSMS.0403' });
    const versions = await admin.call<{ version_metadatas: unknown[] }>('GET', `${S}/authz-admin-secret/versions`);
    expect(versions.body.version_metadatas).toHaveLength(1);
  });

  it('a user with CSMS rights and no KMS rights cannot read a secret value nor back it up: 403 CSMS.0403, no value in the answer', async () => {
    const csmsOnly = await allowing('csms:*:*');
    const read = await csmsOnly.client.call('GET', `${S}/authz-admin-secret/versions/latest`);
    expect(refusal(read)).toEqual({ status: 403, code: 'CSMS.0403' });
    expect(JSON.stringify(read.body ?? {})).not.toContain(stored);
    expect(refusal(await csmsOnly.client.call('POST', `${S}/authz-admin-secret/backup`))).toEqual({ status: 403, code: 'CSMS.0403' });
  });

  it('a backup needs decrypt-datakey on the key of every version, not only on the secret\'s current key: 403 CSMS.0403', async () => {
    const oldKey = await createKey('authz-backup-old');
    const newKey = await createKey('authz-backup-new');
    expect((await admin.call('POST', S, { name: 'authz-rekeyed', secret_string: marker('secret-value'), kms_key_id: oldKey })).status).toBe(200);
    expect((await admin.call('PUT', `${S}/authz-rekeyed`, { kms_key_id: newKey })).status).toBe(200);
    const onNewKey = await userWith([await policy([
      { Effect: 'Allow', Action: ['csms:*:*'] },
      { Effect: 'Allow', Action: ['kms:cmk:decryptDataKey'], Resource: [`KMS:*:*:KeyId:${newKey}`] },
    ])]);
    const refused = await onNewKey.client.call('POST', `${S}/authz-rekeyed/backup`);
    expect(refusal(refused)).toEqual({ status: 403, code: 'CSMS.0403' });
    expect(refused.errorMsg).toContain(oldKey);
    const onBoth = await userWith([await policy([
      { Effect: 'Allow', Action: ['csms:*:*'] },
      { Effect: 'Allow', Action: ['kms:cmk:decryptDataKey'], Resource: [`KMS:*:*:KeyId:${newKey}`, `KMS:*:*:KeyId:${oldKey}`] },
    ])]);
    expect((await onBoth.client.call('POST', `${S}/authz-rekeyed/backup`)).status).toBe(200);
  });

  it('an explicit Deny of decrypt-datakey on the secret\'s key stops a user who may otherwise read everything: 403 CSMS.0403', async () => {
    const user = await userWith([await policy([
      { Effect: 'Allow', Action: ['csms:*:*', 'kms:*:*'] },
      { Effect: 'Deny', Action: ['kms:cmk:decryptDataKey'], Resource: [`KMS:*:*:KeyId:${keyId}`] },
    ])]);
    const read = await user.client.call('GET', `${S}/authz-admin-secret/versions/latest`);
    expect(refusal(read)).toEqual({ status: 403, code: 'CSMS.0403' });
    expect(JSON.stringify(read.body ?? {})).not.toContain(stored);
  });

  it('a grant of decrypt-datakey on the key lets a user with CSMS rights only read the value (NoAllow goes on to the grants)', async () => {
    const csmsOnly = await allowing('csms:*:*');
    expect((await admin.kms('create-grant', { key_id: keyId, grantee_principal: csmsOnly.id, operations: ['decrypt-datakey'] })).status).toBe(200);
    const read = await csmsOnly.client.call<{ version: { secret_string: string } }>('GET', `${S}/authz-admin-secret/versions/latest`);
    expect(read.body.version.secret_string).toBe(stored);
  });

  it('the guide\'s CSMS FullAccess user creates and reads secrets under the default key and a project key', async () => {
    const full = await userWith([await systemPolicy('CSMS FullAccess')]);
    const value = marker('secret-value');
    expect((await full.client.call('POST', S, { name: 'authz-full-default', secret_string: value })).status).toBe(200);
    expect((await full.client.call<{ version: { secret_string: string } }>('GET', `${S}/authz-full-default/versions/latest`)).body.version.secret_string).toBe(value);
    expect((await full.client.call<{ version: { secret_string: string } }>('GET', `${S}/authz-admin-secret/versions/latest`)).body.version.secret_string).toBe(stored);
  });
});

describe('iam.decide is for services only', () => {
  it('the gateway\'s NATS user may not publish to iam.decide (permissions violation)', async () => {
    const gateway = await dew.connectNats('gateway');
    const errors: string[] = [];
    void (async () => {
      for await (const s of gateway.status()) if (s.type === 'error') errors.push(String((s as { error?: unknown }).error ?? s.type));
    })();
    gateway.publish('iam.decide', JSON.stringify({ user_id: 'x', domain_id: dew.credentials.domain_id, project_id: dew.credentials.project_id, actions: ['kms:cmk:get'] }));
    await gateway.flush().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    expect(errors.join(' ')).toMatch(/permissions violation/i);
  });
});
