import { constants, createCipheriv, createHash, createHmac, createPublicKey, hkdfSync, publicEncrypt, randomBytes } from 'node:crypto';
import { DewSystem, IamUsers, marker, refusal, rememberSecret, tracesOf, type ApiResult, type SdkClient } from '@dew/testing';
import { KMS_MODELS } from './conformance/kms-models.js';
import { conformanceProblems } from './conformance/model-walk.js';

/**
 * SM4 and HMAC keys through the gateway, called as Huawei's SDK calls them (docs/ciphertext.md
 * "SM4 keys", docs/api-decisions.md "MAC keys"). Answers are checked against the SDK's response
 * models (./conformance/kms-models.ts).
 */
let dew: DewSystem;
let api: SdkClient;
let iam: IamUsers;

beforeAll(async () => {
  dew = await DewSystem.start();
  api = dew.client();
  iam = new IamUsers(dew, api, 'sym');
});
afterAll(async () => {
  await dew?.stop();
});

const tag = () => randomBytes(3).toString('hex');

/** The answer of a successful call, after checking it against the SDK response model of `op`. */
async function sdk<B>(op: string, call: Promise<ApiResult<B>>): Promise<B> {
  const res = await call;
  expect({ op, status: res.status, errorMsg: res.errorMsg }).toEqual({ op, status: 200, errorMsg: undefined });
  expect(conformanceProblems(res.body, KMS_MODELS[op]!)).toEqual([]);
  return res.body;
}

async function createKey(spec: string, extra: object = {}): Promise<string> {
  const body = await sdk<{ key_info: { key_id: string } }>('create-key', api.kms('create-key', { key_alias: `sym-${spec}-${tag()}`, key_spec: spec, ...extra }));
  return body.key_info.key_id;
}

/** BYOK: wraps `material` under the import token's public key (RSAES-OAEP-SHA256) and imports it. */
async function importMaterial(keyId: string, material: Buffer): Promise<ApiResult<unknown>> {
  const params = await sdk<{ public_key: string; import_token: string }>(
    'get-parameters-for-import',
    api.kms('get-parameters-for-import', { key_id: keyId, wrapping_algorithm: 'RSAES_OAEP_SHA_256' }),
  );
  const publicKey = createPublicKey({ key: Buffer.from(params.public_key, 'base64'), format: 'der', type: 'spki' });
  const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, material);
  return api.kms('import-key-material', { key_id: keyId, import_token: params.import_token, encrypted_key_material: wrapped.toString('base64') });
}

async function importedKey(spec: string, bytes: number): Promise<{ keyId: string; material: Buffer }> {
  const keyId = await createKey(spec, { origin: 'external' });
  const material = rememberSecret('key-material', randomBytes(bytes));
  expect((await importMaterial(keyId, material)).status).toBe(200);
  return { keyId, material };
}

/** docs/ciphertext.md, "SM4 keys", written out: opens an SM4 ciphertext with the material alone. */
function sm4Open(material: Buffer, blob: Buffer, aad: string, purpose: 'data' | 'datakey'): Buffer {
  const okm = Buffer.from(hkdfSync('sm3', material, blob.subarray(41, 73), `dew/cmk-message/v2/sm4/${purpose}`, 48));
  const aadBytes = Buffer.from(aad, 'utf8');
  const aadLength = Buffer.alloc(4);
  aadLength.writeUInt32BE(aadBytes.length);
  const tagged = createHmac('sm3', okm.subarray(16)).update(Buffer.concat([blob.subarray(0, 89), aadLength, aadBytes, blob.subarray(121)])).digest();
  expect(tagged.equals(blob.subarray(89, 121))).toBe(true);
  const ctr = createCipheriv('sm4-ctr', okm.subarray(0, 16), blob.subarray(73, 89));
  return Buffer.concat([ctr.update(blob.subarray(121)), ctr.final()]);
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('SM4 keys', () => {
  let keyId: string;
  beforeAll(async () => {
    keyId = await createKey('SM4');
  });

  it('create-key SM4: describe-key and list-keys (key_spec filter SM4) show an ENCRYPT_DECRYPT SM4 key', async () => {
    const described = await sdk<{ key_info: { key_spec: string; key_usage: string } }>('describe-key', api.kms('describe-key', { key_id: keyId }));
    expect(described.key_info).toMatchObject({ key_spec: 'SM4', key_usage: 'ENCRYPT_DECRYPT' });
    const listed = await sdk<{ key_details: { key_id: string; key_spec: string }[] }>('list-keys', api.kms('list-keys', { key_spec: 'SM4', limit: '1000' }));
    expect(listed.key_details.map((k) => k.key_id)).toContain(keyId);
    expect(new Set(listed.key_details.map((k) => k.key_spec))).toEqual(new Set(['SM4']));
  });

  it('encrypt-data / decrypt-data: format byte 0x02 names SM4-CTR + HMAC-SM3, decrypt needs no key_id, the AAD is bound', async () => {
    const plaintext = rememberSecret('plaintext', marker('plaintext'));
    const aad = rememberSecret('aad', marker('aad'));
    const enc = await sdk<{ key_id: string; cipher_text: string }>('encrypt-data', api.kms('encrypt-data', { key_id: keyId, plain_text: plaintext, additional_authenticated_data: aad }));
    const blob = Buffer.from(enc.cipher_text, 'base64');
    expect(enc.key_id).toBe(keyId);
    expect(blob[0]).toBe(0x02);
    expect(blob.toString('latin1', 1, 37)).toBe(keyId);
    expect(blob).toHaveLength(Buffer.byteLength(plaintext) + 121);
    const dec = await sdk<{ key_id: string; plain_text: string }>('decrypt-data', api.kms('decrypt-data', { cipher_text: enc.cipher_text, additional_authenticated_data: aad }));
    expect(dec).toMatchObject({ key_id: keyId, plain_text: plaintext });
    expect(refusal(await api.kms('decrypt-data', { cipher_text: enc.cipher_text, additional_authenticated_data: 'other' }))).toEqual({ status: 400, code: 'KMS.0308' });
  });

  it('a ciphertext with any byte flipped: 400, never a 500 and never a plaintext', async () => {
    const enc = await sdk<{ cipher_text: string }>('encrypt-data', api.kms('encrypt-data', { key_id: keyId, plain_text: 'flip me' }));
    const blob = Buffer.from(enc.cipher_text, 'base64');
    for (const at of [0, 10, 40, 60, 80, 100, blob.length - 1]) {
      const copy = Buffer.from(blob);
      copy[at]! ^= 0x01;
      const res = await api.kms('decrypt-data', { cipher_text: copy.toString('base64') });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('plain_text of 4096 bytes round-trips (the longest ciphertext stays inside decrypt-data\'s 5648 characters)', async () => {
    const plaintext = rememberSecret('plaintext', marker('plaintext').padEnd(4096, 'z'));
    const enc = await sdk<{ cipher_text: string }>('encrypt-data', api.kms('encrypt-data', { key_id: keyId, plain_text: plaintext }));
    expect(enc.cipher_text.length).toBeLessThanOrEqual(5648);
    expect((await sdk<{ plain_text: string }>('decrypt-data', api.kms('decrypt-data', { cipher_text: enc.cipher_text }))).plain_text).toBe(plaintext);
  });

  it('data keys: create-datakey key_spec SM4 is 16 bytes; decrypt-datakey gives it back with its SM3 digest', async () => {
    const created = await sdk<{ plain_text: string; cipher_text: string }>('create-datakey', api.kms('create-datakey', { key_id: keyId, key_spec: 'SM4' }));
    rememberSecret('data-key', Buffer.from(created.plain_text, 'hex'));
    expect(created.plain_text).toMatch(/^[0-9A-F]{32}$/);
    expect(Buffer.from(created.cipher_text, 'hex')[0]).toBe(0x02);
    const opened = await sdk<{ data_key: string; datakey_length: string; datakey_dgst: string }>(
      'decrypt-datakey',
      api.kms('decrypt-datakey', { key_id: keyId, cipher_text: created.cipher_text, datakey_cipher_length: '16' }),
    );
    const sm3 = createHash('sm3').update(Buffer.from(created.plain_text, 'hex')).digest('hex').toUpperCase();
    expect(opened).toEqual({ data_key: created.plain_text, datakey_length: '16', datakey_dgst: sm3 });
    const blind = await sdk<{ cipher_text: string }>('create-datakey-without-plaintext', api.kms('create-datakey-without-plaintext', { key_id: keyId, datakey_length: '256' }));
    expect((await sdk<{ datakey_length: string }>('decrypt-datakey', api.kms('decrypt-datakey', { key_id: keyId, cipher_text: blind.cipher_text, datakey_cipher_length: '32' }))).datakey_length).toBe('32');
  });

  it('encrypt-datakey under SM4: plain_text = hex(DEK ‖ SM3(DEK)) is sealed; the SHA-256 form is refused KMS.2103 naming SM3', async () => {
    const dek = rememberSecret('data-key', randomBytes(32));
    const withSm3 = Buffer.concat([dek, createHash('sm3').update(dek).digest()]).toString('hex');
    const sealed = await sdk<{ cipher_text: string; datakey_length: string }>('encrypt-datakey', api.kms('encrypt-datakey', { key_id: keyId, plain_text: withSm3, datakey_plain_length: '32' }));
    expect(sealed.datakey_length).toBe('32');
    const opened = await sdk<{ data_key: string }>('decrypt-datakey', api.kms('decrypt-datakey', { key_id: keyId, cipher_text: sealed.cipher_text, datakey_cipher_length: '32' }));
    expect(opened.data_key).toBe(dek.toString('hex').toUpperCase());
    const withSha = Buffer.concat([dek, createHash('sha256').update(dek).digest()]).toString('hex');
    const refused = await api.kms('encrypt-datakey', { key_id: keyId, plain_text: withSha, datakey_plain_length: '32' });
    expect(refusal(refused)).toEqual({ status: 400, code: 'KMS.2103' });
    expect(refused.errorMsg).toContain('SM3');
  });

  it('rotation: new ciphertexts name version 2, version-1 ciphertexts still decrypt', async () => {
    const rotating = await createKey('SM4');
    const before = await sdk<{ cipher_text: string }>('encrypt-data', api.kms('encrypt-data', { key_id: rotating, plain_text: 'v1' }));
    await sdk('rotate-on-demand', api.kms('rotate-on-demand', { key_id: rotating }));
    const after = await sdk<{ cipher_text: string }>('encrypt-data', api.kms('encrypt-data', { key_id: rotating, plain_text: 'v2' }));
    expect(Buffer.from(before.cipher_text, 'base64').readUInt32BE(37)).toBe(1);
    expect(Buffer.from(after.cipher_text, 'base64').readUInt32BE(37)).toBe(2);
    expect((await sdk<{ plain_text: string }>('decrypt-data', api.kms('decrypt-data', { cipher_text: before.cipher_text }))).plain_text).toBe('v1');
    expect((await sdk<{ plain_text: string }>('decrypt-data', api.kms('decrypt-data', { cipher_text: after.cipher_text }))).plain_text).toBe('v2');
  });

  it('BYOK: imported 16-byte material is the key (encrypt-data and data-key output open offline with it); 32 bytes refused naming 16 and 32', async () => {
    const { keyId: imported, material } = await importedKey('SM4', 16);
    const enc = await sdk<{ cipher_text: string }>('encrypt-data', api.kms('encrypt-data', { key_id: imported, plain_text: 'offline', additional_authenticated_data: 'ctx' }));
    expect(sm4Open(material, Buffer.from(enc.cipher_text, 'base64'), 'ctx', 'data').toString()).toBe('offline');
    const dk = await sdk<{ plain_text: string; cipher_text: string }>('create-datakey', api.kms('create-datakey', { key_id: imported, datakey_length: '128' }));
    rememberSecret('data-key', Buffer.from(dk.plain_text, 'hex'));
    expect(sm4Open(material, Buffer.from(dk.cipher_text, 'hex'), '', 'datakey').toString('hex').toUpperCase()).toBe(dk.plain_text);

    const wrongLength = await createKey('SM4', { origin: 'external' });
    const refused = await importMaterial(wrongLength, rememberSecret('key-material', randomBytes(32)));
    expect(refusal(refused)).toEqual({ status: 400, code: 'KMS.2604' });
    expect(refused.errorMsg).toMatch(/SM4 key material must be exactly 16 bytes, got 32/);
  });
});

const HMAC = [
  { spec: 'HMAC_256', algorithm: 'HMAC_SHA_256', digest: 'sha256', bytes: 32 },
  { spec: 'HMAC_384', algorithm: 'HMAC_SHA_384', digest: 'sha384', bytes: 48 },
  { spec: 'HMAC_512', algorithm: 'HMAC_SHA_512', digest: 'sha512', bytes: 64 },
  { spec: 'HMAC_SM3', algorithm: 'HMAC_SM3', digest: 'sm3', bytes: 32 },
] as const;

describe('HMAC keys: generate-mac and verify-mac', () => {
  it.each(HMAC)('$spec imported: generate-mac is createHmac($digest) of the message under the material; verify-mac true, tampered false', async ({ spec, algorithm, digest, bytes }) => {
    const { keyId, material } = await importedKey(spec, bytes);
    const message = randomBytes(200).toString('base64');
    const generated = await sdk<{ key_id: string; mac_algorithm: string; mac: string }>('generate-mac', api.kms('generate-mac', { key_id: keyId, mac_algorithm: algorithm, message }));
    const expected = createHmac(digest, material).update(Buffer.from(message, 'base64')).digest('base64');
    expect(generated).toEqual({ key_id: keyId, mac_algorithm: algorithm, mac: expected });
    const verified = await sdk<{ mac_valid: boolean }>('verify-mac', api.kms('verify-mac', { key_id: keyId, mac_algorithm: algorithm, message, mac: generated.mac }));
    expect(verified).toEqual({ key_id: keyId, mac_algorithm: algorithm, mac_valid: true });
    const tampered = Buffer.from(generated.mac, 'base64');
    tampered[0]! ^= 0x01;
    const refused = await sdk<{ mac_valid: boolean }>('verify-mac', api.kms('verify-mac', { key_id: keyId, mac_algorithm: algorithm, message, mac: tampered.toString('base64') }));
    expect(refused.mac_valid).toBe(false);
    const otherMessage = await sdk<{ mac_valid: boolean }>('verify-mac', api.kms('verify-mac', { key_id: keyId, mac_algorithm: algorithm, message: b64('other'), mac: generated.mac }));
    expect(otherMessage.mac_valid).toBe(false);
  });

  it('HMAC_SM3 generated by KMS: describe-key shows GENERATE_VERIFY_MAC; two calls agree and verify', async () => {
    const keyId = await createKey('HMAC_SM3');
    const described = await sdk<{ key_info: { key_spec: string; key_usage: string } }>('describe-key', api.kms('describe-key', { key_id: keyId }));
    expect(described.key_info).toMatchObject({ key_spec: 'HMAC_SM3', key_usage: 'GENERATE_VERIFY_MAC' });
    const body = { key_id: keyId, mac_algorithm: 'HMAC_SM3', message: b64('hello') };
    const first = await sdk<{ mac: string }>('generate-mac', api.kms('generate-mac', body));
    const second = await sdk<{ mac: string }>('generate-mac', api.kms('generate-mac', body));
    expect(Buffer.from(first.mac, 'base64')).toHaveLength(32);
    expect(second.mac).toBe(first.mac);
    expect((await sdk<{ mac_valid: boolean }>('verify-mac', api.kms('verify-mac', { ...body, mac: first.mac }))).mac_valid).toBe(true);
  });

  it('a mac_algorithm that does not fit the key spec: 400 KMS.0308 naming both; an unknown one names the four values', async () => {
    const keyId = await createKey('HMAC_256');
    const wrong = await api.kms('generate-mac', { key_id: keyId, mac_algorithm: 'HMAC_SHA_512', message: b64('m') });
    expect(refusal(wrong)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(wrong.errorMsg).toMatch(/HMAC_SHA_512.*HMAC_512.*HMAC_256/);
    const verifyWrong = await api.kms('verify-mac', { key_id: keyId, mac_algorithm: 'HMAC_SM3', message: b64('m'), mac: b64('x') });
    expect(refusal(verifyWrong)).toEqual({ status: 400, code: 'KMS.0308' });
    const unknown = await api.kms('generate-mac', { key_id: keyId, mac_algorithm: 'HMAC_SHA_1', message: b64('m') });
    expect(refusal(unknown)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(unknown.errorMsg).toContain('HMAC_SHA_256, HMAC_SHA_384, HMAC_SHA_512, HMAC_SM3');
  });

  it('usage is enforced both ways: an AES_256 or SM4 key cannot MAC, an HMAC key cannot encrypt or make data keys; GENERATE_VERIFY_MAC is refused for SM4', async () => {
    const aes = await createKey('AES_256');
    const mac = await createKey('HMAC_384');
    const byAes = await api.kms('generate-mac', { key_id: aes, mac_algorithm: 'HMAC_SHA_256', message: b64('m') });
    expect(refusal(byAes)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(byAes.errorMsg).toMatch(/ENCRYPT_DECRYPT.*GENERATE_VERIFY_MAC/);
    expect(refusal(await api.kms('encrypt-data', { key_id: mac, plain_text: 'x' }))).toEqual({ status: 400, code: 'KMS.0308' });
    expect(refusal(await api.kms('create-datakey', { key_id: mac, datakey_length: '256' }))).toEqual({ status: 400, code: 'KMS.0308' });
    const badUsage = await api.kms('create-key', { key_alias: `sym-bad-${tag()}`, key_spec: 'SM4', key_usage: 'GENERATE_VERIFY_MAC' });
    expect(refusal(badUsage)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(badUsage.errorMsg).toMatch(/GENERATE_VERIFY_MAC.*SM4/);
  });

  it('message: 4096 bytes accepted; 4097 and empty refused naming 1..4096 and the length', async () => {
    const keyId = await createKey('HMAC_512');
    await sdk('generate-mac', api.kms('generate-mac', { key_id: keyId, mac_algorithm: 'HMAC_SHA_512', message: randomBytes(4096).toString('base64') }));
    const tooLong = await api.kms('generate-mac', { key_id: keyId, mac_algorithm: 'HMAC_SHA_512', message: randomBytes(4097).toString('base64') });
    expect(refusal(tooLong)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(tooLong.errorMsg).toMatch(/1\.\.4096.*4097/);
    expect(refusal(await api.kms('verify-mac', { key_id: keyId, mac_algorithm: 'HMAC_SHA_512', message: '', mac: b64('x') }))).toEqual({ status: 400, code: 'KMS.0308' });
  });

  it('rotation: generate-mac uses the new version (another MAC); a MAC of the old version still verifies', async () => {
    const keyId = await createKey('HMAC_256');
    const body = { key_id: keyId, mac_algorithm: 'HMAC_SHA_256', message: b64('rotate') };
    const old = await sdk<{ mac: string }>('generate-mac', api.kms('generate-mac', body));
    await sdk('rotate-on-demand', api.kms('rotate-on-demand', { key_id: keyId }));
    const fresh = await sdk<{ mac: string }>('generate-mac', api.kms('generate-mac', body));
    expect(fresh.mac).not.toBe(old.mac);
    expect((await sdk<{ mac_valid: boolean }>('verify-mac', api.kms('verify-mac', { ...body, mac: old.mac }))).mac_valid).toBe(true);
    expect((await sdk<{ mac_valid: boolean }>('verify-mac', api.kms('verify-mac', { ...body, mac: fresh.mac }))).mac_valid).toBe(true);
  });

  it('a disabled HMAC key refuses both calls (KMS.0209)', async () => {
    const keyId = await createKey('HMAC_256');
    const mac = await sdk<{ mac: string }>('generate-mac', api.kms('generate-mac', { key_id: keyId, mac_algorithm: 'HMAC_SHA_256', message: b64('m') }));
    await sdk('disable-key', api.kms('disable-key', { key_id: keyId }));
    expect(refusal(await api.kms('generate-mac', { key_id: keyId, mac_algorithm: 'HMAC_SHA_256', message: b64('m') }))).toEqual({ status: 400, code: 'KMS.0209' });
    expect(refusal(await api.kms('verify-mac', { key_id: keyId, mac_algorithm: 'HMAC_SHA_256', message: b64('m'), mac: mac.mac }))).toEqual({ status: 400, code: 'KMS.0209' });
  });
});

describe('HMAC keys: authorization and audit', () => {
  let keyId: string;
  const message = b64('authorized message');
  const body = () => ({ key_id: keyId, mac_algorithm: 'HMAC_SHA_384', message });
  beforeAll(async () => {
    keyId = await createKey('HMAC_384');
  });

  it('each call checks its own action: a user allowed only kms:cmk:generateMac generates, verify-mac is refused 403 KMS.0306', async () => {
    const user = await iam.withPolicies([await iam.customPolicy([{ Effect: 'Allow', Action: ['kms:cmk:generateMac'] }])]);
    const made = await sdk<{ mac: string }>('generate-mac', user.client.kms('generate-mac', body()));
    expect(refusal(await user.client.kms('verify-mac', { ...body(), mac: made.mac }))).toEqual({ status: 403, code: 'KMS.0306' });
  });

  it('grants cover them: a user without IAM rights may verify-mac once granted verify-mac, and still not generate-mac', async () => {
    const grantee = await iam.withPolicies([]);
    const made = await sdk<{ mac: string }>('generate-mac', api.kms('generate-mac', body()));
    expect(refusal(await grantee.client.kms('verify-mac', { ...body(), mac: made.mac }))).toEqual({ status: 403, code: 'KMS.0306' });
    await sdk('create-grant', api.kms('create-grant', { key_id: keyId, grantee_principal: grantee.id, operations: ['verify-mac'] }));
    expect((await sdk<{ mac_valid: boolean }>('verify-mac', grantee.client.kms('verify-mac', { ...body(), mac: made.mac }))).mac_valid).toBe(true);
    expect(refusal(await grantee.client.kms('generate-mac', body()))).toEqual({ status: 403, code: 'KMS.0306' });
  });

  it('both calls leave audit traces (generateMac, verifyMac) naming key and algorithm, never the message or the MAC', async () => {
    const audited = await createKey('HMAC_384');
    const request = { key_id: audited, mac_algorithm: 'HMAC_SHA_384', message: b64(marker('plaintext')) };
    const made = await sdk<{ mac: string }>('generate-mac', api.kms('generate-mac', request));
    await sdk('verify-mac', api.kms('verify-mac', { ...request, mac: made.mac }));
    const list = await tracesOf(api, `resource_id=${audited}`, 3);
    expect(list.traces.map((t) => t.trace_name)).toEqual(['verifyMac', 'generateMac', 'createKey']);
    const text = JSON.stringify(list);
    expect(text).toContain('HMAC_SHA_384');
    expect(text).not.toContain(request.message);
    expect(text).not.toContain(made.mac);
  });
});
