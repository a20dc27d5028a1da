import { pkcs11 } from './pkcs11.js';
import { CKK_EC_EDWARDS } from './mechanisms.js';

/** The key types an application may generate; each names its algorithm and size. */
export const KEY_TYPES = ['AES_128', 'AES_256', 'EC_P256', 'EC_P384', 'RSA_2048', 'RSA_3072', 'ED25519'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export function isKeyType(value: string): value is KeyType {
  return (KEY_TYPES as readonly string[]).includes(value);
}

// DER of the curve OIDs, as CKA_EC_PARAMS holds them.
export const EC_PARAMS = {
  EC_P256: Buffer.from('06082a8648ce3d030107', 'hex'),
  EC_P384: Buffer.from('06052b81040022', 'hex'),
  // SoftHSM 2.6.1 names the curve by a PrintableString, as PKCS#11 3.0 allows.
  ED25519: Buffer.from('130c656477617264733235353139', 'hex'),
} as const;

export type KeyFamily = 'aes' | 'ec' | 'rsa' | 'ed';

export function familyOf(type: KeyType): KeyFamily {
  if (type.startsWith('AES')) return 'aes';
  if (type.startsWith('EC')) return 'ec';
  if (type.startsWith('RSA')) return 'rsa';
  return 'ed';
}

export function pkcs11KeyType(type: KeyType): number {
  return { aes: pkcs11.CKK_AES, ec: pkcs11.CKK_EC, rsa: pkcs11.CKK_RSA, ed: CKK_EC_EDWARDS }[familyOf(type)];
}

/** Reads a key type back from a token object's CKK and size attributes. */
export function keyTypeOf(ckk: number, sizeHint: { valueLen?: number; ecParams?: Buffer; modulusBits?: number }): KeyType | undefined {
  if (ckk === pkcs11.CKK_AES) return sizeHint.valueLen === 16 ? 'AES_128' : sizeHint.valueLen === 32 ? 'AES_256' : undefined;
  if (ckk === pkcs11.CKK_RSA) return sizeHint.modulusBits === 2048 ? 'RSA_2048' : sizeHint.modulusBits === 3072 ? 'RSA_3072' : undefined;
  const params = sizeHint.ecParams;
  if (params === undefined) return undefined;
  if (ckk === pkcs11.CKK_EC) return params.equals(EC_PARAMS.EC_P256) ? 'EC_P256' : params.equals(EC_PARAMS.EC_P384) ? 'EC_P384' : undefined;
  if (ckk === CKK_EC_EDWARDS) return params.equals(EC_PARAMS.ED25519) ? 'ED25519' : undefined;
  return undefined;
}
