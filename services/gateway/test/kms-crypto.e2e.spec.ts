import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { DewSystem, filesContain, marker, openStoreCopy, refusal, rememberSecret, type SdkClient } from '@dew/testing';
import { auditRecordsOf } from '@dew/contracts';

const DAY = 86_400_000;
const MARKER = marker('plaintext');
const AAD_MARKER = marker('aad');
let dew: DewSystem;
let api: SdkClient;
const work = mkdtempSync(join(tmpdir(), 'dew-openssl-'));
const usedSecrets: string[] = [];

beforeAll(async () => {
  dew = await DewSystem.start();
  api = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

async function createKey(spec: string, usage?: string): Promise<string> {
  const res = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `${spec}-${usage ?? 'default'}-${randomBytes(3).toString('hex')}`, key_spec: spec, ...(usage ? { key_usage: usage } : {}) });
  expect(res.status).toBe(200);
  return res.body.key_info.key_id;
}

/** A remembered plaintext of exactly `length` bytes: a marker, padded. */
const plaintextOf = (length: number) => rememberSecret('plaintext', marker('plaintext').padEnd(length, 'a'));
/** Data keys come back in hex: the scan looks for their bytes (and so for the hex and base64 of them). */
const rememberDataKey = (hex: string) => rememberSecret('data-key', Buffer.from(hex, 'hex'));

function openssl(...args: string[]): Buffer {
  return execFileSync('openssl', args, { cwd: work });
}

describe('encrypt-data / decrypt-data with an AES_256 key', () => {
  let keyId: string;
  beforeAll(async () => {
    keyId = await createKey('AES_256');
  });

  it('round trip: the ciphertext names the key, so decrypt needs no key_id; AAD is bound', async () => {
    const enc = await api.kms<{ key_id: string; cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: MARKER, additional_authenticated_data: AAD_MARKER });
    expect(enc.status).toBe(200);
    expect(enc.body.cipher_text).toMatch(/^[0-9a-zA-Z+/=]{128,5648}$/);
    expect(Buffer.from(enc.body.cipher_text, 'base64').includes(Buffer.from(MARKER))).toBe(false);
    usedSecrets.push(MARKER, AAD_MARKER);
    const dec = await api.kms<{ key_id: string; plain_text: string; plain_text_base64: string }>('decrypt-data', { cipher_text: enc.body.cipher_text, additional_authenticated_data: AAD_MARKER });
    expect(dec.body).toEqual({ key_id: keyId, plain_text: MARKER, plain_text_base64: Buffer.from(MARKER).toString('base64') });
    const wrongAad = await api.kms('decrypt-data', { cipher_text: enc.body.cipher_text, additional_authenticated_data: 'other' });
    expect(refusal(wrongAad)).toEqual({ status: 400, code: 'KMS.0308' });
  });

  it('encryption_algorithm outside SYMMETRIC_DEFAULT and RSAES-OAEP: 400 KMS.0308 naming the values; SYMMETRIC_DEFAULT works', async () => {
    const odd = await api.kms('encrypt-data', { key_id: keyId, plain_text: 'x', encryption_algorithm: 'ROT13' });
    expect(refusal(odd)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(odd.errorMsg).toContain('SYMMETRIC_DEFAULT');
    expect((await api.kms('encrypt-data', { key_id: keyId, plain_text: 'x', encryption_algorithm: 'SYMMETRIC_DEFAULT' })).status).toBe(200);
  });

  it('a tampered ciphertext: a clear 400, never a 500', async () => {
    const enc = await api.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: marker('plaintext') });
    const blob = Buffer.from(enc.body.cipher_text, 'base64');
    for (const index of [0, 5, 40, 60, blob.length - 1]) {
      const copy = Buffer.from(blob);
      copy[index]! ^= 0x01;
      const res = await api.kms('decrypt-data', { cipher_text: copy.toString('base64') });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('plain_text of 4096 bytes is accepted, 4097 refused naming the limit; 0 refused', async () => {
    expect((await api.kms('encrypt-data', { key_id: keyId, plain_text: plaintextOf(4096) })).status).toBe(200);
    const tooLong = await api.kms('encrypt-data', { key_id: keyId, plain_text: plaintextOf(4097) });
    expect(refusal(tooLong)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(tooLong.errorMsg).toMatch(/4096.*4097/);
  });

  it('AAD over 128 bytes: 400 KMS.0208', async () => {
    expect(refusal(await api.kms('encrypt-data', { key_id: keyId, plain_text: 'x', additional_authenticated_data: 'a'.repeat(129) }))).toEqual({ status: 400, code: 'KMS.0208' });
  });

  it('disabled key: KMS.0209; pending deletion: KMS.0210; destroyed: 404 KMS.0207 for its old ciphertexts', async () => {
    const doomed = await createKey('AES_256');
    const enc = await api.kms<{ cipher_text: string }>('encrypt-data', { key_id: doomed, plain_text: marker('plaintext') });
    await api.kms('disable-key', { key_id: doomed });
    expect(refusal(await api.kms('encrypt-data', { key_id: doomed, plain_text: 'x' }))).toEqual({ status: 400, code: 'KMS.0209' });
    expect(refusal(await api.kms('decrypt-data', { cipher_text: enc.body.cipher_text }))).toEqual({ status: 400, code: 'KMS.0209' });
    await api.kms('schedule-key-deletion', { key_id: doomed, pending_days: '7' });
    expect(refusal(await api.kms('decrypt-data', { cipher_text: enc.body.cipher_text }))).toEqual({ status: 400, code: 'KMS.0210' });
    await dew.advanceClock('kms', 7 * DAY + 60_000);
    expect(refusal(await api.kms('decrypt-data', { cipher_text: enc.body.cipher_text }))).toEqual({ status: 404, code: 'KMS.0207' });
  });

  it('usage is enforced: a SIGN_VERIFY key cannot encrypt, an ENCRYPT_DECRYPT key cannot sign', async () => {
    const signer = await createKey('EC_P256');
    expect(refusal(await api.kms('encrypt-data', { key_id: signer, plain_text: 'x', encryption_algorithm: 'RSAES_OAEP_SHA_256' }))).toEqual({ status: 400, code: 'KMS.0308' });
    const digest = createHash('sha256').update('m').digest('base64');
    expect(refusal(await api.kms('sign', { key_id: keyId, message: digest, signing_algorithm: 'ECDSA_SHA_256' }))).toEqual({ status: 400, code: 'KMS.0308' });
  });
});

describe('data keys', () => {
  let keyId: string;
  beforeAll(async () => {
    keyId = await createKey('AES_256');
  });

  it('create-datakey: decrypt-datakey returns the same key and its SHA-256', async () => {
    const created = await api.kms<{ plain_text: string; cipher_text: string }>('create-datakey', { key_id: keyId, datakey_length: '512' });
    expect(created.body.plain_text).toMatch(/^[0-9A-F]{128}$/);
    rememberDataKey(created.body.plain_text);
    const dec = await api.kms<{ data_key: string; datakey_length: string; datakey_dgst: string }>('decrypt-datakey', { key_id: keyId, cipher_text: created.body.cipher_text, datakey_cipher_length: '64' });
    expect(dec.body.data_key).toBe(created.body.plain_text);
    expect(dec.body.datakey_length).toBe('64');
    expect(dec.body.datakey_dgst).toBe(createHash('sha256').update(Buffer.from(created.body.plain_text, 'hex')).digest('hex').toUpperCase());
  });

  it('key_spec AES_128 gives 16 bytes; without plaintext gives only the ciphertext', async () => {
    const aes128 = await api.kms<{ plain_text: string }>('create-datakey', { key_id: keyId, key_spec: 'AES_128' });
    expect(aes128.body.plain_text).toHaveLength(32);
    rememberDataKey(aes128.body.plain_text);
    const noPlain = await api.kms<Record<string, string>>('create-datakey-without-plaintext', { key_id: keyId });
    expect(Object.keys(noPlain.body).sort()).toEqual(['cipher_text', 'key_id']);
    const opened = await api.kms<{ data_key: string }>('decrypt-datakey', { key_id: keyId, cipher_text: noPlain.body.cipher_text, datakey_cipher_length: '32' });
    expect(opened.status).toBe(200);
    rememberDataKey(opened.body.data_key);
  });

  it('encrypt-datakey: hex(DEK ‖ SHA-256(DEK)) round-trips; a wrong digest is KMS.2103', async () => {
    const dek = rememberSecret('data-key', randomBytes(64));
    const plain = Buffer.concat([dek, createHash('sha256').update(dek).digest()]).toString('hex');
    const enc = await api.kms<{ cipher_text: string; datakey_length: string }>('encrypt-datakey', { key_id: keyId, plain_text: plain, datakey_plain_length: '64' });
    expect(enc.body.datakey_length).toBe('64');
    const dec = await api.kms<{ data_key: string }>('decrypt-datakey', { key_id: keyId, cipher_text: enc.body.cipher_text, datakey_cipher_length: '64' });
    expect(dec.body.data_key).toBe(dek.toString('hex').toUpperCase());
    const bad = Buffer.concat([dek, randomBytes(32)]).toString('hex');
    expect(refusal(await api.kms('encrypt-datakey', { key_id: keyId, plain_text: bad, datakey_plain_length: '64' }))).toEqual({ status: 400, code: 'KMS.2103' });
  });

  it('datakey_length outside 8..8192 or not a multiple of 8: KMS.1901', async () => {
    for (const len of ['0', '12', '8200']) {
      expect(refusal(await api.kms('create-datakey', { key_id: keyId, datakey_length: len }))).toEqual({ status: 400, code: 'KMS.1901' });
    }
  });
});

describe('sign / verify interoperate with openssl', () => {
  const message = Buffer.from('the message to sign');
  writeFileSync(join(work, 'msg.bin'), message);

  async function publicPem(keyId: string, name: string): Promise<string> {
    const res = await api.kms<{ public_key: string }>('get-publickey', { key_id: keyId });
    expect(res.body.public_key).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const file = `${name}.pem`;
    writeFileSync(join(work, file), res.body.public_key);
    return file;
  }

  const rsaCases = ['RSA_2048', 'RSA_3072', 'RSA_4096'].flatMap((spec) =>
    ['PSS', 'PKCS1_V1_5'].flatMap((pad) => ['256', '384', '512'].map((bits) => [spec, pad, bits] as const)));

  const rsaKeys = new Map<string, Promise<string>>();
  const rsaKey = (spec: string) => {
    if (!rsaKeys.has(spec)) rsaKeys.set(spec, createKey(spec, 'SIGN_VERIFY'));
    return rsaKeys.get(spec)!;
  };

  it.each(rsaCases)('%s RSASSA_%s_SHA_%s: our signature verifies with openssl dgst -verify, and verify says true', async (spec, pad, bits) => {
    const keyId = await rsaKey(spec);
    const alg = `RSASSA_${pad}_SHA_${bits}`;
    const res = await api.kms<{ signature: string }>('sign', { key_id: keyId, message: message.toString('base64'), signing_algorithm: alg, message_type: 'RAW' });
    expect(res.status).toBe(200);
    const sigFile = `${spec}-${pad}-${bits}.sig`;
    writeFileSync(join(work, sigFile), Buffer.from(res.body.signature, 'base64'));
    const pem = await publicPem(keyId, spec);
    const pss = pad === 'PSS' ? ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:digest'] : [];
    expect(openssl('dgst', `-sha${bits}`, '-verify', pem, ...pss, '-signature', sigFile, 'msg.bin').toString()).toContain('Verified OK');
    const verify = await api.kms<{ signature_valid: string }>('verify', { key_id: keyId, message: message.toString('base64'), signature: res.body.signature, signing_algorithm: alg, message_type: 'RAW' });
    expect(verify.body.signature_valid).toBe('true');
    const digest = createHash(`sha${bits}`).update(message).digest('base64');
    const viaDigest = await api.kms<{ signature_valid: string }>('verify', { key_id: keyId, message: digest, signature: res.body.signature, signing_algorithm: alg });
    expect(viaDigest.body.signature_valid).toBe('true');
  });

  it.each([
    ['EC_P256', '256'], ['EC_P256', '384'], ['EC_P256', '512'], ['EC_P384', '256'], ['EC_P384', '384'], ['EC_P384', '512'],
  ])('%s ECDSA_SHA_%s over a DIGEST: verifies with openssl; a flipped message does not verify', async (spec, bits) => {
    const keyId = await createKey(spec);
    const digest = createHash(`sha${bits}`).update(message).digest();
    const res = await api.kms<{ signature: string }>('sign', { key_id: keyId, message: digest.toString('base64'), signing_algorithm: `ECDSA_SHA_${bits}`, message_type: 'DIGEST' });
    expect(res.status).toBe(200);
    const sigFile = `${spec}-${bits}.sig`;
    writeFileSync(join(work, sigFile), Buffer.from(res.body.signature, 'base64'));
    const pem = await publicPem(keyId, `${spec}-${bits}`);
    expect(openssl('dgst', `-sha${bits}`, '-verify', pem, '-signature', sigFile, 'msg.bin').toString()).toContain('Verified OK');
    const other = createHash(`sha${bits}`).update('another message').digest('base64');
    const verify = await api.kms<{ signature_valid: string }>('verify', { key_id: keyId, message: other, signature: res.body.signature, signing_algorithm: `ECDSA_SHA_${bits}` });
    expect(verify.body.signature_valid).toBe('false');
  });

  it('a DIGEST of the wrong length is refused naming both lengths', async () => {
    const keyId = await createKey('EC_P256');
    const res = await api.kms('sign', { key_id: keyId, message: Buffer.alloc(20).toString('base64'), signing_algorithm: 'ECDSA_SHA_256' });
    expect(refusal(res)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(res.errorMsg).toMatch(/32.*20/);
  });
});

describe('RSA ENCRYPT_DECRYPT keys and OAEP', () => {
  it.each([['RSA_2048', 'sha256', 'RSAES_OAEP_SHA_256'], ['RSA_3072', 'sha1', 'RSAES_OAEP_SHA_1']])('%s: data encrypted by openssl pkeyutl OAEP %s decrypts through decrypt-data', async (spec, md, alg) => {
    const keyId = await createKey(spec, 'ENCRYPT_DECRYPT');
    const res = await api.kms<{ public_key: string }>('get-publickey', { key_id: keyId });
    writeFileSync(join(work, `${spec}-enc.pem`), res.body.public_key);
    writeFileSync(join(work, 'secret.txt'), MARKER);
    openssl('pkeyutl', '-encrypt', '-pubin', '-inkey', `${spec}-enc.pem`, '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', `rsa_oaep_md:${md}`, '-in', 'secret.txt', '-out', `${spec}.enc`);
    const cipher = readFileSync(join(work, `${spec}.enc`)).toString('base64');
    const dec = await api.kms<{ plain_text: string }>('decrypt-data', { key_id: keyId, cipher_text: cipher, encryption_algorithm: alg });
    expect(dec.status).toBe(200);
    expect(dec.body.plain_text).toBe(MARKER);
    const tooLong = await api.kms('encrypt-data', { key_id: keyId, plain_text: 'x'.repeat(400), encryption_algorithm: alg });
    expect(refusal(tooLong)).toEqual({ status: 400, code: 'KMS.0308' });
  });
});

describe('gen-random', () => {
  it('256 bits: 32 random bytes in hex; 7 and 8200 bits refused with KMS.1801', async () => {
    const a = await api.kms<{ random_data: string }>('gen-random', { random_data_length: '256' });
    const b = await api.kms<{ random_data: string }>('gen-random', { random_data_length: 256 });
    expect(a.body.random_data).toMatch(/^[0-9A-F]{64}$/);
    expect(a.body.random_data).not.toBe(b.body.random_data);
    for (const r of [a, b]) rememberSecret('random-data', Buffer.from(r.body.random_data, 'hex'));
    for (const bits of ['7', '8200']) expect(refusal(await api.kms('gen-random', { random_data_length: bits }))).toEqual({ status: 400, code: 'KMS.1801' });
  });
});

describe('audit records of crypto calls', () => {
  it('every call left a record with its trace name; no record, log line or stored byte holds a plaintext or AAD', async () => {
    await dew.halt();
    const copy = await openStoreCopy(join(dew.dataDir, 'nats', 'store'));
    try {
      const jsm = await jetstreamManager(copy.nc);
      const info = await jsm.streams.info('AUDIT');
      expect(info.config.max_age).toBe(7 * DAY * 1_000_000);
      const names = new Set<string>();
      for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
        const msg = await jsm.streams.getMessage('AUDIT', { seq });
        if (!msg) continue;
        const text = new TextDecoder().decode(msg.data);
        for (const secret of usedSecrets) expect(text).not.toContain(secret);
        for (const record of auditRecordsOf(text)) names.add(record.trace_name);
      }
      for (const name of ['encryptData', 'decryptData', 'createDatakey', 'createDatakeyWithoutPlaintext', 'encryptDatakey', 'decryptDatakey', 'genRandom', 'sign', 'verify']) {
        expect(names).toContain(name);
      }
    } finally {
      await copy.stop();
    }
    for (const secret of usedSecrets) {
      expect(filesContain(join(dew.dataDir, 'nats', 'store'), Buffer.from(secret))).toBe(false);
      for (const log of readdirSync(join(dew.dataDir, 'logs'))) expect(readFileSync(join(dew.dataDir, 'logs', log), 'utf8')).not.toContain(secret);
    }
    await dew.restart();
  });
});
