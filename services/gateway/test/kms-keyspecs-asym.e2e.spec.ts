import { execFileSync, execSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519ph } from '@noble/curves/ed25519.js';
import { DewSystem, refusal, rememberSecret, type SdkClient } from '@dew/testing';

/**
 * The asymmetric key specs SM2, SECP256K1 and ED25519 through the gateway, called as Huawei's SDK
 * calls them (SignRequestBody, VerifyRequestBody, EncryptDataRequestBody, ImportKeyMaterialRequestBody
 * fields), every signature checked with the real openssl CLI (docs/api-decisions.md, "Asymmetric key specs").
 */
let dew: DewSystem;
let api: SdkClient;
const work = mkdtempSync(join(tmpdir(), 'dew-asym-'));
const DISTID = 'distid:1234567812345678';

beforeAll(async () => {
  dew = await DewSystem.start();
  api = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

const openssl = (...args: string[]): string => execFileSync('openssl', args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
const opensslVerifies = (...args: string[]): boolean => {
  try {
    return openssl(...args).includes('Verified');
  } catch {
    return false;
  }
};
let fileNo = 0;
const file = (bytes: Uint8Array | string): string => {
  const name = `f${fileNo++}.bin`;
  writeFileSync(join(work, name), bytes);
  return name;
};
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

async function createKey(spec: string, usage: string, origin?: string): Promise<string> {
  const res = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `asym-${spec}-${randomBytes(3).toString('hex')}`, key_spec: spec, key_usage: usage, ...(origin ? { origin } : {}) });
  expect(res.status).toBe(200);
  return res.body.key_info.key_id;
}

async function publicPem(keyId: string): Promise<string> {
  const res = await api.kms<{ key_id: string; public_key: string }>('get-publickey', { key_id: keyId });
  expect(res.status).toBe(200);
  expect(res.body.public_key).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  return file(res.body.public_key);
}

async function sign(keyId: string, alg: string, message: Uint8Array, messageType: 'RAW' | 'DIGEST'): Promise<Buffer> {
  const res = await api.kms<{ key_id: string; signature: string }>('sign', { key_id: keyId, message: b64(message), signing_algorithm: alg, message_type: messageType });
  expect(res.status).toBe(200);
  expect(res.body.key_id).toBe(keyId);
  return Buffer.from(res.body.signature, 'base64');
}

async function dewVerifies(keyId: string, alg: string, message: Uint8Array, messageType: 'RAW' | 'DIGEST', signature: Uint8Array): Promise<string> {
  const res = await api.kms<{ signature_valid: string }>('verify', { key_id: keyId, message: b64(message), signature: b64(signature), signing_algorithm: alg, message_type: messageType });
  expect(res.status).toBe(200);
  return res.body.signature_valid;
}

const flipped = (sig: Buffer): Buffer => {
  const copy = Buffer.from(sig);
  copy[copy.length - 5]! ^= 0x01;
  return copy;
};

/** The openssl command that verifies a signature of each algorithm over the message file. */
const VERIFY: Record<string, (pub: string, sig: string, msg: string) => string[]> = {
  SM2DSA_SM3: (pub, sig, msg) => ['dgst', '-sm3', '-verify', pub, '-sigopt', DISTID, '-signature', sig, msg],
  ECDSA_SHA_256: (pub, sig, msg) => ['dgst', '-sha256', '-verify', pub, '-signature', sig, msg],
  ED25519_SHA_512: (pub, sig, msg) => ['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-in', msg, '-sigfile', sig],
};

/** Each new spec with the signing algorithm openssl can check for it. */
const SIGNING_SPECS: Array<[string, string]> = [
  ['SM2', 'SM2DSA_SM3'],
  ['SECP256K1', 'ECDSA_SHA_256'],
  ['ED25519', 'ED25519_SHA_512'],
];

describe('keys DEW generates: create → get-publickey → sign → openssl verifies', () => {
  it.each(SIGNING_SPECS)('%s with %s: a RAW signature verifies with openssl and with DEW; a tampered one fails both', async (spec, alg) => {
    const keyId = await createKey(spec, 'SIGN_VERIFY');
    const described = await api.kms<{ key_info: { key_spec: string; key_usage: string } }>('describe-key', { key_id: keyId });
    expect(described.body.key_info).toMatchObject({ key_spec: spec, key_usage: 'SIGN_VERIFY' });
    const pub = await publicPem(keyId);
    const message = Buffer.from(`signed by ${spec} ${randomBytes(4).toString('hex')}`);
    const signature = await sign(keyId, alg, message, 'RAW');
    expect(opensslVerifies(...VERIFY[alg]!(pub, file(signature), file(message)))).toBe(true);
    expect(await dewVerifies(keyId, alg, message, 'RAW', signature)).toBe('true');
    expect(opensslVerifies(...VERIFY[alg]!(pub, file(flipped(signature)), file(message)))).toBe(false);
    expect(await dewVerifies(keyId, alg, message, 'RAW', flipped(signature))).toBe('false');
  });

  it('SECP256K1 over a DIGEST: the signature of SHA-256(M) verifies with openssl dgst -sha256 over M', async () => {
    const keyId = await createKey('SECP256K1', 'SIGN_VERIFY');
    const pub = await publicPem(keyId);
    const message = Buffer.from('digest signed on secp256k1');
    const signature = await sign(keyId, 'ECDSA_SHA_256', createHash('sha256').update(message).digest(), 'DIGEST');
    expect(opensslVerifies(...VERIFY.ECDSA_SHA_256!(pub, file(signature), file(message)))).toBe(true);
  });

  it('ED25519_PH_SHA_512: RAW and DIGEST (SHA-512 of M) give signatures an independent Ed25519ph (@noble/curves) verifies; ED25519_SHA_512 refuses DIGEST', async () => {
    const keyId = await createKey('ED25519', 'SIGN_VERIFY');
    // The SPKI of an Ed25519 key ends with the 32-byte public point (RFC 8410).
    const point = execFileSync('openssl', ['pkey', '-pubin', '-in', await publicPem(keyId), '-outform', 'DER'], { cwd: work }).subarray(-32);
    const message = Buffer.from('prehashed Ed25519');
    const raw = await sign(keyId, 'ED25519_PH_SHA_512', message, 'RAW');
    const viaDigest = await sign(keyId, 'ED25519_PH_SHA_512', createHash('sha512').update(message).digest(), 'DIGEST');
    expect(ed25519ph.verify(raw, message, point, { zip215: false })).toBe(true);
    expect(ed25519ph.verify(viaDigest, message, point, { zip215: false })).toBe(true);
    expect(await dewVerifies(keyId, 'ED25519_PH_SHA_512', message, 'RAW', flipped(raw))).toBe('false');
    const refused = await api.kms('sign', { key_id: keyId, message: b64(createHash('sha512').update(message).digest()), signing_algorithm: 'ED25519_SHA_512', message_type: 'DIGEST' });
    expect(refusal(refused)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(refused.errorMsg).toMatch(/message_type must be RAW/);
  });

  it('SM2 ENCRYPT_DECRYPT: openssl pkeyutl -encrypt with the get-publickey PEM → decrypt-data with SM2_ENCRYPT gives the plaintext back', async () => {
    const keyId = await createKey('SM2', 'ENCRYPT_DECRYPT');
    const pub = await publicPem(keyId);
    const secret = rememberSecret('plaintext', `sm2 secret ${randomBytes(6).toString('hex')}`);
    const cipher = execFileSync('openssl', ['pkeyutl', '-encrypt', '-pubin', '-inkey', pub, '-in', file(secret)], { cwd: work });
    const dec = await api.kms<{ key_id: string; plain_text: string }>('decrypt-data', { key_id: keyId, cipher_text: b64(cipher), encryption_algorithm: 'SM2_ENCRYPT' });
    expect(dec.status).toBe(200);
    expect(dec.body).toMatchObject({ key_id: keyId, plain_text: secret });
    const enc = await api.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: secret, encryption_algorithm: 'SM2_ENCRYPT' });
    expect(enc.status).toBe(200);
    const back = await api.kms<{ plain_text: string }>('decrypt-data', { key_id: keyId, cipher_text: enc.body.cipher_text, encryption_algorithm: 'SM2_ENCRYPT' });
    expect(back.body.plain_text).toBe(secret);
    const rsaAlg = await api.kms('encrypt-data', { key_id: keyId, plain_text: secret, encryption_algorithm: 'RSAES_OAEP_SHA_256' });
    expect(refusal(rsaAlg)).toEqual({ status: 400, code: 'KMS.0308' });
  });

  it('list-keys filters by the new key_spec values', async () => {
    const keyId = await createKey('ED25519', 'SIGN_VERIFY');
    const listed = await api.kms<{ key_details: Array<{ key_id: string; key_spec: string }> }>('list-keys', { key_spec: 'ED25519', limit: '1000' });
    expect(listed.status).toBe(200);
    expect(listed.body.key_details.map((k) => k.key_id)).toContain(keyId);
    expect(new Set(listed.body.key_details.map((k) => k.key_spec))).toEqual(new Set(['ED25519']));
  });
});

/** BYOK: the guide's OpenSSL flow (temporary AES key under the wrapping key, RFC 5649-wrapped PKCS#8). */
function shell(dir: string, command: string): void {
  execSync(command, { cwd: dir, stdio: 'pipe', shell: '/bin/bash' });
}

async function importInto(keyId: string, dir: string, privatePem: string): Promise<{ status: number; code?: string; errorMsg?: string }> {
  const params = await api.kms<{ public_key: string; import_token: string }>('get-parameters-for-import', { key_id: keyId, wrapping_algorithm: 'RSAES_OAEP_SHA_256' });
  expect(params.status).toBe(200);
  writeFileSync(join(dir, 'PublicKey.bin'), Buffer.from(params.body.public_key, 'base64'));
  shell(dir, 'openssl rand -out 0xPlaintextKeyMaterial.bin -hex 32 && cat 0xPlaintextKeyMaterial.bin | xxd -r -ps > PlaintextKeyMaterial.bin');
  rememberSecret('wrapping-key', readFileSync(join(dir, 'PlaintextKeyMaterial.bin')));
  shell(dir, 'openssl pkeyutl -in PlaintextKeyMaterial.bin -inkey PublicKey.bin -out EncryptedKeyMaterial.bin -keyform der -pubin -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256');
  shell(dir, `openssl pkcs8 -topk8 -inform PEM -outform DER -in ${privatePem} -out private.der -nocrypt`);
  rememberSecret('private-key', readFileSync(join(dir, privatePem), 'utf8'));
  rememberSecret('private-key', readFileSync(join(dir, 'private.der')));
  shell(dir, 'openssl enc -id-aes256-wrap-pad -K $(cat 0xPlaintextKeyMaterial.bin) -iv A65959A6 -in private.der -out private.wrapped');
  const res = await api.kms('import-key-material', {
    key_id: keyId,
    import_token: params.body.import_token,
    encrypted_key_material: readFileSync(join(dir, 'EncryptedKeyMaterial.bin')).toString('base64'),
    encrypted_privatekey: readFileSync(join(dir, 'private.wrapped')).toString('base64'),
  });
  return res.status === 200 ? { status: 200 } : { ...refusal(res), errorMsg: res.errorMsg };
}

const GENKEY: Record<string, string> = {
  SM2: 'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out priv.pem',
  SECP256K1: 'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -out priv.pem',
  ED25519: 'openssl genpkey -algorithm ED25519 -out priv.pem',
  P256: 'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out priv.pem',
};

describe('BYOK of SM2, SECP256K1 and ED25519 material made by openssl', () => {
  it.each(SIGNING_SPECS)('%s: the imported key signs (%s) and openssl verifies against the material\'s own public key; get-publickey is that key', async (spec, alg) => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-asym-'));
    const keyId = await createKey(spec, 'SIGN_VERIFY', 'external');
    shell(dir, `${GENKEY[spec]} && openssl pkey -in priv.pem -pubout -out pub.pem`);
    expect(await importInto(keyId, dir, 'priv.pem')).toEqual({ status: 200 });
    const message = Buffer.from(`imported ${spec}`);
    writeFileSync(join(dir, 'msg.bin'), message);
    writeFileSync(join(dir, 'sig.bin'), await sign(keyId, alg, message, 'RAW'));
    const args = VERIFY[alg]!(join(dir, 'pub.pem'), join(dir, 'sig.bin'), join(dir, 'msg.bin'));
    expect(opensslVerifies(...args)).toBe(true);
    const served = await api.kms<{ public_key: string }>('get-publickey', { key_id: keyId });
    expect(served.body.public_key).toBe(readFileSync(join(dir, 'pub.pem'), 'utf8'));
  });

  it('SM2 ENCRYPT_DECRYPT import: encrypt-data output decrypts with openssl pkeyutl -decrypt and the imported private key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-asym-'));
    const keyId = await createKey('SM2', 'ENCRYPT_DECRYPT', 'external');
    shell(dir, GENKEY.SM2!);
    expect(await importInto(keyId, dir, 'priv.pem')).toEqual({ status: 200 });
    const secret = rememberSecret('plaintext', `to openssl ${randomBytes(6).toString('hex')}`);
    const enc = await api.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: secret, encryption_algorithm: 'SM2_ENCRYPT' });
    expect(enc.status).toBe(200);
    writeFileSync(join(dir, 'c.bin'), Buffer.from(enc.body.cipher_text, 'base64'));
    shell(dir, 'openssl pkeyutl -decrypt -inkey priv.pem -in c.bin -out p.bin');
    expect(readFileSync(join(dir, 'p.bin'), 'utf8')).toBe(secret);
  });

  it.each([
    ['SECP256K1', 'P256', /SECP256K1.*EC prime256v1/],
    ['SM2', 'SECP256K1', /SM2.*EC secp256k1/],
    ['ED25519', 'SM2', /ED25519.*SM2/],
  ])('a %s key refuses %s material with KMS.2604 naming both, and stays Pending import', async (spec, material, names) => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-asym-'));
    const keyId = await createKey(spec, 'SIGN_VERIFY', 'external');
    shell(dir, GENKEY[material]!);
    const res = await importInto(keyId, dir, 'priv.pem');
    expect(res).toMatchObject({ status: 400, code: 'KMS.2604' });
    expect(res.errorMsg).toMatch(names);
    const described = await api.kms<{ key_info: { key_state: string } }>('describe-key', { key_id: keyId });
    expect(described.body.key_info.key_state).toBe('5');
    expect(refusal(await api.kms('get-publickey', { key_id: keyId }))).toMatchObject({ status: 400 });
  });
});
