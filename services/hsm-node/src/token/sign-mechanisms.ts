import { pkcs11 } from './pkcs11.js';
import { CKM_EDDSA } from './mechanisms.js';
import type { KeyFamily } from './key-types.js';

/**
 * Signature schemes offered to applications, each over the token mechanism that computes it.
 * ECDSA: SoftHSM's CKM_ECDSA signs a digest, so the node hashes the message itself (`jsHash`).
 */
export interface SignScheme {
  readonly family: KeyFamily;
  readonly mechanism: number;
  readonly jsHash?: 'sha256' | 'sha384' | 'sha512';
  readonly pss?: { readonly hashAlg: number; readonly mgf: number; readonly saltLen: number };
}

const pss = (hashAlg: number, mgf: number, saltLen: number) => ({ hashAlg, mgf, saltLen });

export const SIGN_SCHEMES: Readonly<Record<string, SignScheme>> = {
  ECDSA_SHA256: { family: 'ec', mechanism: pkcs11.CKM_ECDSA, jsHash: 'sha256' },
  ECDSA_SHA384: { family: 'ec', mechanism: pkcs11.CKM_ECDSA, jsHash: 'sha384' },
  RSA_PKCS1_SHA256: { family: 'rsa', mechanism: pkcs11.CKM_SHA256_RSA_PKCS },
  RSA_PKCS1_SHA384: { family: 'rsa', mechanism: pkcs11.CKM_SHA384_RSA_PKCS },
  RSA_PKCS1_SHA512: { family: 'rsa', mechanism: pkcs11.CKM_SHA512_RSA_PKCS },
  RSA_PSS_SHA256: { family: 'rsa', mechanism: pkcs11.CKM_SHA256_RSA_PKCS_PSS, pss: pss(pkcs11.CKM_SHA256, pkcs11.CKG_MGF1_SHA256, 32) },
  RSA_PSS_SHA384: { family: 'rsa', mechanism: pkcs11.CKM_SHA384_RSA_PKCS_PSS, pss: pss(pkcs11.CKM_SHA384, pkcs11.CKG_MGF1_SHA384, 48) },
  RSA_PSS_SHA512: { family: 'rsa', mechanism: pkcs11.CKM_SHA512_RSA_PKCS_PSS, pss: pss(pkcs11.CKM_SHA512, pkcs11.CKG_MGF1_SHA512, 64) },
  EDDSA: { family: 'ed', mechanism: CKM_EDDSA },
};

export const DIGESTS: Readonly<Record<string, number>> = {
  SHA1: pkcs11.CKM_SHA_1,
  SHA256: pkcs11.CKM_SHA256,
  SHA384: pkcs11.CKM_SHA384,
  SHA512: pkcs11.CKM_SHA512,
};
