import { FieldNotOneOf, InvalidKmsParameter } from '@dew/contracts';

/** The key specs DEW serves (docs/features.md, "Key specs"). */
export const KEY_SPECS = [
  'AES_256',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_P256',
  'EC_P384',
  'SECP256K1',
  'SM2',
  'ED25519',
  'SM4',
  'HMAC_256',
  'HMAC_384',
  'HMAC_512',
  'HMAC_SM3',
] as const;
export type KeySpec = (typeof KEY_SPECS)[number];

/** The specs with a key pair (a public key, PKCS#8 material). */
export type AsymmetricKeySpec = Exclude<KeySpec, 'AES_256' | 'SM4' | `HMAC_${string}`>;

export const KEY_USAGES = ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC'] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];

export type KeyFamily = 'AES' | 'RSA' | 'EC' | 'SM2' | 'ED25519' | 'SM4' | 'HMAC';

export interface KeySpecInfo {
  readonly family: KeyFamily;
  readonly symmetric: boolean;
  readonly usages: readonly KeyUsage[];
  readonly defaultUsage: KeyUsage;
}

const rsa: KeySpecInfo = {
  family: 'RSA',
  symmetric: false,
  usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  defaultUsage: 'SIGN_VERIFY',
};
const ec: KeySpecInfo = { family: 'EC', symmetric: false, usages: ['SIGN_VERIFY'], defaultUsage: 'SIGN_VERIFY' };
/** SM2 signs (SM2DSA_SM3) or encrypts (SM2_ENCRYPT), like RSA (docs/features.md). */
const sm2: KeySpecInfo = { ...rsa, family: 'SM2' };
const ed25519: KeySpecInfo = { ...ec, family: 'ED25519' };
const hmac: KeySpecInfo = { family: 'HMAC', symmetric: true, usages: ['GENERATE_VERIFY_MAC'], defaultUsage: 'GENERATE_VERIFY_MAC' };

export const KEY_SPEC_TABLE: Readonly<Record<KeySpec, KeySpecInfo>> = {
  AES_256: { family: 'AES', symmetric: true, usages: ['ENCRYPT_DECRYPT'], defaultUsage: 'ENCRYPT_DECRYPT' },
  RSA_2048: rsa,
  RSA_3072: rsa,
  RSA_4096: rsa,
  EC_P256: ec,
  EC_P384: ec,
  SECP256K1: ec,
  SM2: sm2,
  ED25519: ed25519,
  SM4: { family: 'SM4', symmetric: true, usages: ['ENCRYPT_DECRYPT'], defaultUsage: 'ENCRYPT_DECRYPT' },
  HMAC_256: hmac,
  HMAC_384: hmac,
  HMAC_512: hmac,
  HMAC_SM3: hmac,
};

export const KEY_SPEC_DEFAULT: KeySpec = 'AES_256';

export function isKeySpec(value: string): value is KeySpec {
  return (KEY_SPECS as readonly string[]).includes(value);
}

export function isKeyUsage(value: string): value is KeyUsage {
  return (KEY_USAGES as readonly string[]).includes(value);
}

export function isSymmetric(spec: KeySpec): boolean {
  return KEY_SPEC_TABLE[spec].symmetric;
}

export function allowedUsages(spec: KeySpec): readonly KeyUsage[] {
  return KEY_SPEC_TABLE[spec].usages;
}

export function defaultUsage(spec: KeySpec): KeyUsage {
  return KEY_SPEC_TABLE[spec].defaultUsage;
}

/** A wire `key_spec`, or KMS.0308 naming the supported list. Absent → AES_256. */
export function parseKeySpec(value: string | undefined): KeySpec {
  if (value === undefined) return KEY_SPEC_DEFAULT;
  if (isKeySpec(value)) return value;
  throw FieldNotOneOf('key_spec', KEY_SPECS, value);
}

/** A wire `key_usage` checked against the spec, or KMS.0308 naming both. Absent → the spec's default. */
export function parseKeyUsage(spec: KeySpec, value: string | undefined): KeyUsage {
  if (value === undefined) return defaultUsage(spec);
  if (!isKeyUsage(value)) {
    throw FieldNotOneOf('key_usage', KEY_USAGES, value);
  }
  const allowed = allowedUsages(spec);
  if (!allowed.includes(value)) {
    throw InvalidKmsParameter(`key_usage ${value} is not allowed for key_spec ${spec} (allowed: ${allowed.join(', ')})`);
  }
  return value;
}
