import { constants, createHash, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import * as fc from 'fast-check';
import { refusal } from './fixtures.spec.js';
import { SIGNING_ALGORITHMS, digestFor, isSigningAlgorithm, signDigest, verifyDigest, type SigningAlgorithm } from './signing.js';

const ALGORITHMS = Object.keys(SIGNING_ALGORITHMS) as SigningAlgorithm[];
const RSA_ALGS = ALGORITHMS.filter((a) => SIGNING_ALGORITHMS[a].family === 'RSA');
const EC_ALGS = ALGORITHMS.filter((a) => SIGNING_ALGORITHMS[a].family === 'EC');

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });

/** node:crypto's own message-level verify, with PSS salt length = digest length. */
function nodeVerify(alg: SigningAlgorithm, msg: Uint8Array, key: KeyObject, sig: Uint8Array): boolean {
  const info = SIGNING_ALGORITHMS[alg];
  const padding = info.scheme === 'PSS' ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: info.digestBytes } : {};
  return verify(info.hash, msg, { key, ...padding }, sig);
}

function nodeSign(alg: SigningAlgorithm, msg: Uint8Array, key: KeyObject): Buffer {
  const info = SIGNING_ALGORITHMS[alg];
  const padding = info.scheme === 'PSS' ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: info.digestBytes } : {};
  return sign(info.hash, msg, { key, ...padding });
}

describe('SIGNING_ALGORITHMS', () => {
  it('table: nine algorithms with family, hash and digest length', () => {
    expect(ALGORITHMS).toHaveLength(9);
    expect(SIGNING_ALGORITHMS.RSASSA_PSS_SHA_384).toMatchObject({ family: 'RSA', scheme: 'PSS', hash: 'sha384', digestBytes: 48 });
    expect(SIGNING_ALGORITHMS.RSASSA_PKCS1_V1_5_SHA_512).toMatchObject({ family: 'RSA', scheme: 'PKCS1_V1_5', digestBytes: 64 });
    expect(SIGNING_ALGORITHMS.ECDSA_SHA_256).toMatchObject({ family: 'EC', scheme: 'ECDSA', hash: 'sha256', digestBytes: 32 });
  });

  it('isSigningAlgorithm: known names only, not inherited properties', () => {
    expect(isSigningAlgorithm('ECDSA_SHA_384')).toBe(true);
    expect(isSigningAlgorithm('SM2DSA_SM3')).toBe(false);
    expect(isSigningAlgorithm('toString')).toBe(false);
  });
});

describe('digestFor', () => {
  it('RAW message: hashed with the algorithm hash', () => {
    const msg = Buffer.from('abc');
    expect(digestFor('RSASSA_PSS_SHA_512', msg, 'RAW')).toEqual(createHash('sha512').update(msg).digest());
  });

  it('DIGEST of the right length: returned as given', () => {
    const d = randomBytes(48);
    expect(digestFor('ECDSA_SHA_384', d, 'DIGEST')).toEqual(d);
  });

  it('DIGEST of the wrong length: KMS.0308 naming the length and hash', () => {
    const err = refusal(() => digestFor('ECDSA_SHA_256', randomBytes(20), 'DIGEST'));
    expect(err.code).toBe('KMS.0308');
    expect(err.message).toBe('message of DIGEST type must be 32 bytes for SHA-256, got 20');
  });
});

describe('signDigest / verifyDigest refusals', () => {
  it('RSA algorithm on an EC key: KMS.0308 naming both families', () => {
    const d = randomBytes(32);
    const err = refusal(() => signDigest(p256.privateKey, 'RSASSA_PSS_SHA_256', d));
    expect(err.code).toBe('KMS.0308');
    expect(err.message).toBe('signing_algorithm RSASSA_PSS_SHA_256 is for RSA keys, this key is EC');
    expect(refusal(() => verifyDigest(rsa.publicKey, 'ECDSA_SHA_256', d, Buffer.alloc(70))).message).toBe(
      'signing_algorithm ECDSA_SHA_256 is for EC keys, this key is RSA',
    );
  });

  it('EC key on an unsupported curve: KMS.0308 naming the curve', () => {
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    expect(refusal(() => signDigest(k1.privateKey, 'ECDSA_SHA_256', randomBytes(32))).message).toMatch(/P-256 and P-384.*secp256k1/);
  });

  it('digest of the wrong length passed directly: KMS.0308', () => {
    expect(refusal(() => signDigest(rsa.privateKey, 'RSASSA_PKCS1_V1_5_SHA_384', randomBytes(32))).code).toBe('KMS.0308');
  });
});

describe.each(RSA_ALGS)('%s with RSA-2048', (alg) => {
  const msg = Buffer.from('the message');
  const digest = digestFor(alg, msg, 'RAW');

  it('our signature over the digest: node:crypto verifies it over the message', () => {
    const sig = signDigest(rsa.privateKey, alg, digest);
    expect(sig).toHaveLength(256);
    expect(nodeVerify(alg, msg, rsa.publicKey, sig)).toBe(true);
    expect(verifyDigest(rsa.publicKey, alg, digest, sig)).toBe(true);
  });

  it("node:crypto's signature over the message: verifies over the digest", () => {
    expect(verifyDigest(rsa.publicKey, alg, digest, nodeSign(alg, msg, rsa.privateKey))).toBe(true);
  });

  it('another digest, a flipped bit, or another key: false', () => {
    const sig = signDigest(rsa.privateKey, alg, digest);
    expect(verifyDigest(rsa.publicKey, alg, digestFor(alg, Buffer.from('other'), 'RAW'), sig)).toBe(false);
    const flipped = Buffer.from(sig);
    flipped[100]! ^= 0x10;
    expect(verifyDigest(rsa.publicKey, alg, digest, flipped)).toBe(false);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(verifyDigest(other.publicKey, alg, digest, sig)).toBe(false);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['one byte short', randomBytes(255)],
    ['one byte long', randomBytes(257)],
    ['not below the modulus', Buffer.alloc(256, 0xff)],
    ['all zero', Buffer.alloc(256)],
  ])('malformed signature (%s): false, not a throw', (_name, sig) => {
    expect(verifyDigest(rsa.publicKey, alg, digest, sig)).toBe(false);
  });
});

describe('RSA specifics', () => {
  it('PKCS#1 v1.5: byte-identical to node:crypto (the scheme is deterministic)', () => {
    const msg = Buffer.from('deterministic');
    for (const alg of ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512'] as const) {
      expect(signDigest(rsa.privateKey, alg, digestFor(alg, msg, 'RAW'))).toEqual(nodeSign(alg, msg, rsa.privateKey));
    }
  });

  it('PSS signed with a salt longer than the digest: refused (salt length is fixed to the digest length)', () => {
    const msg = Buffer.from('salted');
    const sig = sign('sha256', msg, { key: rsa.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 });
    expect(verifyDigest(rsa.publicKey, 'RSASSA_PSS_SHA_256', digestFor('RSASSA_PSS_SHA_256', msg, 'RAW'), sig)).toBe(false);
  });

  it('PSS over an odd modulus size (2049 bits, EM one byte shorter than the modulus): round trip', () => {
    const odd = generateKeyPairSync('rsa', { modulusLength: 2049 });
    const msg = Buffer.from('odd');
    const d = digestFor('RSASSA_PSS_SHA_256', msg, 'RAW');
    const sig = signDigest(odd.privateKey, 'RSASSA_PSS_SHA_256', d);
    expect(nodeVerify('RSASSA_PSS_SHA_256', msg, odd.publicKey, sig)).toBe(true);
    expect(verifyDigest(odd.publicKey, 'RSASSA_PSS_SHA_256', d, nodeSign('RSASSA_PSS_SHA_256', msg, odd.privateKey))).toBe(true);
  });
});

describe.each([
  ['P-256', p256],
  ['P-384', p384],
])('ECDSA on %s', (_curve, pair) => {
  it.each(EC_ALGS)('%s, random messages: node:crypto verifies ours, we verify node:crypto', (alg) => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), (msg) => {
        const d = digestFor(alg, msg, 'RAW');
        const ours = signDigest(pair.privateKey, alg, d);
        expect(nodeVerify(alg, msg, pair.publicKey, ours)).toBe(true);
        expect(verifyDigest(pair.publicKey, alg, d, ours)).toBe(true);
        expect(verifyDigest(pair.publicKey, alg, d, nodeSign(alg, msg, pair.privateKey))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it.each(EC_ALGS)('%s, a flipped bit in the signature or digest: false, never a throw', (alg) => {
    const d = randomBytes(SIGNING_ALGORITHMS[alg].digestBytes);
    const sig = signDigest(pair.privateKey, alg, d);
    fc.assert(
      fc.property(fc.nat(), (at) => {
        const bit = at % (sig.length * 8);
        const bad = Buffer.from(sig);
        bad[bit >> 3]! ^= 1 << (bit & 7);
        expect(verifyDigest(pair.publicKey, alg, d, bad)).toBe(false);
      }),
      { numRuns: 50 },
    );
    const otherDigest = Buffer.from(d);
    otherDigest[0]! ^= 1;
    expect(verifyDigest(pair.publicKey, alg, otherDigest, sig)).toBe(false);
  });

  it('malformed DER (empty, random, zero r, trailing byte, negative r, long-form length): false', () => {
    const d = randomBytes(32);
    const sig = signDigest(pair.privateKey, 'ECDSA_SHA_256', d);
    const cases = [
      Buffer.alloc(0),
      randomBytes(sig.length),
      Buffer.from('3006020100020101', 'hex'),
      Buffer.concat([sig, Buffer.of(0)]),
      Buffer.from('3006020180020101', 'hex'),
      Buffer.concat([Buffer.of(0x30, 0x81, sig.length - 2), sig.subarray(2)]),
    ];
    for (const bad of cases) expect(verifyDigest(pair.publicKey, 'ECDSA_SHA_256', d, bad)).toBe(false);
  });

  it('signature over e presented for the digest n − e (valid under −Q, not Q): false', () => {
    const n = BigInt(`0x${pair === p256 ? 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551' : 'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973'}`);
    const alg = pair === p256 ? 'ECDSA_SHA_256' : 'ECDSA_SHA_384';
    const bytes = SIGNING_ALGORITHMS[alg].digestBytes;
    const d = randomBytes(bytes);
    const negated = Buffer.from((n - BigInt(`0x${d.toString('hex')}`)).toString(16).padStart(bytes * 2, '0'), 'hex');
    expect(verifyDigest(pair.publicKey, alg, negated, signDigest(pair.privateKey, alg, d))).toBe(false);
  });

  it('signature made with another key: false', () => {
    const d = randomBytes(32);
    const sig = signDigest(pair.privateKey, 'ECDSA_SHA_256', d);
    expect(verifyDigest(generateKeyPairSync('ec', { namedCurve: pair.publicKey.asymmetricKeyDetails!.namedCurve! }).publicKey, 'ECDSA_SHA_256', d, sig)).toBe(false);
  });
});
