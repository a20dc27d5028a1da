import { createDecipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import {
  MESSAGE_HEADER_BYTES,
  MESSAGE_OVERHEAD_BYTES,
  keyStoreMessageAad,
  keyStoreMessageHeader,
  openMessage,
  splitKeyStoreMessage,
  parseMessageHeader,
  sealMessage,
} from './ciphertext.js';
import { DewError } from './refusal.js';
import { refusal } from './fixtures.spec.js';

const material = randomBytes(32);
const keyId = randomUUID();
const aad = Buffer.from('tenant=acme', 'utf8');
const DECRYPT_DATA_BASE64 = /^[0-9a-zA-Z+/=]{128,5648}$/;

describe('sealMessage layout', () => {
  it('any plaintext: version, key id, big-endian key version, then nonce, iv, tag, ciphertext', () => {
    const blob = sealMessage(material, keyId, 0x01020304, Buffer.from('hello'), aad, 'data');
    expect(blob).toHaveLength(5 + 101);
    expect(blob[0]).toBe(0x01);
    expect(blob.toString('latin1', 1, 37)).toBe(keyId);
    expect([...blob.subarray(37, 41)]).toEqual([1, 2, 3, 4]);
    expect(MESSAGE_HEADER_BYTES).toBe(73);
    expect(MESSAGE_OVERHEAD_BYTES).toBe(101);
  });

  it('documented derivation: an independent HKDF + AES-256-GCM implementation opens the blob', () => {
    const plaintext = Buffer.from('documented layout');
    const blob = sealMessage(material, keyId, 7, plaintext, aad, 'datakey');
    const nonce = blob.subarray(41, 73);
    const key = Buffer.from(hkdfSync('sha256', material, nonce, 'dew/cmk-message/v1/datakey', 32));
    const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(73, 85));
    decipher.setAAD(Buffer.concat([blob.subarray(0, 73), aad]));
    decipher.setAuthTag(blob.subarray(85, 101));
    expect(Buffer.concat([decipher.update(blob.subarray(101)), decipher.final()])).toEqual(plaintext);
  });

  it('two seals of one plaintext: different nonces, ivs and ciphertexts', () => {
    const a = sealMessage(material, keyId, 1, Buffer.from('same'), aad, 'data');
    const b = sealMessage(material, keyId, 1, Buffer.from('same'), aad, 'data');
    expect(a.subarray(41, 85).equals(b.subarray(41, 85))).toBe(false);
    expect(a.subarray(101).equals(b.subarray(101))).toBe(false);
  });

  it('sealed bytes: never contain the plaintext', () => {
    const marker = Buffer.from('PLAINTEXT-MARKER-0001');
    expect(sealMessage(material, keyId, 1, marker, aad, 'data').includes(marker)).toBe(false);
  });

  it.each([
    [1, 136],
    [4096, 5596],
  ])('plaintext of %i bytes: base64 of %i characters, inside decrypt-data regex', (size, chars) => {
    const text = sealMessage(material, keyId, 1, randomBytes(size), Buffer.alloc(0), 'data').toString('base64');
    expect(text).toHaveLength(chars);
    expect(text).toMatch(DECRYPT_DATA_BASE64);
  });

  it('bad arguments from the service (material, key id, version): RangeError, a bug not a client error', () => {
    expect(() => sealMessage(randomBytes(16), keyId, 1, Buffer.from('x'), aad, 'data')).toThrow(RangeError);
    expect(() => sealMessage(material, keyId.toUpperCase(), 1, Buffer.from('x'), aad, 'data')).toThrow(RangeError);
    expect(() => sealMessage(material, keyId, 0, Buffer.from('x'), aad, 'data')).toThrow(RangeError);
    expect(() => sealMessage(material, keyId, 2 ** 32, Buffer.from('x'), aad, 'data')).toThrow(RangeError);
  });
});

describe('parseMessageHeader', () => {
  const blob = sealMessage(material, keyId, 42, Buffer.from('x'), aad, 'data');

  it('DEW ciphertext: yields key id and key version', () => {
    expect(parseMessageHeader(blob)).toEqual({ keyId, keyVersion: 42, suite: 'AES_256' });
  });

  it('subarray of a larger buffer: reads at its own offset', () => {
    const padded = Buffer.concat([Buffer.alloc(7, 0xff), blob]);
    expect(parseMessageHeader(padded.subarray(7))).toEqual({ keyId, keyVersion: 42, suite: 'AES_256' });
  });

  it.each([
    ['too short', () => blob.subarray(0, 100), /100 bytes is shorter than the 101-byte minimum/],
    ['empty', () => Buffer.alloc(0), /0 bytes/],
    ['unknown version byte', () => Buffer.concat([Buffer.of(4), blob.subarray(1)]), /format version byte is 4, expected 1 or 2 or 3/],
    ['key id not a UUID', () => Buffer.from(blob).fill(0x41, 1, 9), /key id field is not a lowercase UUID/],
    ['key version 0', () => Buffer.from(blob).fill(0, 37, 41), /key version 0 does not exist/],
  ])('%s: KMS.0308 (400) saying why it is not a DEW ciphertext', (_name, make, why) => {
    const err = refusal(() => parseMessageHeader(make()));
    expect(err.code).toBe('KMS.0308');
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^cipher_text is not a DEW ciphertext: /);
    expect(err.message).toMatch(why);
  });
});

describe('openMessage', () => {
  it('same material, AAD and purpose: opens to the plaintext', () => {
    const blob = sealMessage(material, keyId, 1, Buffer.from('hello'), aad, 'data');
    expect(openMessage(material, blob, aad, 'data').toString()).toBe('hello');
  });

  it('empty caller AAD: opens with an empty AAD', () => {
    const blob = sealMessage(material, keyId, 1, Buffer.from('hello'), new Uint8Array(0), 'data');
    expect(openMessage(material, blob, Buffer.alloc(0), 'data').toString()).toBe('hello');
  });

  it('wrong AAD: KMS.0308 naming tampering, AAD or key as causes', () => {
    const blob = sealMessage(material, keyId, 1, Buffer.from('hello'), aad, 'data');
    const err = refusal(() => openMessage(material, blob, Buffer.from('tenant=evil'), 'data'));
    expect(err.code).toBe('KMS.0308');
    expect(err.message).toBe(
      'cipher_text failed authentication (tampered, wrong additional_authenticated_data, or not made by this key)',
    );
  });

  it('data-key ciphertext given to decrypt-data: refused, and the reverse too', () => {
    const forKeys = sealMessage(material, keyId, 1, randomBytes(32), aad, 'datakey');
    const forData = sealMessage(material, keyId, 1, Buffer.from('x'), aad, 'data');
    expect(() => openMessage(material, forKeys, aad, 'data')).toThrow(DewError);
    expect(() => openMessage(material, forData, aad, 'datakey')).toThrow(DewError);
  });

  it('another key version material: refused', () => {
    const blob = sealMessage(material, keyId, 1, Buffer.from('x'), aad, 'data');
    expect(() => openMessage(randomBytes(32), blob, aad, 'data')).toThrow(DewError);
  });

  it('header rewritten to name another version: refused', () => {
    const blob = sealMessage(material, keyId, 1, Buffer.from('x'), aad, 'data');
    blob.writeUInt32BE(2, 37);
    expect(() => openMessage(material, blob, aad, 'data')).toThrow(DewError);
  });

  it('truncated ciphertext: KMS.0308, never another error', () => {
    const blob = sealMessage(material, keyId, 1, Buffer.from('hello'), aad, 'data');
    expect(refusal(() => openMessage(material, blob.subarray(0, 60), aad, 'data')).code).toBe('KMS.0308');
    expect(refusal(() => openMessage(material, blob.subarray(0, blob.length - 1), aad, 'data')).code).toBe('KMS.0308');
  });
});

describe('key-store ciphertexts (format 0x03)', () => {
  const KEY = '0f8fad5b-d9cb-469f-a165-70867728950e';
  it('the header names key and version under format 0x03; the parsed header says KEYSTORE', () => {
    const header = keyStoreMessageHeader(KEY, 7);
    expect(header).toHaveLength(73);
    const blob = Buffer.concat([header, Buffer.alloc(28 + 5)]);
    expect(parseMessageHeader(blob)).toEqual({ keyId: KEY, keyVersion: 7, suite: 'KEYSTORE' });
    expect(splitKeyStoreMessage(blob)).toEqual({ header, body: blob.subarray(73) });
  });
  it('the HSM AAD is header ‖ purpose byte ‖ caller AAD: data and datakey differ', () => {
    const header = keyStoreMessageHeader(KEY, 1);
    const aad = Buffer.from('ctx');
    expect(keyStoreMessageAad(header, 'data', aad)).toEqual(Buffer.concat([header, Buffer.of(1), aad]));
    expect(keyStoreMessageAad(header, 'datakey', aad)).toEqual(Buffer.concat([header, Buffer.of(2), aad]));
  });
  it('a 0x01 ciphertext is not a key-store one, and a 0x03 one does not open with material: KMS.0308', () => {
    const material = Buffer.alloc(32, 1);
    const aes = sealMessage(material, KEY, 1, Buffer.from('x'), Buffer.alloc(0), 'data');
    expect(refusal(() => splitKeyStoreMessage(aes)).code).toBe('KMS.0308');
    const ks = Buffer.concat([keyStoreMessageHeader(KEY, 1), Buffer.alloc(29)]);
    expect(refusal(() => openMessage(material, ks, Buffer.alloc(0), 'data')).code).toBe('KMS.0308');
  });
});
