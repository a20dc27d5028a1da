import { createECDH, createPrivateKey, diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { AGREEMENT_CURVES, ecdhSharedSecret, parseEcPublicKey } from './ec-agreement.js';
import { refusal } from './fixtures.spec.js';
import { Sm2Key } from './sm2.js';

const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });
const NODE_CURVES = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1', secp256k1: 'secp256k1' } as const;

describe('ecdhSharedSecret on the NIST and SECG curves', () => {
  for (const [curve, namedCurve] of Object.entries(NODE_CURVES)) {
    it(`${curve}: the secret equals Node's diffieHellman computed from the peer's side`, () => {
      const kms = generateKeyPairSync('ec', { namedCurve });
      const peer = generateKeyPairSync('ec', { namedCurve });
      const ours = ecdhSharedSecret(kms.privateKey, curve, spki(peer.publicKey));
      const theirs = diffieHellman({ privateKey: peer.privateKey, publicKey: kms.publicKey });
      expect(ours.equals(theirs)).toBe(true);
      expect(ours.length).toBe(theirs.length);
    });
  }

  it('a peer key on another curve is refused naming the expected curve and the one given', () => {
    const kms = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const peer = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const err = refusal(() => ecdhSharedSecret(kms.privateKey, 'P-256', spki(peer.publicKey)));
    expect(err.code).toBe('KMS.0308');
    expect(err.message).toBe('public_key must be on the curve P-256 of the key, got a key on P-384');
  });

  it('a point that is not on the curve is refused, not computed', () => {
    const kms = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const der = Buffer.from(spki(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey));
    der[der.length - 1]! ^= 0x01;
    const err = refusal(() => ecdhSharedSecret(kms.privateKey, 'P-256', der));
    expect(err.code).toBe('KMS.0308');
    expect(err.message).toBe('public_key is not a valid point on the curve P-256');
  });

  it('an RSA public key is refused naming its algorithm', () => {
    const kms = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const err = refusal(() => ecdhSharedSecret(kms.privateKey, 'P-256', spki(rsa.publicKey)));
    expect(err.code).toBe('KMS.0308');
    expect(err.message).toContain('got algorithm 1.2.840.113549.1.1.1');
  });

  it('bytes that are not DER, or DER with trailing bytes, are refused without a crash', () => {
    const kms = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const good = spki(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey);
    for (const bad of [Buffer.from('not a key'), Buffer.alloc(0), good.subarray(0, 40), Buffer.concat([good, Buffer.of(0)]), Buffer.of(0x30, 0x84, 0xff, 0xff, 0xff, 0xff)]) {
      expect(refusal(() => ecdhSharedSecret(kms.privateKey, 'P-256', bad)).code).toBe('KMS.0308');
    }
  });

  it('a curve DEW does not agree on is refused naming the supported ones', () => {
    const kms = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    expect(refusal(() => ecdhSharedSecret(kms.privateKey, 'P-192', Buffer.alloc(1))).message).toBe(`ECDH supports the curves ${Object.keys(AGREEMENT_CURVES).join(', ')}, not P-192`);
  });
});

describe('ecdhSharedSecret on the SM2 curve (keys made by Node, as SM2 CMKs will be)', () => {
  it("the secret equals Node's createECDH('SM2') computed from the peer's side", () => {
    const kms = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    // The service holds a key it reloaded from PKCS#8 DER, as the material cache does.
    const reloaded = createPrivateKey({ key: kms.privateKey.export({ type: 'pkcs8', format: 'der' }), format: 'der', type: 'pkcs8' });
    const peer = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const ours = ecdhSharedSecret(reloaded, 'SM2', spki(peer.publicKey));
    const peerEcdh = createECDH('SM2');
    peerEcdh.setPrivateKey(scalarOf(peer.privateKey));
    const theirs = peerEcdh.computeSecret(parseEcPublicKey(spki(kms.publicKey)).point);
    expect(ours.equals(theirs)).toBe(true);
    expect(ours.length).toBe(32);
  });

  it("an SM2 CMK as kms holds it (Sm2Key, never a node KeyObject) agrees the same secret as the peer's createECDH('SM2')", () => {
    const kms = Sm2Key.generate();
    const peer = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const ours = ecdhSharedSecret(kms, 'SM2', spki(peer.publicKey));
    const peerEcdh = createECDH('SM2');
    peerEcdh.setPrivateKey(scalarOf(peer.privateKey));
    expect(ours.equals(peerEcdh.computeSecret(kms.publicPoint()))).toBe(true);
    expect(ours.length).toBe(32);
  });

  it('an SM2 CMK refuses a peer point that is not on the SM2 curve', () => {
    const peerSpki = Buffer.from(spki(generateKeyPairSync('ec', { namedCurve: 'SM2' }).publicKey));
    peerSpki[peerSpki.length - 1]! ^= 1;
    expect(refusal(() => ecdhSharedSecret(Sm2Key.generate(), 'SM2', peerSpki)).message).toBe('public_key is not a valid point on the curve SM2');
  });

  it('a peer point of the wrong length or the point at infinity (a lone 00 byte) is refused as not on the curve, never an internal error', () => {
    const kms = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const prefix = Buffer.from('3019301306072a8648ce3d020106082a8648ce3d030107030200', 'hex');
    expect(refusal(() => ecdhSharedSecret(kms.privateKey, 'P-256', Buffer.concat([prefix, Buffer.from([0x00])]))).message).toBe('public_key is not a valid point on the curve P-256');
    const good = Buffer.from(spki(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey));
    const truncated = Buffer.concat([Buffer.from('3058301306072a8648ce3d020106082a8648ce3d030107034100', 'hex'), good.subarray(good.length - 65, good.length - 1)]);
    expect(refusal(() => ecdhSharedSecret(kms.privateKey, 'P-256', truncated)).message).toBe('public_key is not a valid point on the curve P-256');
  });

  it('an SM2 peer key against a P-256 private key is refused naming P-256 and SM2', () => {
    const kms = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const peer = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    expect(refusal(() => ecdhSharedSecret(kms.privateKey, 'P-256', spki(peer.publicKey))).message).toBe('public_key must be on the curve P-256 of the key, got a key on SM2');
  });
});

describe('parseEcPublicKey', () => {
  it('names the curve of each supported SubjectPublicKeyInfo and answers its uncompressed point', () => {
    for (const [curve, namedCurve] of [...Object.entries(NODE_CURVES), ['SM2', 'SM2']]) {
      const key = generateKeyPairSync('ec', { namedCurve: namedCurve! }).publicKey;
      const parsed = parseEcPublicKey(spki(key));
      expect(parsed.curve).toBe(curve);
      expect(parsed.point[0]).toBe(0x04);
    }
  });
});

/** The private scalar via JWK export where Node allows it, else from the PKCS#8 (SM2). */
function scalarOf(key: KeyObject): Buffer {
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  // PKCS#8 of an EC key made by OpenSSL: the ECPrivateKey's OCTET STRING follows `02 01 01 04 <len>`.
  const at = pkcs8.indexOf(Buffer.from([0x02, 0x01, 0x01, 0x04]));
  return pkcs8.subarray(at + 5, at + 5 + pkcs8[at + 4]!);
}
