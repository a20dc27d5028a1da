import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sm2Key, sm2FromPkcs8, sm2FromSpki } from './sm2.js';

/** SM2 against the real OpenSSL CLI (3.0): signatures with the GM/T 0009 default id, C1C3C2 ciphertexts. */
let dir: string;
let fileNo = 0;
const file = (bytes: Uint8Array | string): string => {
  const path = join(dir, `f${fileNo++}`);
  writeFileSync(path, bytes);
  return path;
};
const openssl = (...args: string[]): Buffer => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
const verifies = (...args: string[]): boolean => {
  try {
    return openssl(...args).toString().includes('Verified OK');
  } catch {
    return false;
  }
};

// `openssl pkey -outform DER` writes SEC1 for EC keys; pkcs8 -topk8 is the guide's PKCS#8 step.
const pkcs8Der = (pem: string): Buffer => openssl('pkcs8', '-topk8', '-nocrypt', '-in', pem, '-outform', 'DER');

let keyPem: string;
let pubPem: string;
let key: Sm2Key;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sm2-'));
  keyPem = file('');
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', keyPem);
  pubPem = file(openssl('pkey', '-in', keyPem, '-pubout'));
  key = sm2FromPkcs8(pkcs8Der(keyPem));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Sm2Key signatures', () => {
  it('a signature over e = SM3(Z ‖ M) verifies with openssl dgst -sm3 -sigopt distid:1234567812345678, and a tampered one does not', () => {
    const message = Buffer.from('SM2DSA_SM3 interop message');
    const signature = key.signDigest(key.messageDigest(message));
    expect(verifies('dgst', '-sm3', '-verify', pubPem, '-sigopt', 'distid:1234567812345678', '-signature', file(signature), file(message))).toBe(true);
    const tampered = Buffer.from(signature);
    tampered[tampered.length - 1]! ^= 1;
    expect(verifies('dgst', '-sm3', '-verify', pubPem, '-sigopt', 'distid:1234567812345678', '-signature', file(tampered), file(message))).toBe(false);
  });

  it('a signature openssl makes with the default distid verifies here, over the message digest and not over another', () => {
    const message = Buffer.from('made by openssl');
    const signature = openssl('dgst', '-sm3', '-sign', keyPem, '-sigopt', 'distid:1234567812345678', file(message));
    const publicKey = sm2FromSpki(openssl('pkey', '-pubin', '-in', pubPem, '-outform', 'DER'))!;
    expect(publicKey.verifyDigest(publicKey.messageDigest(message), signature)).toBe(true);
    expect(publicKey.verifyDigest(publicKey.messageDigest(Buffer.from('other')), signature)).toBe(false);
  });

  it('Z uses the key: the digest differs from plain SM3 of the message', () => {
    const message = Buffer.from('abc');
    expect(key.messageDigest(message).equals(createHash('sm3').update(message).digest())).toBe(false);
  });

  it('malformed signatures (empty, truncated, r = 0) verify false without throwing', () => {
    const e = key.messageDigest(Buffer.from('x'));
    const good = key.signDigest(e);
    for (const bad of [Buffer.alloc(0), good.subarray(0, good.length - 3), Buffer.from('3006020100020101', 'hex')]) {
      expect(key.verifyDigest(e, bad)).toBe(false);
    }
  });
});

describe('Sm2Key encryption', () => {
  it.each([1, 32, 33, 4096])('%i bytes encrypted here decrypt with openssl pkeyutl -decrypt', (size) => {
    const message = Buffer.alloc(size, 0x5a);
    message[0] = size & 0xff;
    const plain = openssl('pkeyutl', '-decrypt', '-inkey', keyPem, '-in', file(key.publicKey().encrypt(message)));
    expect(plain.equals(message)).toBe(true);
  });

  it('a ciphertext openssl pkeyutl -encrypt makes with the public key decrypts here; a flipped byte is refused with KMS.0308', () => {
    const message = Buffer.from('from openssl to DEW');
    const cipher = openssl('pkeyutl', '-encrypt', '-pubin', '-inkey', pubPem, '-in', file(message));
    expect(key.decrypt(cipher).equals(message)).toBe(true);
    const tampered = Buffer.from(cipher);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => key.decrypt(tampered)).toThrow(expect.objectContaining({ code: 'KMS.0308' }));
  });
});

describe('Sm2Key encodings', () => {
  it('generated keys are PKCS#8 and SPKI that openssl reads as the same SM2 key', () => {
    const generated = Sm2Key.generate();
    const der = file(generated.pkcs8());
    expect(openssl('pkey', '-inform', 'DER', '-in', der, '-pubout').toString()).toBe(generated.publicKeyPem());
    expect(openssl('pkey', '-inform', 'DER', '-in', der, '-text', '-noout').toString()).toContain('SM2');
  });

  it('the public key PEM of an openssl key is byte-identical to openssl -pubout', () => {
    expect(key.publicKeyPem()).toBe(readFileSync(pubPem, 'utf8'));
  });

  it('a P-256 PKCS#8 key is refused as not SM2', () => {
    const p256 = file('');
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', p256);
    expect(() => sm2FromPkcs8(pkcs8Der(p256))).toThrow(/not a PKCS#8 SM2 key/);
  });
});
