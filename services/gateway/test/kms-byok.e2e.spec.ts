import { execSync } from 'node:child_process';
import { createDecipheriv, createPrivateKey, hkdfSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DewSystem, marker, refusal, rememberSecret, type SdkClient, type SecretKind } from '@dew/testing';

const HOUR = 3_600_000;
let dew: DewSystem;
let api: SdkClient;

beforeAll(async () => {
  dew = await DewSystem.start();
  api = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

/** The guide's commands, run by the real shell in a fresh directory (Huawei's bring-your-own-key guide; docs/features.md, "Bring your own key"). */
function shell(dir: string, command: string): void {
  execSync(command, { cwd: dir, stdio: 'pipe', shell: '/bin/bash' });
}
const b64 = (dir: string, file: string) => readFileSync(join(dir, file)).toString('base64');

/** Key material or a temporary AES key the guide's commands wrote: remembered for the scan after the suite. */
const rememberFile = (dir: string, file: string, kind: SecretKind) => rememberSecret(kind, readFileSync(join(dir, file)));

/**
 * A private key openssl made, remembered in every form it could be stored in: its PEM text, PKCS#8
 * DER, traditional DER (PKCS#1 or SEC1) and the private exponent or scalar alone.
 */
function rememberPrivateKey(dir: string, pemFile: string): void {
  const pem = readFileSync(join(dir, pemFile), 'utf8');
  const key = createPrivateKey(pem);
  rememberSecret('private-key', pem);
  rememberSecret('private-key', key.export({ format: 'der', type: 'pkcs8' }));
  rememberSecret('private-key', key.export({ format: 'der', type: key.asymmetricKeyType === 'ec' ? 'sec1' : 'pkcs1' }));
  const { d } = key.export({ format: 'jwk' });
  if (!d) throw new Error(`${pemFile} holds no private part`);
  rememberSecret('private-key', Buffer.from(d, 'base64url'));
}

/** docs/ciphertext.md "Decrypting offline": what any holder of the material can do. */
function dewDecrypt(material: Buffer, cipherTextBase64: string): Buffer {
  const b = Buffer.from(cipherTextBase64, 'base64');
  const key = Buffer.from(hkdfSync('sha256', material, b.subarray(41, 73), 'dew/cmk-message/v1/data', 32));
  const d = createDecipheriv('aes-256-gcm', key, b.subarray(73, 85));
  d.setAAD(b.subarray(0, 73));
  d.setAuthTag(b.subarray(85, 101));
  return Buffer.concat([d.update(b.subarray(101)), d.final()]);
}

async function externalKey(spec: string): Promise<string> {
  const res = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `byok-${spec}-${randomBytes(3).toString('hex')}`, key_spec: spec, origin: 'external' });
  expect(res.status).toBe(200);
  const described = await api.kms<{ key_info: { key_state: string; origin: string } }>('describe-key', { key_id: res.body.key_info.key_id });
  expect(described.body.key_info).toMatchObject({ key_state: '5', origin: 'external' });
  return res.body.key_info.key_id;
}

/** Steps 10.1–10.2 of the guide: parameters, then the wrapping key saved as PublicKey.bin. */
async function parameters(dir: string, keyId: string, alg = 'RSAES_OAEP_SHA_256'): Promise<string> {
  const res = await api.kms<{ public_key: string; import_token: string; expiration_time: number }>('get-parameters-for-import', { key_id: keyId, wrapping_algorithm: alg });
  expect(res.status).toBe(200);
  expect(res.body.public_key.startsWith('MIIBIjAN')).toBe(true);
  expect(res.body.expiration_time - Date.now() / 1000).toBeGreaterThan(23.9 * 3600);
  writeFileSync(join(dir, 'PublicKey.b64'), res.body.public_key);
  shell(dir, 'openssl enc -d -base64 -A -in PublicKey.b64 -out PublicKey.bin');
  return res.body.import_token;
}

const md = (alg: string) => (alg === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256');

describe('symmetric BYOK with the guide\'s OpenSSL commands', () => {
  it.each(['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'])('%s: the imported 32 bytes are the key: encrypt-data output opens offline with them', async (alg) => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-'));
    const keyId = await externalKey('AES_256');
    const token = await parameters(dir, keyId, alg);
    shell(dir, 'openssl rand -out PlaintextKeyMaterial.bin 32');
    rememberFile(dir, 'PlaintextKeyMaterial.bin', 'key-material');
    shell(dir, `openssl pkeyutl -in PlaintextKeyMaterial.bin -inkey PublicKey.bin -out EncryptedKeyMaterial.bin -keyform der -pubin -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:${md(alg)}`);
    const imported = await api.kms('import-key-material', { key_id: keyId, import_token: token, encrypted_key_material: b64(dir, 'EncryptedKeyMaterial.bin') });
    expect(imported.status).toBe(200);
    expect((await api.kms<{ key_info: { key_state: string } }>('describe-key', { key_id: keyId })).body.key_info.key_state).toBe('2');

    const plaintext = marker('plaintext');
    const enc = await api.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: plaintext });
    const material = readFileSync(join(dir, 'PlaintextKeyMaterial.bin'));
    expect(dewDecrypt(material, enc.body.cipher_text).toString()).toBe(plaintext);

    // A used token: refused (its wrapping key is erased). Imported keys never rotate.
    const reused = await api.kms('import-key-material', { key_id: keyId, import_token: token, encrypted_key_material: b64(dir, 'EncryptedKeyMaterial.bin') });
    expect(refusal(reused)).toEqual({ status: 400, code: 'KMS.2605' });
    expect(reused.errorMsg).toMatch(/already used/);
    expect(refusal(await api.kms('enable-key-rotation', { key_id: keyId }))).toEqual({ status: 400, code: 'KMS.0308' });
    expect(refusal(await api.kms('rotate-on-demand', { key_id: keyId }))).toEqual({ status: 400, code: 'KMS.0308' });

    // Delete, then an identical re-import restores decryption; a different material is refused.
    expect((await api.kms('delete-imported-key-material', { key_id: keyId })).status).toBe(200);
    expect(refusal(await api.kms('decrypt-data', { cipher_text: enc.body.cipher_text }))).toEqual({ status: 400, code: 'KMS.0209' });
    const other = await parameters(dir, keyId, alg);
    shell(dir, 'openssl rand -out Other.bin 32');
    rememberFile(dir, 'Other.bin', 'key-material');
    shell(dir, `openssl pkeyutl -in Other.bin -inkey PublicKey.bin -out OtherEncrypted.bin -keyform der -pubin -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:${md(alg)}`);
    expect(refusal(await api.kms('import-key-material', { key_id: keyId, import_token: other, encrypted_key_material: b64(dir, 'OtherEncrypted.bin') }))).toEqual({ status: 400, code: 'KMS.2606' });
    const again = await parameters(dir, keyId, alg);
    shell(dir, `openssl pkeyutl -in PlaintextKeyMaterial.bin -inkey PublicKey.bin -out EncryptedKeyMaterial.bin -keyform der -pubin -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:${md(alg)}`);
    expect((await api.kms('import-key-material', { key_id: keyId, import_token: again, encrypted_key_material: b64(dir, 'EncryptedKeyMaterial.bin') })).status).toBe(200);
    expect((await api.kms<{ plain_text: string }>('decrypt-data', { cipher_text: enc.body.cipher_text })).body.plain_text).toBe(plaintext);
  });
});

describe('asymmetric BYOK: temporary AES key + RFC 5649-wrapped PKCS#8', () => {
  it.each([
    ['RSA_4096', 'openssl genrsa -out rsa_private_key.pem 4096', 'openssl rsa -in rsa_private_key.pem -pubout -out public.pem', 'RSASSA_PSS_SHA_256', '-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest'],
    ['EC_P256', 'openssl ecparam -name prime256v1 -genkey -noout -out rsa_private_key.pem', 'openssl ec -in rsa_private_key.pem -pubout -out public.pem', 'ECDSA_SHA_256', ''],
  ])('%s: the guide\'s genrsa/pkcs8/id-aes256-wrap-pad steps import; a sign verifies against the public half openssl made', async (spec, genkey, pubout, signingAlg, sigopts) => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-'));
    const keyId = await externalKey(spec);
    const token = await parameters(dir, keyId, 'RSAES_OAEP_SHA_1');
    shell(dir, 'openssl rand -out 0xPlaintextKeyMaterial.bin -hex 32');
    shell(dir, 'cat 0xPlaintextKeyMaterial.bin | xxd -r -ps > PlaintextKeyMaterial.bin');
    rememberFile(dir, 'PlaintextKeyMaterial.bin', 'wrapping-key');
    shell(dir, 'openssl pkeyutl -in PlaintextKeyMaterial.bin -inkey PublicKey.bin -out EncryptedKeyMaterial.bin -keyform der -pubin -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha1');
    shell(dir, genkey);
    rememberPrivateKey(dir, 'rsa_private_key.pem');
    shell(dir, 'openssl pkcs8 -topk8 -inform PEM -outform DER -in rsa_private_key.pem -out rsa_private_key.der -nocrypt');
    shell(dir, 'openssl enc -id-aes256-wrap-pad -K $(cat 0xPlaintextKeyMaterial.bin) -iv A65959A6 -in rsa_private_key.der -out out_rsa_private_key.der');
    const res = await api.kms('import-key-material', { key_id: keyId, import_token: token, encrypted_key_material: b64(dir, 'EncryptedKeyMaterial.bin'), encrypted_privatekey: b64(dir, 'out_rsa_private_key.der') });
    expect(res.status).toBe(200);

    writeFileSync(join(dir, 'msg.bin'), 'signed by an imported key');
    const sig = await api.kms<{ signature: string }>('sign', { key_id: keyId, message: b64(dir, 'msg.bin'), signing_algorithm: signingAlg, message_type: 'RAW' });
    expect(sig.status).toBe(200);
    writeFileSync(join(dir, 'sig.bin'), Buffer.from(sig.body.signature, 'base64'));
    shell(dir, pubout);
    shell(dir, `openssl dgst -sha256 -verify public.pem ${sigopts} -signature sig.bin msg.bin`);
    // Asymmetric imported material can be neither deleted nor given an expiry.
    expect(refusal(await api.kms('delete-imported-key-material', { key_id: keyId }))).toEqual({ status: 400, code: 'KMS.2701' });
  });

  it('a private key of the wrong size and a corrupted wrap: KMS.2604, key still Pending import', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-'));
    const keyId = await externalKey('RSA_3072');
    const token = await parameters(dir, keyId);
    shell(dir, 'openssl rand -out 0xPlaintextKeyMaterial.bin -hex 32 && cat 0xPlaintextKeyMaterial.bin | xxd -r -ps > PlaintextKeyMaterial.bin');
    rememberFile(dir, 'PlaintextKeyMaterial.bin', 'wrapping-key');
    shell(dir, 'openssl pkeyutl -in PlaintextKeyMaterial.bin -inkey PublicKey.bin -out EncryptedKeyMaterial.bin -keyform der -pubin -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256');
    shell(dir, 'openssl genrsa -out small.pem 2048 && openssl pkcs8 -topk8 -inform PEM -outform DER -in small.pem -out small.der -nocrypt');
    rememberPrivateKey(dir, 'small.pem');
    shell(dir, 'openssl enc -id-aes256-wrap-pad -K $(cat 0xPlaintextKeyMaterial.bin) -iv A65959A6 -in small.der -out small.wrapped');
    const wrongSize = await api.kms('import-key-material', { key_id: keyId, import_token: token, encrypted_key_material: b64(dir, 'EncryptedKeyMaterial.bin'), encrypted_privatekey: b64(dir, 'small.wrapped') });
    expect(refusal(wrongSize)).toEqual({ status: 400, code: 'KMS.2604' });
    expect(wrongSize.errorMsg).toMatch(/RSA_3072.*RSA-2048/);
    const corrupted = readFileSync(join(dir, 'small.wrapped'));
    corrupted[10]! ^= 0xff;
    const bad = await api.kms('import-key-material', { key_id: keyId, import_token: token, encrypted_key_material: b64(dir, 'EncryptedKeyMaterial.bin'), encrypted_privatekey: corrupted.toString('base64') });
    expect(refusal(bad)).toEqual({ status: 400, code: 'KMS.2604' });
    expect((await api.kms<{ key_info: { key_state: string } }>('describe-key', { key_id: keyId })).body.key_info.key_state).toBe('5');
  });
});

describe('tokens, material and expiry refusals', () => {
  it('malformed token KMS.2601, another key\'s token KMS.2603, truncated/oversized material KMS.2604, past expiry KMS.2602, unknown algorithm KMS.0308', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-'));
    const keyId = await externalKey('AES_256');
    const otherKey = await externalKey('AES_256');
    const token = await parameters(dir, keyId);
    const encrypt = (bytes: number) => {
      shell(dir, `openssl rand -out m${bytes}.bin ${bytes} && openssl pkeyutl -in m${bytes}.bin -inkey PublicKey.bin -out e${bytes}.bin -keyform der -pubin -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256`);
      rememberFile(dir, `m${bytes}.bin`, 'key-material');
      return b64(dir, `e${bytes}.bin`);
    };
    const importWith = (body: object) => api.kms('import-key-material', { key_id: keyId, import_token: token, encrypted_key_material: encrypt(32), ...body });
    expect(refusal(await importWith({ import_token: 'not-a-token' }))).toEqual({ status: 400, code: 'KMS.2601' });
    expect(refusal(await api.kms('import-key-material', { key_id: otherKey, import_token: token, encrypted_key_material: encrypt(32) }))).toEqual({ status: 400, code: 'KMS.2603' });
    expect(refusal(await importWith({ encrypted_key_material: encrypt(31) }))).toEqual({ status: 400, code: 'KMS.2604' });
    expect(refusal(await importWith({ encrypted_key_material: encrypt(33) }))).toEqual({ status: 400, code: 'KMS.2604' });
    expect(refusal(await importWith({ expiration_time: Math.floor(Date.now() / 1000) - 60 }))).toEqual({ status: 400, code: 'KMS.2602' });
    expect(refusal(await api.kms('get-parameters-for-import', { key_id: keyId, wrapping_algorithm: 'RSAES_PKCS1_V1_5' }))).toEqual({ status: 400, code: 'KMS.0308' });
    const kmsKey = (await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `plain-${randomBytes(3).toString('hex')}` })).body.key_info.key_id;
    expect(refusal(await api.kms('get-parameters-for-import', { key_id: kmsKey, wrapping_algorithm: 'RSAES_OAEP_SHA_256' }))).toEqual({ status: 400, code: 'KMS.0309' });
  });

  it('material with an expiration time is deleted by the scheduler once it passes; an expired token is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-'));
    const keyId = await externalKey('AES_256');
    const token = await parameters(dir, keyId);
    shell(dir, 'openssl rand -out k.bin 32 && openssl pkeyutl -in k.bin -inkey PublicKey.bin -out k.enc -keyform der -pubin -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256');
    rememberFile(dir, 'k.bin', 'key-material');
    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    expect((await api.kms('import-key-material', { key_id: keyId, import_token: token, encrypted_key_material: b64(dir, 'k.enc'), expiration_time: expiresAt })).status).toBe(200);
    const laterKey = await externalKey('AES_256');
    const stale = await parameters(dir, laterKey);
    shell(dir, 'openssl pkeyutl -in k.bin -inkey PublicKey.bin -out later.enc -keyform der -pubin -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256');
    await dew.advanceClock('kms', 25 * HOUR);
    expect((await api.kms<{ key_info: { key_state: string } }>('describe-key', { key_id: keyId })).body.key_info.key_state).toBe('5');
    const expired = await api.kms('import-key-material', { key_id: laterKey, import_token: stale, encrypted_key_material: b64(dir, 'later.enc') });
    expect(refusal(expired)).toEqual({ status: 400, code: 'KMS.2605' });
    expect(expired.errorMsg).toMatch(/expired/);
  });

  it('a Pending import key can be scheduled for deletion before any import', async () => {
    const keyId = await externalKey('EC_P384');
    expect((await api.kms('schedule-key-deletion', { key_id: keyId, pending_days: '7' })).body).toEqual({ key_id: keyId, key_state: '4' });
    expect((await api.kms('cancel-key-deletion', { key_id: keyId })).body).toEqual({ key_id: keyId, key_state: '5' });
  });
});

describe('matrix: every key spec × both wrapping algorithms × (expires, never)', () => {
  const specs = [
    ['AES_256', ''],
    ['RSA_2048', 'openssl genrsa -out priv.pem 2048'],
    ['RSA_3072', 'openssl genrsa -out priv.pem 3072'],
    ['RSA_4096', 'openssl genrsa -out priv.pem 4096'],
    ['EC_P256', 'openssl ecparam -name prime256v1 -genkey -noout -out priv.pem'],
    ['EC_P384', 'openssl ecparam -name secp384r1 -genkey -noout -out priv.pem'],
  ] as const;

  it.each(specs)('%s', async (spec, genkey) => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-matrix-'));
    if (genkey) {
      shell(dir, `${genkey} && openssl pkcs8 -topk8 -inform PEM -outform DER -in priv.pem -out priv.der -nocrypt`);
      rememberPrivateKey(dir, 'priv.pem');
    }
    for (const alg of ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1']) {
      for (const expires of [true, false]) {
        const keyId = await externalKey(spec);
        const token = await parameters(dir, keyId, alg);
        shell(dir, 'openssl rand -out 0x.bin -hex 32 && cat 0x.bin | xxd -r -ps > material.bin');
        // AES_256 imports these 32 bytes as the key; the asymmetric specs use them as the temporary AES key.
        rememberFile(dir, 'material.bin', genkey ? 'wrapping-key' : 'key-material');
        shell(dir, `openssl pkeyutl -in material.bin -inkey PublicKey.bin -out material.enc -keyform der -pubin -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:${md(alg)}`);
        const body: Record<string, unknown> = { key_id: keyId, import_token: token, encrypted_key_material: b64(dir, 'material.enc') };
        if (genkey) {
          shell(dir, 'openssl enc -id-aes256-wrap-pad -K $(cat 0x.bin) -iv A65959A6 -in priv.der -out priv.wrapped');
          body.encrypted_privatekey = b64(dir, 'priv.wrapped');
        }
        // A week ahead: earlier tests in this file moved the kms test clock forward by a day.
        if (expires) body.expiration_time = Math.floor(Date.now() / 1000) + 7 * 24 * 3600;
        const res = await api.kms('import-key-material', body);
        if (genkey && expires) {
          // Asymmetric imported material never expires: the expiry is refused and nothing changes.
          expect(refusal(res)).toEqual({ status: 400, code: 'KMS.0308' });
          expect((await api.kms<{ key_info: { key_state: string } }>('describe-key', { key_id: keyId })).body.key_info.key_state).toBe('5');
          continue;
        }
        expect(res.status).toBe(200);
        expect((await api.kms<{ key_info: { key_state: string } }>('describe-key', { key_id: keyId })).body.key_info.key_state).toBe('2');
      }
    }
  });
});
