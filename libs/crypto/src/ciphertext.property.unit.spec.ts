import { randomBytes } from 'node:crypto';
import * as fc from 'fast-check';
import { openMessage, parseMessageHeader, sealMessage, type MessagePurpose } from './ciphertext.js';
import { DewError } from './refusal.js';

const material = randomBytes(32);
const otherMaterial = randomBytes(32);
const keyIdArb = fc.uuid().map((u) => u.toLowerCase());
const versionArb = fc.integer({ min: 1, max: 0xffffffff });
const purposeArb = fc.constantFrom<MessagePurpose>('data', 'datakey');
const aadArb = fc.uint8Array({ minLength: 0, maxLength: 128 });

function throwsDewError(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (e) {
    if (e instanceof DewError) return e.code === 'KMS.0308';
    throw e;
  }
}

describe('ciphertext properties', () => {
  it('seal then open, any plaintext 1..4096 bytes and AAD 0..128 bytes: the plaintext and header come back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4096 }), aadArb, keyIdArb, versionArb, purposeArb, (pt, aad, keyId, version, purpose) => {
        const blob = sealMessage(material, keyId, version, pt, aad, purpose);
        expect(blob.length).toBe(pt.length + 101);
        expect(parseMessageHeader(blob)).toEqual({ keyId, keyVersion: version, suite: 'AES_256' });
        expect(openMessage(material, blob, aad, purpose).equals(Buffer.from(pt))).toBe(true);
      }),
    );
  });

  it('any single flipped bit anywhere in the blob: a KMS.0308 DewError, never another error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), aadArb, keyIdArb, versionArb, purposeArb, fc.nat(), (pt, aad, keyId, version, purpose, at) => {
        const blob = sealMessage(material, keyId, version, pt, aad, purpose);
        const bit = at % (blob.length * 8);
        blob[bit >> 3]! ^= 1 << (bit & 7);
        expect(throwsDewError(() => openMessage(material, blob, aad, purpose))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('every bit of one blob flipped in turn: each is refused with a DewError', () => {
    const blob = sealMessage(material, '0f8fad5b-d9cb-469f-a165-70867728950e', 3, Buffer.from('secret'), Buffer.from('ctx'), 'data');
    for (let bit = 0; bit < blob.length * 8; bit++) {
      const copy = Buffer.from(blob);
      copy[bit >> 3]! ^= 1 << (bit & 7);
      expect(throwsDewError(() => openMessage(material, copy, Buffer.from('ctx'), 'data'))).toBe(true);
    }
  });

  it('any truncation: a KMS.0308 DewError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), keyIdArb, fc.nat(), (pt, keyId, cut) => {
        const blob = sealMessage(material, keyId, 1, pt, new Uint8Array(0), 'data');
        const short = blob.subarray(0, cut % blob.length);
        expect(throwsDewError(() => openMessage(material, short, new Uint8Array(0), 'data'))).toBe(true);
      }),
    );
  });

  it('a different AAD: refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), aadArb, aadArb, keyIdArb, (pt, aad, other, keyId) => {
        fc.pre(!Buffer.from(aad).equals(Buffer.from(other)));
        const blob = sealMessage(material, keyId, 1, pt, aad, 'data');
        expect(throwsDewError(() => openMessage(material, blob, other, 'data'))).toBe(true);
      }),
    );
  });

  it('another key version (header rewritten) or another material: refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), keyIdArb, versionArb, versionArb, (pt, keyId, version, other) => {
        fc.pre(version !== other);
        const blob = sealMessage(material, keyId, version, pt, new Uint8Array(0), 'datakey');
        expect(throwsDewError(() => openMessage(otherMaterial, blob, new Uint8Array(0), 'datakey'))).toBe(true);
        blob.writeUInt32BE(other, 37);
        expect(throwsDewError(() => openMessage(material, blob, new Uint8Array(0), 'datakey'))).toBe(true);
      }),
    );
  });

  it('a data ciphertext opened as a data key, or the reverse: refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), aadArb, keyIdArb, purposeArb, (pt, aad, keyId, purpose) => {
        const blob = sealMessage(material, keyId, 1, pt, aad, purpose);
        const wrong: MessagePurpose = purpose === 'data' ? 'datakey' : 'data';
        expect(throwsDewError(() => openMessage(material, blob, aad, wrong))).toBe(true);
      }),
    );
  });
});
