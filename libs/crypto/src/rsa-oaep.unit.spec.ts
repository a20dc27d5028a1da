import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { refusal } from './fixtures.spec.js';
import { oaepMaxPlaintext, rsaOaepDecrypt, rsaOaepEncrypt } from './rsa-oaep.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('oaepMaxPlaintext', () => {
  it.each([
    [2048, 'RSAES_OAEP_SHA_256', 190],
    [2048, 'RSAES_OAEP_SHA_1', 214],
    [3072, 'RSAES_OAEP_SHA_256', 318],
    [3072, 'RSAES_OAEP_SHA_1', 342],
    [4096, 'RSAES_OAEP_SHA_256', 446],
    [4096, 'RSAES_OAEP_SHA_1', 470],
  ] as const)('%i-bit key with %s: k − 2·hLen − 2 = %i bytes', (bits, alg, max) => {
    expect(oaepMaxPlaintext(bits, alg)).toBe(max);
  });
});

describe.each(['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'] as const)('%s with RSA-2048', (alg) => {
  const max = oaepMaxPlaintext(2048, alg);

  it('1 byte and the maximum length: round trip, ciphertext of the modulus length', () => {
    for (const size of [1, max]) {
      const pt = randomBytes(size);
      const ct = rsaOaepEncrypt(rsa.publicKey, alg, pt);
      expect(ct).toHaveLength(256);
      expect(rsaOaepDecrypt(rsa.privateKey, alg, ct)).toEqual(pt);
    }
  });

  it('one byte over the maximum: KMS.0308 naming limit, modulus, algorithm and the length given', () => {
    const err = refusal(() => rsaOaepEncrypt(rsa.publicKey, alg, randomBytes(max + 1)));
    expect(err.code).toBe('KMS.0308');
    expect(err.message).toBe(`plain_text is ${max + 1} bytes; ${alg} with a 2048-bit RSA key encrypts at most ${max}`);
  });

  it('ciphertext not of the modulus length: KMS.0308 naming both lengths', () => {
    const ct = rsaOaepEncrypt(rsa.publicKey, alg, Buffer.from('x'));
    expect(refusal(() => rsaOaepDecrypt(rsa.privateKey, alg, ct.subarray(1))).message).toBe(
      'cipher_text for this RSA key must be 256 bytes, got 255',
    );
  });

  it('tampered ciphertext, other algorithm or other key: one KMS.0308 message for all', () => {
    const ct = rsaOaepEncrypt(rsa.publicKey, alg, Buffer.from('x'));
    const tampered = Buffer.from(ct);
    tampered[10]! ^= 1;
    const otherAlg = alg === 'RSAES_OAEP_SHA_256' ? 'RSAES_OAEP_SHA_1' : 'RSAES_OAEP_SHA_256';
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const messages = [
      refusal(() => rsaOaepDecrypt(rsa.privateKey, alg, tampered)),
      refusal(() => rsaOaepDecrypt(rsa.privateKey, otherAlg, ct)),
      refusal(() => rsaOaepDecrypt(other.privateKey, alg, ct)),
    ].map((e) => `${e.code} ${e.message.replace(otherAlg, alg)}`);
    expect(new Set(messages)).toEqual(
      new Set([`KMS.0308 cipher_text cannot be decrypted with ${alg} by this key (wrong key, algorithm or tampered bytes)`]),
    );
  });
});

describe('rsaOaepEncrypt on an EC key', () => {
  it('EC key: KMS.0308', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    expect(refusal(() => rsaOaepEncrypt(ec.publicKey, 'RSAES_OAEP_SHA_256', Buffer.from('x'))).code).toBe('KMS.0308');
  });
});
