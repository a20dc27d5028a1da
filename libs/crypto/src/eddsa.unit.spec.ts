import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ed25519ph as nobleEd25519ph } from '@noble/curves/ed25519.js';
import { ed25519phDigest, ed25519Sign, ed25519Verify } from './eddsa.js';

/** RFC 8032 §7.3, "TEST abc": the one Ed25519ph vector of the RFC. */
const RFC8032_PH = {
  secret: '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
  public: 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
  message: '616263',
  signature:
    '98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae4131f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406',
};

/** RFC 8032 §7.1, "TEST 2": pure Ed25519 over one byte. */
const RFC8032_PURE = {
  secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
  public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
  message: '72',
  signature:
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
};

function keys(v: { secret: string; public: string }): { privateKey: KeyObject; publicKey: KeyObject } {
  const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64(v.secret), x: b64(v.public) }, format: 'jwk' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

describe('Ed25519ph (RFC 8032 §5.1, phflag 1, empty context)', () => {
  const { privateKey, publicKey } = keys(RFC8032_PH);
  const digest = ed25519phDigest(Buffer.from(RFC8032_PH.message, 'hex'), true);

  it('signs the RFC 8032 §7.3 vector "abc" to exactly the published signature, from the RAW message or its SHA-512 DIGEST', () => {
    expect(ed25519Sign(privateKey, 'PH', digest).toString('hex')).toBe(RFC8032_PH.signature);
    expect(ed25519Sign(privateKey, 'PH', ed25519phDigest(createHash('sha512').update('abc').digest(), false)).toString('hex')).toBe(RFC8032_PH.signature);
  });

  it('verifies the published signature, and refuses it for another message, a flipped bit or the pure scheme', () => {
    const signature = Buffer.from(RFC8032_PH.signature, 'hex');
    expect(ed25519Verify(publicKey, 'PH', digest, signature)).toBe(true);
    expect(ed25519Verify(publicKey, 'PH', ed25519phDigest(Buffer.from('abd'), true), signature)).toBe(false);
    const flipped = Buffer.from(signature);
    flipped[10]! ^= 1;
    expect(ed25519Verify(publicKey, 'PH', digest, flipped)).toBe(false);
    expect(ed25519Verify(publicKey, 'PURE', Buffer.from('abc'), signature)).toBe(false);
  });

  it('agrees with @noble/curves’ own ed25519ph over the message for a fresh key', () => {
    const pair = generateKeyPairSync('ed25519');
    const seed = Buffer.from(pair.privateKey.export({ format: 'jwk' }).d!, 'base64url');
    const message = Buffer.from('prehashed by SHA-512');
    expect(ed25519Sign(pair.privateKey, 'PH', ed25519phDigest(message, true))).toEqual(Buffer.from(nobleEd25519ph.sign(message, seed)));
  });

  it('a DIGEST that is not 64 bytes is refused with KMS.0308 naming the length', () => {
    expect(() => ed25519phDigest(Buffer.alloc(32), false)).toThrow(expect.objectContaining({ code: 'KMS.0308', message: expect.stringContaining('must be 64 bytes for SHA-512, got 32') }));
  });
});

describe('Ed25519 (pure)', () => {
  const { privateKey, publicKey } = keys(RFC8032_PURE);

  it('signs the RFC 8032 §7.1 TEST 2 vector to the published signature and verifies it', () => {
    const message = Buffer.from(RFC8032_PURE.message, 'hex');
    expect(ed25519Sign(privateKey, 'PURE', message).toString('hex')).toBe(RFC8032_PURE.signature);
    expect(ed25519Verify(publicKey, 'PURE', message, Buffer.from(RFC8032_PURE.signature, 'hex'))).toBe(true);
    expect(ed25519Verify(publicKey, 'PURE', message, Buffer.alloc(63))).toBe(false);
  });

  it('an EC key is refused with KMS.0308 naming its type', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => ed25519Sign(ec.privateKey, 'PURE', Buffer.from('x'))).toThrow(/needs an ED25519 key, this key is EC/);
  });
});
