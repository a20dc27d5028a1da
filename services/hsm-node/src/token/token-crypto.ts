import { createHash } from 'node:crypto';
import type * as P11 from 'pkcs11js';
import { pkcs11 } from './pkcs11.js';
import type { Pkcs11Token } from './pkcs11-token.js';
import { derToRaw, rawToDer } from './ecdsa-signature.js';
import { DIGESTS, SIGN_SCHEMES, type SignScheme } from './sign-mechanisms.js';
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

export function sign(t: Pkcs11Token, keyId: string, schemeName: string, message: Buffer): Buffer {
  const { scheme, handle } = prepare(t, keyId, schemeName, pkcs11.CKO_PRIVATE_KEY);
  const p = t.pkcs11;
  p.C_SignInit(t.session, mechanismOf(scheme), handle);
  const out = Buffer.from(p.C_Sign(t.session, input(scheme, message), Buffer.alloc(1024)));
  return scheme.family === 'ec' ? rawToDer(out) : out;
}

export function verify(t: Pkcs11Token, keyId: string, schemeName: string, message: Buffer, signature: Buffer): boolean {
  const { scheme, handle } = prepare(t, keyId, schemeName, pkcs11.CKO_PUBLIC_KEY);
  const p = t.pkcs11;
  let sig = signature;
  if (scheme.family === 'ec') {
    const type = t.find(keyId)?.type;
    sig = derToRaw(signature, type === 'EC_P384' ? 48 : 32);
  }
  p.C_VerifyInit(t.session, mechanismOf(scheme), handle);
  try {
    return p.C_Verify(t.session, input(scheme, message), sig);
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

function prepare(t: Pkcs11Token, keyId: string, schemeName: string, objectClass: number) {
  const scheme = SIGN_SCHEMES[schemeName];
  if (scheme === undefined) throw new TokenError('UNSUPPORTED', `unknown signature scheme ${schemeName}; known: ${Object.keys(SIGN_SCHEMES).join(', ')}`);
  t.requireMechanism(scheme.mechanism);
  const key = t.find(keyId);
  if (key === undefined) throw new TokenError('NOT_FOUND', `no key ${keyId}`);
  if (familyOf(key.type) !== scheme.family) throw new TokenError('INVALID_ARGUMENT', `${schemeName} does not apply to a ${key.type} key`);
  return { scheme, handle: t.requireHandle(keyId, objectClass) };
}

function mechanismOf(s: SignScheme): P11.Mechanism {
  if (s.pss === undefined) return { mechanism: s.mechanism };
  return { mechanism: s.mechanism, parameter: { type: pkcs11.CK_PARAMS_RSA_PSS, ...s.pss } };
}

function input(s: SignScheme, message: Buffer): Buffer {
  return s.jsHash === undefined ? message : createHash(s.jsHash).update(message).digest();
}

function gcm(iv: Buffer, aad: Buffer): P11.Mechanism {
  const parameter: P11.AesGCM = { type: pkcs11.CK_PARAMS_AES_GCM, iv, aad, ivBits: iv.length * 8, tagBits: GCM_TAG_BITS };
  return { mechanism: pkcs11.CKM_AES_GCM, parameter };
}
