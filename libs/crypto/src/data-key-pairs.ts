import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

/**
 * Data key pairs (create-rsa-datakey-pair, create-ec-datakey-pair): the spec names of Huawei's
 * CreateRsaDatakeyPair / CreateEcDatakeyPair models, and how each is generated.
 */
const PAIR_PARAMETERS = {
  RSA_2048: { type: 'rsa', bits: 2048 },
  RSA_3072: { type: 'rsa', bits: 3072 },
  RSA_4096: { type: 'rsa', bits: 4096 },
  ECC_NIST_P256: { type: 'ec', curve: 'prime256v1' },
  ECC_NIST_P384: { type: 'ec', curve: 'secp384r1' },
  ECC_NIST_P521: { type: 'ec', curve: 'secp521r1' },
  ECC_SECG_P256K1: { type: 'ec', curve: 'secp256k1' },
  SM2: { type: 'ec', curve: 'SM2' },
} as const;

export type DataKeyPairSpec = keyof typeof PAIR_PARAMETERS;
export const DATA_KEY_PAIR_SPECS = Object.keys(PAIR_PARAMETERS) as readonly DataKeyPairSpec[];

export interface DataKeyPair {
  /** PKCS#8 DER of the private key. Seal it at once, zero it after use; never log it. */
  readonly privateKey: Buffer;
  /** DER SubjectPublicKeyInfo (X.509) of the public key. */
  readonly publicKey: Buffer;
}

/** A fresh pair, generated off the event loop (libuv pool). */
export async function generateDataKeyPair(spec: DataKeyPairSpec): Promise<DataKeyPair> {
  const p = PAIR_PARAMETERS[spec];
  const { privateKey, publicKey } = p.type === 'rsa'
    ? await generateKeyPairAsync('rsa', { modulusLength: p.bits, publicExponent: 0x10001 })
    : await generateKeyPairAsync('ec', { namedCurve: p.curve });
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }), publicKey: publicKey.export({ type: 'spki', format: 'der' }) };
}
