import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealMessage } from './ciphertext.js';
import { MAC_ALGORITHMS, computeMac, type MacAlgorithm } from './mac.js';
import { sm4Ctr } from './sm4-message.js';

/**
 * The SM4 ciphertext and HMAC keys against the real OpenSSL CLI: every part of the SM4 construction
 * (HKDF-SM3, SM4-CTR, HMAC-SM3) is recomputed by `openssl kdf`, `openssl enc` and `openssl mac`.
 */
let dir: string;
let fileNo = 0;

function file(bytes: Uint8Array): string {
  const path = join(dir, `f${fileNo++}.bin`);
  writeFileSync(path, bytes);
  return path;
}

function openssl(...args: string[]): Buffer {
  return execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const OPENSSL_DIGEST: Readonly<Record<MacAlgorithm, string>> = { HMAC_SHA_256: 'SHA256', HMAC_SHA_384: 'SHA384', HMAC_SHA_512: 'SHA512', HMAC_SM3: 'SM3' };

function opensslHmac(digest: string, key: Uint8Array, data: Uint8Array): string {
  return openssl('mac', '-digest', digest, '-macopt', `hexkey:${hex(key)}`, '-in', file(data), 'HMAC').toString().trim().toLowerCase();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dew-sm4-openssl-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SM4 parts against the openssl CLI', () => {
  it('sm4Ctr equals `openssl enc -sm4-ctr` for a random key, IV and 1000-byte input', () => {
    const key = randomBytes(16);
    const iv = randomBytes(16);
    const input = randomBytes(1000);
    const cli = openssl('enc', '-sm4-ctr', '-K', hex(key), '-iv', hex(iv), '-in', file(input));
    expect(hex(sm4Ctr(key, iv, input))).toBe(hex(cli));
  });

  it('the GB/T 32907 block vector through `openssl enc -sm4-ecb -nopad`', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    expect(hex(openssl('enc', '-sm4-ecb', '-nopad', '-K', hex(key), '-in', file(key)))).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('an SM4 ciphertext of DEW opens with openssl alone: `openssl kdf HKDF` (SM3), `openssl mac` (HMAC-SM3), `openssl enc -d -sm4-ctr`', () => {
    const material = randomBytes(16);
    const plaintext = randomBytes(300);
    const aad = Buffer.from('order=42', 'utf8');
    const blob = sealMessage(material, randomUUID(), 5, plaintext, aad, 'data', 'SM4');
    const okm = Buffer.from(
      openssl('kdf', '-keylen', '48', '-kdfopt', 'digest:SM3', '-kdfopt', `hexkey:${hex(material)}`, '-kdfopt', `hexsalt:${hex(blob.subarray(41, 73))}`, '-kdfopt', 'info:dew/cmk-message/v2/sm4/data', 'HKDF')
        .toString()
        .trim()
        .replace(/:/g, ''),
      'hex',
    );
    const iv = blob.subarray(73, 89);
    const body = blob.subarray(121);
    const aadLength = Buffer.alloc(4);
    aadLength.writeUInt32BE(aad.length);
    expect(opensslHmac('SM3', okm.subarray(16), Buffer.concat([blob.subarray(0, 73), iv, aadLength, aad, body]))).toBe(hex(blob.subarray(89, 121)));
    expect(hex(openssl('enc', '-d', '-sm4-ctr', '-K', hex(okm.subarray(0, 16)), '-iv', hex(iv), '-in', file(body)))).toBe(hex(plaintext));
  });
});

describe('HMAC keys against `openssl mac`', () => {
  it.each(Object.keys(MAC_ALGORITHMS) as MacAlgorithm[])('%s: computeMac equals openssl mac HMAC with the same digest', (algorithm) => {
    const key = randomBytes(64);
    const message = randomBytes(4096);
    expect(hex(computeMac(key, algorithm, message))).toBe(opensslHmac(OPENSSL_DIGEST[algorithm], key, message));
  });
});
