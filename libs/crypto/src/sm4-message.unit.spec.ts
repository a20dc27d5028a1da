import { createCipheriv, createHash, createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { messageOverhead, openMessage, parseMessageHeader, sealMessage, type MessagePurpose } from './ciphertext.js';
import { computeMac } from './mac.js';
import { sm4Ctr, sm4SealBody } from './sm4-message.js';
import { refusal } from './fixtures.spec.js';

const material = randomBytes(16);
const keyId = randomUUID();
const aad = Buffer.from('tenant=acme', 'utf8');
const DECRYPT_DATA_BASE64 = /^[0-9a-zA-Z+/=]{128,5648}$/;

/** RFC 2104 written out over a hash function, independent of createHmac. */
function rfc2104(hash: string, blockBytes: number, key: Buffer, message: Buffer): Buffer {
  const k = Buffer.alloc(blockBytes);
  (key.length > blockBytes ? createHash(hash).update(key).digest() : key).copy(k);
  const pad = (byte: number) => Buffer.from(k.map((b) => b ^ byte));
  const inner = createHash(hash).update(pad(0x36)).update(message).digest();
  return createHash(hash).update(pad(0x5c)).update(inner).digest();
}

describe('SM4 and SM3 primitives against published vectors', () => {
  const vectorKey = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');

  it('SM4 block (GB/T 32907 example 1): key = plaintext = 0123…3210 encrypts to 681edf34d206965e86b3e94f536e4246', () => {
    const ecb = createCipheriv('sm4-ecb', vectorKey, null).setAutoPadding(false);
    expect(Buffer.concat([ecb.update(vectorKey), ecb.final()]).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('sm4Ctr: the first keystream block is the SM4 encryption of the IV, so the same vector comes out', () => {
    expect(sm4Ctr(vectorKey, vectorKey, Buffer.alloc(16)).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('SM3 (GB/T 32905 example 1): "abc" hashes to 66c7f0f4…8f4ba8e0', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('HMAC-SM3: computeMac equals RFC 2104 written out over SM3 (64-byte block), short and long keys', () => {
    for (const key of [Buffer.from('key'), randomBytes(32), randomBytes(100)]) {
      const message = randomBytes(77);
      expect(computeMac(key, 'HMAC_SM3', message).equals(rfc2104('sm3', 64, key, message))).toBe(true);
    }
  });
});

describe('SM4 ciphertext (format 0x02)', () => {
  it('layout: version byte 0x02, the key id and version in clear, 121 bytes of overhead; the header names SM4', () => {
    const blob = sealMessage(material, keyId, 0x01020304, Buffer.from('hello'), aad, 'data', 'SM4');
    expect(blob).toHaveLength(5 + 121);
    expect(messageOverhead('SM4')).toBe(121);
    expect(blob[0]).toBe(0x02);
    expect(blob.toString('latin1', 1, 37)).toBe(keyId);
    expect(parseMessageHeader(blob)).toEqual({ keyId, keyVersion: 0x01020304, suite: 'SM4' });
  });

  it.each(['data', 'datakey'] as MessagePurpose[])('round trip (%s): 1 byte and 4096 bytes open to the same plaintext', (purpose) => {
    for (const plaintext of [randomBytes(1), randomBytes(4096)]) {
      const blob = sealMessage(material, keyId, 3, plaintext, aad, purpose, 'SM4');
      expect(openMessage(material, blob, aad, purpose, 'SM4').equals(plaintext)).toBe(true);
    }
  });

  it('a 4096-byte plaintext still fits decrypt-data\'s base64 range (1 byte too)', () => {
    expect(sealMessage(material, keyId, 1, randomBytes(4096), aad, 'data', 'SM4').toString('base64')).toMatch(DECRYPT_DATA_BASE64);
    expect(sealMessage(material, keyId, 1, randomBytes(1), Buffer.alloc(0), 'data', 'SM4').toString('base64')).toMatch(DECRYPT_DATA_BASE64);
  });

  it('documented construction: HKDF-SM3, SM4-CTR and HMAC-SM3 written out independently open the blob', () => {
    const plaintext = Buffer.from('documented layout');
    const blob = sealMessage(material, keyId, 7, plaintext, aad, 'datakey', 'SM4');
    const okm = Buffer.from(hkdfSync('sm3', material, blob.subarray(41, 73), 'dew/cmk-message/v2/sm4/datakey', 48));
    const iv = blob.subarray(73, 89);
    const body = blob.subarray(121);
    const aadLength = Buffer.alloc(4);
    aadLength.writeUInt32BE(aad.length);
    const tag = createHmac('sm3', okm.subarray(16)).update(Buffer.concat([blob.subarray(0, 73), iv, aadLength, aad, body])).digest();
    expect(tag.equals(blob.subarray(89, 121))).toBe(true);
    const ctr = createCipheriv('sm4-ctr', okm.subarray(0, 16), iv);
    expect(Buffer.concat([ctr.update(body), ctr.final()]).equals(plaintext)).toBe(true);
  });

  it('known answer (docs/ciphertext.md, "Test vectors"): fixed material, nonce and iv give the documented tag and body', () => {
    const plaintext = Buffer.from('DEW SM4 example');
    const out = Buffer.alloc(121 + plaintext.length);
    out[0] = 0x02;
    out.write('0f8fad5b-d9cb-469f-a165-70867728950e', 1, 36, 'latin1');
    out.writeUInt32BE(1, 37);
    out.set(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x20 + i)), 41);
    out.set(Buffer.from(Array.from({ length: 16 }, (_, i) => 0x40 + i)), 73);
    sm4SealBody(Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'), out, 73, plaintext, Buffer.from('ctx=demo'), 'data');
    expect(out.subarray(89, 121).toString('hex')).toBe('c6fd63f5ff7623f5e4aee88771f902a788f11fc5fdf82195dc43431590ca5308');
    expect(out.subarray(121).toString('hex')).toBe('0ea91867bc33b50f1085fd1df69be1');
    expect(openMessage(Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'), out, Buffer.from('ctx=demo'), 'data', 'SM4').equals(plaintext)).toBe(true);
  });

  it('flipping any single byte fails: authentication (KMS.0308), never a plaintext', () => {
    const blob = sealMessage(material, keyId, 2, Buffer.from('tamper me'), aad, 'data', 'SM4');
    for (let i = 0; i < blob.length; i++) {
      const copy = Buffer.from(blob);
      copy[i]! ^= 0x01;
      expect(refusal(() => openMessage(material, copy, aad, 'data', 'SM4')).code).toBe('KMS.0308');
    }
  });

  it('wrong or missing AAD, the other purpose, or other material: authentication fails', () => {
    const blob = sealMessage(material, keyId, 2, Buffer.from('bound'), aad, 'data', 'SM4');
    expect(refusal(() => openMessage(material, blob, Buffer.from('tenant=acmf'), 'data', 'SM4')).message).toMatch(/failed authentication/);
    expect(refusal(() => openMessage(material, blob, Buffer.alloc(0), 'data', 'SM4')).message).toMatch(/failed authentication/);
    expect(refusal(() => openMessage(material, blob, aad, 'datakey', 'SM4')).message).toMatch(/failed authentication/);
    expect(refusal(() => openMessage(randomBytes(16), blob, aad, 'data', 'SM4')).message).toMatch(/failed authentication/);
  });

  it('the construction is bound to the key: an SM4 ciphertext is refused by an AES_256 key and the reverse', () => {
    const sm4 = sealMessage(material, keyId, 1, Buffer.from('x'), aad, 'data', 'SM4');
    const aes = sealMessage(randomBytes(32), keyId, 1, Buffer.from('x'), aad, 'data');
    expect(refusal(() => openMessage(randomBytes(32), sm4, aad, 'data', 'AES_256')).message).toMatch(/failed authentication/);
    expect(refusal(() => openMessage(material, aes, aad, 'data', 'SM4')).message).toMatch(/failed authentication/);
  });

  it('a format 0x02 blob shorter than its 121-byte overhead, or an unknown version byte: not a DEW ciphertext', () => {
    const blob = sealMessage(material, keyId, 1, Buffer.from('x'), aad, 'data', 'SM4');
    expect(refusal(() => parseMessageHeader(blob.subarray(0, 110))).message).toMatch(/110 bytes is shorter than the 121-byte minimum/);
    const odd = Buffer.from(blob);
    odd[0] = 0x04;
    expect(refusal(() => parseMessageHeader(odd)).message).toMatch(/format version byte is 4, expected 1 or 2 or 3/);
  });

  it('SM4 material must be 16 bytes (a programming error, not a caller error)', () => {
    expect(() => sealMessage(randomBytes(32), keyId, 1, Buffer.from('x'), aad, 'data', 'SM4')).toThrow(/SM4 key material must be 16 bytes, got 32/);
  });
});
