import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { DATA_KEY_PAIR_SPECS, generateDataKeyPair, type DataKeyPairSpec } from './data-key-pairs.js';
import { MaterialGenerator } from './key-material.js';

/** [spec, key type, what Node reports of the key]. */
const EXPECTED: ReadonlyArray<readonly [DataKeyPairSpec, 'rsa' | 'ec', Record<string, unknown>]> = [
  ['RSA_2048', 'rsa', { modulusLength: 2048 }],
  ['RSA_3072', 'rsa', { modulusLength: 3072 }],
  ['RSA_4096', 'rsa', { modulusLength: 4096 }],
  ['ECC_NIST_P256', 'ec', { namedCurve: 'prime256v1' }],
  ['ECC_NIST_P384', 'ec', { namedCurve: 'secp384r1' }],
  ['ECC_NIST_P521', 'ec', { namedCurve: 'secp521r1' }],
  ['ECC_SECG_P256K1', 'ec', { namedCurve: 'secp256k1' }],
];

describe('generateDataKeyPair', () => {
  it("serves exactly the specs of Huawei's CreateRsaDatakeyPair and CreateEcDatakeyPair models", () => {
    expect([...DATA_KEY_PAIR_SPECS].sort()).toEqual([...EXPECTED.map(([spec]) => spec), 'SM2'].sort());
  });

  for (const [spec, type, details] of EXPECTED) {
    it(`${spec}: a PKCS#8 private key and the SubjectPublicKeyInfo of the same pair`, async () => {
      const pair = await generateDataKeyPair(spec);
      const privateKey = createPrivateKey({ key: pair.privateKey, format: 'der', type: 'pkcs8' });
      const publicKey = createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' });
      expect(privateKey.asymmetricKeyType).toBe(type);
      expect(privateKey.asymmetricKeyDetails).toMatchObject(details);
      expect(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).equals(pair.publicKey)).toBe(true);
      const signature = sign('sha256', Buffer.from('pair'), privateKey);
      expect(verify('sha256', Buffer.from('pair'), publicKey, signature)).toBe(true);
      // RSA-4096 generation alone can take seconds on a busy two-core machine.
    }, 60_000);
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
