import type * as P11 from 'pkcs11js';
import { pkcs11 } from './pkcs11.js';
import type { Pkcs11Token } from './pkcs11-token.js';
import { derToRaw, rawToDer } from './ecdsa-signature.js';
import { DIGESTS, SIGN_HASHES, SIGN_SCHEMES, type SignMechanism, type SignScheme } from './sign-mechanisms.js';
import { familyOf } from './key-types.js';
import { TokenError } from './token-error.js';

const GCM_IV_BYTES = 12;
const GCM_TAG_BITS = 128;

export interface Sealed {
  readonly iv: Buffer;
  /** Ciphertext followed by the 16-byte GCM tag. */
  readonly ciphertext: Buffer;
}

export function encryptGcm(t: Pkcs11Token, keyId: string, plaintext: Buffer, aad: Buffer): Sealed {
  t.requireMechanism(pkcs11.CKM_AES_GCM);
  const key = t.requireHandle(keyId, pkcs11.CKO_SECRET_KEY);
  const iv = t.random(GCM_IV_BYTES);
  const p = t.pkcs11;
  p.C_EncryptInit(t.session, gcm(iv, aad), key);
  const ciphertext = p.C_Encrypt(t.session, plaintext, Buffer.alloc(plaintext.length + GCM_TAG_BITS / 8));
  return { iv, ciphertext: Buffer.from(ciphertext) };
}

export function decryptGcm(t: Pkcs11Token, keyId: string, s: Sealed, aad: Buffer): Buffer {
  t.requireMechanism(pkcs11.CKM_AES_GCM);
  const key = t.requireHandle(keyId, pkcs11.CKO_SECRET_KEY);
  const p = t.pkcs11;
  p.C_DecryptInit(t.session, gcm(s.iv, aad), key);
  try {
    return Buffer.from(p.C_Decrypt(t.session, s.ciphertext, Buffer.alloc(s.ciphertext.length)));
  } catch {
    throw new TokenError('INVALID_ARGUMENT', 'the ciphertext does not authenticate under this key');
  }
}

/**
 * Signs `message`, or, `prehashed`, a digest of the scheme's hash the caller computed (refused
 * INVALID_ARGUMENT at another length, naming both).
 */
export function sign(t: Pkcs11Token, keyId: string, schemeName: string, message: Buffer, prehashed = false): Buffer {
  const { scheme, how, handle } = prepare(t, keyId, schemeName, message, prehashed, pkcs11.CKO_PRIVATE_KEY);
  const p = t.pkcs11;
  p.C_SignInit(t.session, mechanismOf(how), handle);
  const out = Buffer.from(p.C_Sign(t.session, how.input(message), Buffer.alloc(1024)));
  return scheme.family === 'ec' ? rawToDer(out) : out;
}

export function verify(t: Pkcs11Token, keyId: string, schemeName: string, message: Buffer, signature: Buffer, prehashed = false): boolean {
  const { scheme, how, handle } = prepare(t, keyId, schemeName, message, prehashed, pkcs11.CKO_PUBLIC_KEY);
  const p = t.pkcs11;
  let sig = signature;
  if (scheme.family === 'ec') {
    const type = t.find(keyId)?.type;
    sig = derToRaw(signature, type === 'EC_P384' ? 48 : 32);
  }
  p.C_VerifyInit(t.session, mechanismOf(how), handle);
  try {
    return p.C_Verify(t.session, how.input(message), sig);
  } catch {
    return false;
  }
}

export function digest(t: Pkcs11Token, name: string, data: Buffer): Buffer {
  const mechanism = DIGESTS[name];
  if (mechanism === undefined) throw new TokenError('UNSUPPORTED', `unknown digest ${name}; known: ${Object.keys(DIGESTS).join(', ')}`);
  t.requireMechanism(mechanism);
  t.pkcs11.C_DigestInit(t.session, { mechanism });
  return Buffer.from(t.pkcs11.C_Digest(t.session, data, Buffer.alloc(64)));
}

function prepare(t: Pkcs11Token, keyId: string, schemeName: string, message: Buffer, prehashed: boolean, objectClass: number) {
  const scheme = SIGN_SCHEMES[schemeName];
  if (scheme === undefined) throw new TokenError('UNSUPPORTED', `unknown signature scheme ${schemeName}; known: ${Object.keys(SIGN_SCHEMES).join(', ')}`);
  const how = prehashed ? prehashedMechanism(schemeName, scheme, message) : scheme.raw;
  t.requireMechanism(how.mechanism);
  const key = t.find(keyId);
  if (key === undefined) throw new TokenError('NOT_FOUND', `no key ${keyId}`);
  if (familyOf(key.type) !== scheme.family) throw new TokenError('INVALID_ARGUMENT', `${schemeName} does not apply to a ${key.type} key`);
  return { scheme, how, handle: t.requireHandle(keyId, objectClass) };
}

/** The scheme over a digest, the digest's length checked against the scheme's hash. */
function prehashedMechanism(schemeName: string, scheme: SignScheme, digest: Buffer): SignMechanism {
  if (scheme.prehashed === undefined || scheme.hash === undefined) throw new TokenError('INVALID_ARGUMENT', `${schemeName} signs the message itself: it takes no prehashed digest`);
  const hash = SIGN_HASHES[scheme.hash];
  if (digest.length !== hash.bytes) throw new TokenError('INVALID_ARGUMENT', `a prehashed ${schemeName} message is a ${hash.label} digest of ${hash.bytes} bytes, got ${digest.length}`);
  return scheme.prehashed;
}

function mechanismOf(m: SignMechanism): P11.Mechanism {
  if (m.pss === undefined) return { mechanism: m.mechanism };
  return { mechanism: m.mechanism, parameter: { type: pkcs11.CK_PARAMS_RSA_PSS, ...m.pss } };
}

function gcm(iv: Buffer, aad: Buffer): P11.Mechanism {
  const parameter: P11.AesGCM = { type: pkcs11.CK_PARAMS_AES_GCM, iv, aad, ivBits: iv.length * 8, tagBits: GCM_TAG_BITS };
  return { mechanism: pkcs11.CKM_AES_GCM, parameter };
}
