import { FieldNotOneOf, InvalidKmsParameter, MissingKmsParameter } from '@dew/contracts';
import type { KeySpec, KeyUsage } from '../key-specs.js';

/**
 * Data key pairs and key agreement (docs/api-decisions.md, "Data key pairs and shared secrets").
 * Both are reads: they change no key state, so there is no event, only the rules of the request.
 */

/** create-rsa-datakey-pair's key_spec values (Huawei's CreateRsaDatakeyPairRequestBody). */
export const RSA_PAIR_SPECS = ['RSA_2048', 'RSA_3072', 'RSA_4096'] as const;
/** create-ec-datakey-pair's key_spec values (Huawei's CreateEcDatakeyPairRequestBody). */
export const EC_PAIR_SPECS = ['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'SM2'] as const;
export type RsaPairSpec = (typeof RSA_PAIR_SPECS)[number];
export type EcPairSpec = (typeof EC_PAIR_SPECS)[number];
export type PairFamily = 'RSA' | 'EC';

const PAIR_SPECS: Readonly<Record<PairFamily, readonly string[]>> = { RSA: RSA_PAIR_SPECS, EC: EC_PAIR_SPECS };

export function parsePairSpec(family: 'RSA', value: string | undefined): RsaPairSpec;
export function parsePairSpec(family: 'EC', value: string | undefined): EcPairSpec;
/** The pair's key_spec: required, one of its family's (KMS.0308 naming them). */
export function parsePairSpec(family: PairFamily, value: string | undefined): RsaPairSpec | EcPairSpec {
  const allowed = PAIR_SPECS[family];
  if (value === undefined) throw MissingKmsParameter(`key_spec is required: one of ${allowed.join(', ')}`);
  if (!allowed.includes(value)) throw FieldNotOneOf('key_spec', allowed, value);
  return value as RsaPairSpec | EcPairSpec;
}

/** derive-shared-secret's only key_agreement_algorithm (Huawei's DeriveSharedSecretRequestBody). */
export const KEY_AGREEMENT_ALGORITHMS = ['ECDH'] as const;

export function parseAgreementAlgorithm(value: string): (typeof KEY_AGREEMENT_ALGORITHMS)[number] {
  if (value !== 'ECDH') throw FieldNotOneOf('key_agreement_algorithm', KEY_AGREEMENT_ALGORITHMS, value);
  return value;
}

/**
 * The key specs whose private key agrees a secret by ECDH, and their curve (named as @dew/crypto's
 * AGREEMENT_CURVES). Huawei's key_usage
 * enum has no KEY_AGREEMENT: an EC key's usage is SIGN_VERIFY, and that is the usage agreement needs.
 */
export const AGREEMENT_CURVE_OF: Readonly<Partial<Record<KeySpec, string>>> = { EC_P256: 'P-256', EC_P384: 'P-384', SECP256K1: 'secp256k1', SM2: 'SM2' };
export const AGREEMENT_USAGE: KeyUsage = 'SIGN_VERIFY';

/** The curve of a key that can agree a secret, or KMS.0308 naming the specs that can and the key's. */
export function agreementCurve(key: { readonly keyId: string; readonly keySpec: KeySpec }, operation: string): string {
  const curve = AGREEMENT_CURVE_OF[key.keySpec];
  if (curve === undefined) {
    throw InvalidKmsParameter(`${operation} needs a key of spec ${Object.keys(AGREEMENT_CURVE_OF).join(' or ')}; key ${key.keyId} is ${key.keySpec}`);
  }
  return curve;
}
