import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { DATA_KEY_PAIR_SPECS, generateDataKeyPair } from './data-key-pairs.js';
import { MaterialGenerator } from './key-material.js';

const EXPECTED = {
  RSA_2048: { type: 'rsa', modulusLength: 2048 },
  RSA_3072: { type: 'rsa', modulusLength: 3072 },
  RSA_4096: { type: 'rsa', modulusLength: 4096 },
  ECC_NIST_P256: { type: 'ec', namedCurve: 'prime256v1' },
  ECC_NIST_P384: { type: 'ec', namedCurve: 'secp384r1' },
  ECC_NIST_P521: { type: 'ec', namedCurve: 'secp521r1' },
  ECC_SECG_P256K1: { type: 'ec', namedCurve: 'secp256k1' },
} as const;

describe('generateDataKeyPair', () => {
  it("serves exactly the specs of Huawei's CreateRsaDatakeyPair and CreateEcDatakeyPair models", () => {
    expect([...DATA_KEY_PAIR_SPECS].sort()).toEqual([...Object.keys(EXPECTED), 'SM2'].sort());
  });

  for (const [spec, expected] of Object.entries(EXPECTED)) {
    it(`${spec}: a PKCS#8 private key and the SubjectPublicKeyInfo of the same pair`, async () => {
      const pair = await generateDataKeyPair(spec as keyof typeof EXPECTED);
      const privateKey = createPrivateKey({ key: pair.privateKey, format: 'der', type: 'pkcs8' });
      const publicKey = createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' });
      expect(privateKey.asymmetricKeyType).toBe(expected.type);
      expect(privateKey.asymmetricKeyDetails).toMatchObject('namedCurve' in expected ? { namedCurve: expected.namedCurve } : { modulusLength: expected.modulusLength });
      expect(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).equals(pair.publicKey)).toBe(true);
      const signature = sign('sha256', Buffer.from('pair'), privateKey);
      expect(verify('sha256', Buffer.from('pair'), publicKey, signature)).toBe(true);
    });
  }

  it('SM2: a PKCS#8 private key on the SM2 curve (OID 1.2.156.10197.1.301) and its public key', async () => {
    const pair = await generateDataKeyPair('SM2');
    const sm2Oid = Buffer.from('06082a811ccf5501822d', 'hex');
    expect(pair.privateKey.includes(sm2Oid)).toBe(true);
    expect(pair.publicKey.includes(sm2Oid)).toBe(true);
    const reloaded = createPrivateKey({ key: pair.privateKey, format: 'der', type: 'pkcs8' });
    expect(reloaded.export({ type: 'pkcs8', format: 'der' }).equals(pair.privateKey)).toBe(true);
  });

  it('two calls give two different pairs', async () => {
    const [a, b] = await Promise.all([generateDataKeyPair('ECC_NIST_P256'), generateDataKeyPair('ECC_NIST_P256')]);
    expect(a.privateKey.equals(b.privateKey)).toBe(false);
  });

  it("MaterialGenerator.generatePair answers a pair of the spec under the generator's bound", async () => {
    const generator = new MaterialGenerator(1);
    const pairs = await Promise.all([generator.generatePair('ECC_NIST_P384'), generator.generatePair('RSA_2048')]);
    expect(createPublicKey({ key: pairs[0].publicKey, format: 'der', type: 'spki' }).asymmetricKeyDetails).toEqual({ namedCurve: 'secp384r1' });
    expect(createPublicKey({ key: pairs[1].publicKey, format: 'der', type: 'spki' }).asymmetricKeyDetails).toMatchObject({ modulusLength: 2048 });
  });
});
