import { createHash, generateKeyPairSync, randomBytes, verify as nodeVerify } from 'node:crypto';
import { ecdsaSignDigest, ecdsaVerifyDigest } from './ecdsa.js';
import { signMessage } from './signing.js';

const ORDER: Record<string, bigint> = {
  'P-256': 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  'P-384': 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};
const HASH: Record<string, string> = { 'P-256': 'sha256', 'P-384': 'sha384' };

/** r and s of a DER signature with short-form lengths (P-256, P-384). */
function rs(sig: Buffer): { r: bigint; s: bigint } {
  const rLength = sig[3]!;
  const r = sig.subarray(4, 4 + rLength);
  const s = sig.subarray(6 + rLength, 6 + rLength + sig[5 + rLength]!);
  return { r: BigInt(`0x${r.toString('hex')}`), s: BigInt(`0x${s.toString('hex')}`) };
}

function der(r: bigint, s: bigint): Buffer {
  const int = (v: bigint) => {
    const hex = v.toString(16);
    const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
    const body = bytes[0]! & 0x80 ? Buffer.concat([Buffer.of(0), bytes]) : bytes;
    return Buffer.concat([Buffer.of(0x02, body.length), body]);
  };
  const content = Buffer.concat([int(r), int(s)]);
  return Buffer.concat([Buffer.of(0x30, content.length), content]);
}

describe.each(['P-256', 'P-384'])('ecdsaSignDigest on %s', (curve) => {
  const pair = generateKeyPairSync('ec', { namedCurve: curve });
  const n = ORDER[curve]!;
  const hash = HASH[curve]!;

  it('every signature over 300 random messages is low-S (s ≤ n/2) and node:crypto verifies it over the message', () => {
    for (let i = 0; i < 300; i++) {
      const message = randomBytes(1 + (i % 97));
      const sig = ecdsaSignDigest(pair.privateKey, createHash(hash).update(message).digest());
      const { r, s } = rs(sig);
      expect(r > 0n && r < n).toBe(true);
      expect(s > 0n && s <= n / 2n).toBe(true);
      expect(nodeVerify(hash, message, pair.publicKey, sig)).toBe(true);
    }
  });

  it('RAW messages (signed by OpenSSL) come out low-S too over 300 random messages, and node:crypto verifies each', () => {
    const alg = curve === 'P-256' ? 'ECDSA_SHA_256' : 'ECDSA_SHA_384';
    for (let i = 0; i < 300; i++) {
      const message = randomBytes(1 + (i % 97));
      const sig = signMessage(pair.privateKey, alg, message, 'RAW');
      expect(rs(sig).s <= n / 2n).toBe(true);
      expect(nodeVerify(hash, message, pair.publicKey, sig)).toBe(true);
    }
  });

  it('the same digest signed twice gives two different valid signatures (the nonce is hedged with fresh randomness)', () => {
    const digest = randomBytes(curve === 'P-256' ? 32 : 48);
    const first = ecdsaSignDigest(pair.privateKey, digest);
    const second = ecdsaSignDigest(pair.privateKey, digest);
    expect(first.equals(second)).toBe(false);
    expect(ecdsaVerifyDigest(pair.publicKey, digest, first)).toBe(true);
    expect(ecdsaVerifyDigest(pair.publicKey, digest, second)).toBe(true);
  });

  it('verification accepts the high-S twin (n − s) as OpenSSL does, and refuses s = n', () => {
    const digest = randomBytes(curve === 'P-256' ? 32 : 48);
    const { r, s } = rs(ecdsaSignDigest(pair.privateKey, digest));
    expect(ecdsaVerifyDigest(pair.publicKey, digest, der(r, n - s))).toBe(true);
    expect(ecdsaVerifyDigest(pair.publicKey, digest, der(r, n))).toBe(false);
  });
});
