import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { gcmOpenOverEcb, gcmSealOverEcb, type EncryptBlocks } from './gcm-over-ecb.js';

const key = randomBytes(32);
const ecb: EncryptBlocks = (blocks) => {
  const c = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([c.update(blocks), c.final()]);
};

function nodeGcm(iv: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const c = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
  return Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]);
}

describe('GCM over a remote ECB block cipher', () => {
  it.each([0, 1, 15, 16, 17, 32, 33, 100])('seal of %i plaintext bytes equals AES-256-GCM byte for byte', (n) => {
    const iv = randomBytes(12);
    const plaintext = randomBytes(n);
    const aad = randomBytes(n % 7 === 0 ? 0 : 23);
    expect(gcmSealOverEcb(ecb, iv, plaintext, aad).equals(nodeGcm(iv, plaintext, aad))).toBe(true);
  });

  it('open of a blob Node sealed returns the plaintext, and Node opens what it sealed', () => {
    const iv = randomBytes(12);
    const plaintext = randomBytes(45);
    const aad = Buffer.from('root:v2|keyring:k1');
    expect(gcmOpenOverEcb(ecb, iv, nodeGcm(iv, plaintext, aad), aad)?.equals(plaintext)).toBe(true);
    const body = gcmSealOverEcb(ecb, iv, plaintext, aad);
    const d = createDecipheriv('aes-256-gcm', key, iv).setAAD(aad);
    d.setAuthTag(body.subarray(-16));
    expect(Buffer.concat([d.update(body.subarray(0, -16)), d.final()]).equals(plaintext)).toBe(true);
  });

  it('open with another binding, a flipped bit or a short body returns null', () => {
    const iv = randomBytes(12);
    const body = gcmSealOverEcb(ecb, iv, randomBytes(32), Buffer.from('owner-a'));
    expect(gcmOpenOverEcb(ecb, iv, body, Buffer.from('owner-b'))).toBeNull();
    const tampered = Buffer.from(body);
    tampered[3] = tampered[3]! ^ 1;
    expect(gcmOpenOverEcb(ecb, iv, tampered, Buffer.from('owner-a'))).toBeNull();
    expect(gcmOpenOverEcb(ecb, iv, body.subarray(0, 15), Buffer.from('owner-a'))).toBeNull();
  });

  it('an IV of other than 12 bytes is refused', () => {
    expect(() => gcmSealOverEcb(ecb, randomBytes(16), randomBytes(4), Buffer.alloc(0))).toThrow('the GCM IV is 12 bytes, got 16');
  });
});
