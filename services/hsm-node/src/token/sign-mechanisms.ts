import { createHash } from 'node:crypto';
import { pkcs11 } from './pkcs11.js';
import { CKM_EDDSA } from './mechanisms.js';
import type { KeyFamily } from './key-types.js';

/** A signature scheme's hash: a prehashed message is a digest of it (docs/hsm-appliance.md, "Input limits"). */
export type SignHash = 'sha256' | 'sha384' | 'sha512';

interface HashInfo {
  readonly label: string;
  readonly bytes: number;
  readonly ckm: number;
  readonly mgf: number;
  /** DER DigestInfo up to the digest (RFC 8017, section 9.2, note 1), for CKM_RSA_PKCS. */
  readonly digestInfo: Buffer;
}

export const SIGN_HASHES: Readonly<Record<SignHash, HashInfo>> = {
  sha256: { label: 'SHA-256', bytes: 32, ckm: pkcs11.CKM_SHA256, mgf: pkcs11.CKG_MGF1_SHA256, digestInfo: Buffer.from('3031300d060960864801650304020105000420', 'hex') },
  sha384: { label: 'SHA-384', bytes: 48, ckm: pkcs11.CKM_SHA384, mgf: pkcs11.CKG_MGF1_SHA384, digestInfo: Buffer.from('3041300d060960864801650304020205000430', 'hex') },
  sha512: { label: 'SHA-512', bytes: 64, ckm: pkcs11.CKM_SHA512, mgf: pkcs11.CKG_MGF1_SHA512, digestInfo: Buffer.from('3051300d060960864801650304020305000440', 'hex') },
};

export interface PssParams {
  readonly hashAlg: number;
  readonly mgf: number;
  readonly saltLen: number;
}

/** One way the token computes a scheme: its mechanism and what it is given. */
export interface SignMechanism {
  readonly mechanism: number;
  readonly pss?: PssParams;
  /** The token's input from the caller's message (or digest). */
  readonly input: (message: Buffer) => Buffer;
}

/**
 * A signature scheme offered to applications: over the message (`raw`) and, but for EdDSA, over a
 * digest the caller computed (`prehashed`, the proto's `prehashed`). The digest must have `hash`'s length.
 */
export interface SignScheme {
  readonly family: KeyFamily;
  readonly hash?: SignHash;
  readonly raw: SignMechanism;
  readonly prehashed?: SignMechanism;
}

const asGiven = (m: Buffer): Buffer => m;
/** Salt as long as the digest, as KMS's software path signs (libs/crypto/src/signing.ts). */
const pss = (h: SignHash): PssParams => ({ hashAlg: SIGN_HASHES[h].ckm, mgf: SIGN_HASHES[h].mgf, saltLen: SIGN_HASHES[h].bytes });

/** SoftHSM's CKM_ECDSA signs a digest (it has no CKM_ECDSA_SHA256): over a message, the node hashes it. */
const ecdsa = (hash: SignHash): SignScheme => ({
  family: 'ec', hash,
  raw: { mechanism: pkcs11.CKM_ECDSA, input: (m) => createHash(hash).update(m).digest() },
  prehashed: { mechanism: pkcs11.CKM_ECDSA, input: asGiven },
});

/** Over a digest: CKM_RSA_PKCS pads the DigestInfo the node builds. */
const pkcs1 = (hash: SignHash, mechanism: number): SignScheme => ({
  family: 'rsa', hash,
  raw: { mechanism, input: asGiven },
  prehashed: { mechanism: pkcs11.CKM_RSA_PKCS, input: (d) => Buffer.concat([SIGN_HASHES[hash].digestInfo, d]) },
});

const rsaPss = (hash: SignHash, mechanism: number): SignScheme => ({
  family: 'rsa', hash,
  raw: { mechanism, pss: pss(hash), input: asGiven },
  prehashed: { mechanism: pkcs11.CKM_RSA_PKCS_PSS, pss: pss(hash), input: asGiven },
});

export const SIGN_SCHEMES: Readonly<Record<string, SignScheme>> = {
  ECDSA_SHA256: ecdsa('sha256'),
  ECDSA_SHA384: ecdsa('sha384'),
  RSA_PKCS1_SHA256: pkcs1('sha256', pkcs11.CKM_SHA256_RSA_PKCS),
  RSA_PKCS1_SHA384: pkcs1('sha384', pkcs11.CKM_SHA384_RSA_PKCS),
  RSA_PKCS1_SHA512: pkcs1('sha512', pkcs11.CKM_SHA512_RSA_PKCS),
  RSA_PSS_SHA256: rsaPss('sha256', pkcs11.CKM_SHA256_RSA_PKCS_PSS),
  RSA_PSS_SHA384: rsaPss('sha384', pkcs11.CKM_SHA384_RSA_PKCS_PSS),
  RSA_PSS_SHA512: rsaPss('sha512', pkcs11.CKM_SHA512_RSA_PKCS_PSS),
  EDDSA: { family: 'ed', raw: { mechanism: CKM_EDDSA, input: asGiven } },
};

export const DIGESTS: Readonly<Record<string, number>> = {
  SHA1: pkcs11.CKM_SHA_1,
  SHA256: pkcs11.CKM_SHA256,
  SHA384: pkcs11.CKM_SHA384,
  SHA512: pkcs11.CKM_SHA512,
};
