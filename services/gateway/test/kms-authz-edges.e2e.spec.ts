// Edges of key authorization found by a security review: each test states the behaviour
// docs/authorization.md promises ("Key policies", "Aliases", "Grants issued by a key-policy principal").
import { randomBytes } from 'node:crypto';
import { IamUsers, marker, refusal, rememberSecret, startWithIamUsers, type DewSystem, type PolicyStatement, type SdkClient } from '@dew/testing';

let dew: DewSystem;
let admin: SdkClient;
let iam: IamUsers;

beforeAll(async () => ({ dew, admin, iam } = await startWithIamUsers('review')));
afterAll(async () => {
  await dew?.stop();
});

const tag = () => randomBytes(3).toString('hex');

async function createKey(spec?: string): Promise<string> {
  const res = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `rev-${tag()}`, ...(spec ? { key_spec: spec } : {}) });
  expect(res.status).toBe(200);
  return res.body.key_info.key_id;
}

async function user(statements: PolicyStatement[]): Promise<{ id: string; client: SdkClient }> {
  return iam.withPolicies(statements.length ? [await iam.customPolicy(statements)] : []);
}

const keyRes = (keyId: string) => `KMS:*:*:KeyId:${keyId}`;

describe('associate-alias: IAM is asked about target_key_id, the key the alias moves to, and no other field', () => {
  it('a user allowed kms:alias:associate on key A only cannot point an alias at key B', async () => {
    const a = await createKey();
    const b = await createKey();
    const alias = `alias/rev-${tag()}`;
    expect((await admin.kms('aliases', { key_id: a, alias })).status).toBe(201);
    const u = await user([
      { Effect: 'Allow', Action: ['kms:alias:associate'], Resource: [keyRes(a)] },
      { Effect: 'Deny', Action: ['kms:alias:associate'], Resource: [keyRes(b)] },
    ]);
    // Honest request: refused at the gateway (explicit Deny on B).
    expect(refusal(await u.client.kms('alias/associate', { alias, target_key_id: b }))).toEqual({ status: 403, code: 'KMS.0307' });
    // Same request with an extra key_id naming A: IAM is asked about A, kms acts on B.
    const crafted = await u.client.kms<{ key_id: string }>('alias/associate', { alias, target_key_id: b, key_id: a });
    const listed = await admin.call<{ aliases: { alias: string; key_id: string }[] }>('GET', `/v1.0/{project_id}/kms/aliases?key_id=${b}`);
    expect({ status: crafted.status, movedToB: listed.body.aliases.some((e) => e.alias === alias) }).toEqual({ status: 403, movedToB: false });
  });
});

describe('create-grant: a key-policy Deny on the issuer limits what the issuer may pass on', () => {
  it('a user the key policy denies decrypt-data cannot grant decrypt-data to another user', async () => {
    const keyId = await createKey();
    const issuer = await user([{ Effect: 'Allow', Action: ['kms:cmk:decryptData', 'kms:grant:create'] }]);
    const grantee = await user([]);
    const policy = { Version: '1.1', Statement: [{ Effect: 'Deny', Action: ['kms:cmk:decryptData'], Principal: { IAM: [`user:${issuer.id}`] } }] };
    expect((await admin.kms('create-key-policy', { key_id: keyId, policy: JSON.stringify(policy) })).status).toBe(200);
    const plain = rememberSecret('plaintext', marker('plaintext'));
    const cipher = (await admin.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: plain })).body.cipher_text;
    // The issuer itself is stopped by the key policy...
    expect(refusal(await issuer.client.kms('decrypt-data', { cipher_text: cipher }))).toEqual({ status: 403, code: 'KMS.2804' });
    // ...but may hand decrypt-data to someone else, who then reads the plaintext.
    const grant = await issuer.client.kms('create-grant', { key_id: keyId, grantee_principal: grantee.id, operations: ['decrypt-data'] });
    const read = await grantee.client.kms<{ plain_text?: string }>('decrypt-data', { cipher_text: cipher });
    expect({ grant: grant.status, granteeRead: read.body.plain_text === plain }).toEqual({ grant: 403, granteeRead: false });
  });
});

describe('re-encrypt: IAM is asked about the key the ciphertext names, whatever else the body carries', () => {
  it('a user denied kms:cmk:decryptData on key B cannot move B\'s ciphertext to key A by adding an asymmetric encryption_algorithm (403, nothing answered)', async () => {
    const a = await createKey();
    const b = await createKey();
    const u = await user([
      { Effect: 'Allow', Action: ['kms:cmk:*'] },
      { Effect: 'Deny', Action: ['kms:cmk:decryptData'], Resource: [keyRes(b)] },
    ]);
    const plain = rememberSecret('plaintext', marker('plaintext'));
    const cipher = (await admin.kms<{ cipher_text: string }>('encrypt-data', { key_id: b, plain_text: plain })).body.cipher_text;
    for (const encryption_algorithm of ['RSAES_OAEP_SHA_256', 'SM2_ENCRYPT']) {
      const res = await u.client.kms<{ cipher_text?: string }>('re-encrypt', { cipher_text: cipher, destination_key_id: a, encryption_algorithm });
      expect(refusal(res)).toEqual({ status: 403, code: 'KMS.0307' });
      expect(res.body.cipher_text).toBeUndefined();
    }
  });
});

describe('crafted input never reaches a 5xx', () => {
  it('re-encrypt moves a ciphertext from an AES_256 key to an SM4 key and back; each result decrypts to the plaintext', async () => {
    const aes = await createKey();
    const sm4 = await createKey('SM4');
    const plain = rememberSecret('plaintext', marker('plaintext'));
    const start = (await admin.kms<{ cipher_text: string }>('encrypt-data', { key_id: aes, plain_text: plain })).body.cipher_text;
    const toSm4 = await admin.kms<{ cipher_text: string; key_id: string }>('re-encrypt', { cipher_text: start, destination_key_id: sm4 });
    expect([toSm4.status, toSm4.body.key_id, Buffer.from(toSm4.body.cipher_text, 'base64')[0]]).toEqual([200, sm4, 0x02]);
    const back = await admin.kms<{ cipher_text: string; key_id: string }>('re-encrypt', { cipher_text: toSm4.body.cipher_text, destination_key_id: aes });
    expect([back.status, back.body.key_id]).toEqual([200, aes]);
    for (const cipher of [toSm4.body.cipher_text, back.body.cipher_text]) {
      const dec = await admin.kms<{ plain_text: string }>('decrypt-data', { cipher_text: cipher });
      expect([dec.status, dec.body.plain_text]).toEqual([200, plain]);
    }
  });

  it('derive-shared-secret with a peer SPKI whose point is the single byte 0x00 (point at infinity) answers 400, not 500', async () => {
    const keyId = await createKey('EC_P256');
    // SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING { 00, 00 } }
    const spki = Buffer.from('3019301306072a8648ce3d020106082a8648ce3d030107030200' + '00', 'hex');
    const res = await admin.kms('derive-shared-secret', { key_id: keyId, key_agreement_algorithm: 'ECDH', public_key: spki.toString('base64') });
    expect(res.status).toBe(400);
  });
});

describe('alias operations: the key policy applies', () => {
  it('a user the key policy denies kms:alias:* can neither create nor delete aliases of the key', async () => {
    const keyId = await createKey();
    const u = await user([{ Effect: 'Allow', Action: ['kms:alias:create', 'kms:alias:delete'] }]);
    const policy = { Version: '1.1', Statement: [{ Effect: 'Deny', Action: ['kms:alias:*'], Principal: { IAM: [`user:${u.id}`] } }] };
    expect((await admin.kms('create-key-policy', { key_id: keyId, policy: JSON.stringify(policy) })).status).toBe(200);
    const owned = `alias/rev-owned-${tag()}`;
    expect((await admin.kms('aliases', { key_id: keyId, alias: owned })).status).toBe(201);
    const created = await u.client.kms('aliases', { key_id: keyId, alias: `alias/rev-${tag()}` });
    const deleted = await u.client.call('DELETE', '/v1.0/{project_id}/kms/aliases', { key_id: keyId, aliases: [owned] });
    expect({ created: created.status, deleted: deleted.status }).toEqual({ created: 403, deleted: 403 });
  });
});

describe('sign across domains: the key policy decides, as for encrypt-data', () => {
  it("a second domain's user without any IAM policy signs with the first domain's key once its key policy names that domain; 404 before", async () => {
    const res = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `rev-sign-${tag()}`, key_spec: 'EC_P256', key_usage: 'SIGN_VERIFY' });
    const keyId = res.body.key_info.key_id;
    const partner = await dew.bootstrapDomain(`review-partner-${tag()}`);
    const partnerUsers = new IamUsers(dew, dew.client(partner), 'partner', partner);
    const plainUser = await partnerUsers.withPolicies([]);
    const message = Buffer.from('hello').toString('base64');
    const sign = (client: SdkClient) => client.kms<{ signature?: string }>('sign', { key_id: keyId, message, signing_algorithm: 'ECDSA_SHA_256', message_type: 'RAW' });
    expect(refusal(await sign(dew.client(partner)))).toEqual({ status: 404, code: 'KMS.0207' });
    expect(refusal(await sign(plainUser.client))).toEqual({ status: 404, code: 'KMS.0207' });
    const policy = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:sign'], Principal: { IAM: [`domain:${partner.domain_id}`] } }] };
    expect((await admin.kms('create-key-policy', { key_id: keyId, policy: JSON.stringify(policy) })).status).toBe(200);
    const signed = await sign(plainUser.client);
    expect(signed.status).toBe(200);
    const verified = await admin.kms<{ signature_valid: string }>('verify', { key_id: keyId, message, signature: signed.body.signature, signing_algorithm: 'ECDSA_SHA_256', message_type: 'RAW' });
    expect(verified.body.signature_valid).toBe('true');
  });
});
