import type * as P11 from 'pkcs11js';
import { pkcs11 } from './pkcs11.js';
import { EC_PARAMS, familyOf, pkcs11KeyType, type KeyType } from './key-types.js';

/** Attributes every stored key shares: persistent, private to the logged-in user, named by id and label. */
export function common(id: Buffer, label: string): P11.Template {
  return [
    { type: pkcs11.CKA_TOKEN, value: true },
    { type: pkcs11.CKA_ID, value: id },
    { type: pkcs11.CKA_LABEL, value: label },
  ];
}

// Keys stay sensitive (never readable in clear) but extractable: mirroring and backup export them
// wrapped under the domain key, the only way they ever leave the token.
const secretPart: P11.Template = [
  { type: pkcs11.CKA_PRIVATE, value: true },
  { type: pkcs11.CKA_SENSITIVE, value: true },
  { type: pkcs11.CKA_EXTRACTABLE, value: true },
];

export function secretKeyTemplate(type: KeyType, id: Buffer, label: string): P11.Template {
  return [
    ...common(id, label),
    ...secretPart,
    { type: pkcs11.CKA_CLASS, value: pkcs11.CKO_SECRET_KEY },
    { type: pkcs11.CKA_KEY_TYPE, value: pkcs11.CKK_AES },
    { type: pkcs11.CKA_ENCRYPT, value: true },
    { type: pkcs11.CKA_DECRYPT, value: true },
    { type: pkcs11.CKA_WRAP, value: true },
    { type: pkcs11.CKA_UNWRAP, value: true },
  ];
}

export function aesValueLength(type: KeyType): number {
  return type === 'AES_128' ? 16 : 32;
}

export function privateKeyTemplate(type: KeyType, id: Buffer, label: string, extra: P11.Template = []): P11.Template {
  return [
    ...common(id, label),
    ...secretPart,
    { type: pkcs11.CKA_CLASS, value: pkcs11.CKO_PRIVATE_KEY },
    { type: pkcs11.CKA_KEY_TYPE, value: pkcs11KeyType(type) },
    { type: pkcs11.CKA_SIGN, value: true },
    ...extra,
  ];
}

export function publicKeyTemplate(type: KeyType, id: Buffer, label: string): P11.Template {
  const base: P11.Template = [
    ...common(id, label),
    { type: pkcs11.CKA_CLASS, value: pkcs11.CKO_PUBLIC_KEY },
    { type: pkcs11.CKA_KEY_TYPE, value: pkcs11KeyType(type) },
    { type: pkcs11.CKA_VERIFY, value: true },
  ];
  const family = familyOf(type);
  if (family === 'rsa') {
    return [...base, { type: pkcs11.CKA_MODULUS_BITS, value: type === 'RSA_3072' ? 3072 : 2048 }, { type: pkcs11.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) }];
  }
  return [...base, { type: pkcs11.CKA_EC_PARAMS, value: EC_PARAMS[type as keyof typeof EC_PARAMS] }];
}

/**
 * A domain key's attributes besides its id and label (docs/hsm-appliance.md "Domain keys"): it
 * wraps and unwraps keys, nothing else, and never leaves its token. SoftHSM enables CMAC
 * signing on an AES key unless told otherwise, hence every usage is named.
 */
export const WRAP_ONLY: P11.Template = [
  { type: pkcs11.CKA_PRIVATE, value: true },
  { type: pkcs11.CKA_SENSITIVE, value: true },
  { type: pkcs11.CKA_EXTRACTABLE, value: false },
  { type: pkcs11.CKA_WRAP, value: true },
  { type: pkcs11.CKA_UNWRAP, value: true },
  { type: pkcs11.CKA_ENCRYPT, value: false },
  { type: pkcs11.CKA_DECRYPT, value: false },
  { type: pkcs11.CKA_SIGN, value: false },
  { type: pkcs11.CKA_VERIFY, value: false },
  { type: pkcs11.CKA_DERIVE, value: false },
];
