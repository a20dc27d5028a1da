import type * as P11 from 'pkcs11js';
import { pkcs11 } from './pkcs11.js';
import type { Pkcs11Token, TokenKey } from './pkcs11-token.js';
import { familyOf, pkcs11KeyType } from './key-types.js';
import { common, privateKeyTemplate, publicKeyTemplate, secretKeyTemplate } from './key-templates.js';
import { TokenError } from './token-error.js';

/**
 * A key as it leaves the token: its secret or private part wrapped (CKM_AES_KEY_WRAP_PAD) under
 * a wrapping key of the token, its public part (which is not secret) as attributes.
 */
export interface ExportedKey extends TokenKey {
  readonly wrapped: Buffer;
  readonly publicKey?: { readonly ecPoint?: Buffer; readonly modulus?: Buffer; readonly publicExponent?: Buffer };
}

/** How keys leave a token: AES key wrap with padding (RFC 5649). */
export const KEY_WRAP = { mechanism: pkcs11.CKM_AES_KEY_WRAP_PAD };

/** `wrapping` is the handle of a secret key of the same token (PKCS#11 wraps within one token only). */
export function exportWrapped(t: Pkcs11Token, keyId: string, wrapping: P11.Handle): ExportedKey {
  t.requireMechanism(pkcs11.CKM_AES_KEY_WRAP_PAD);
  const key = t.find(keyId);
  if (key === undefined) throw new TokenError('NOT_FOUND', `no key ${keyId}`);
  const family = familyOf(key.type);
  const secretClass = family === 'aes' ? pkcs11.CKO_SECRET_KEY : pkcs11.CKO_PRIVATE_KEY;
  const wrapped = Buffer.from(t.pkcs11.C_WrapKey(t.session, KEY_WRAP, wrapping, t.requireHandle(keyId, secretClass), Buffer.alloc(8192)));
  if (family === 'aes') return { ...key, wrapped };
  const pub = t.requireHandle(keyId, pkcs11.CKO_PUBLIC_KEY);
  const publicKey = family === 'rsa'
    ? { modulus: t.attribute(pub, pkcs11.CKA_MODULUS)!, publicExponent: t.attribute(pub, pkcs11.CKA_PUBLIC_EXPONENT)! }
    : { ecPoint: t.attribute(pub, pkcs11.CKA_EC_POINT)! };
  return { ...key, wrapped, publicKey };
}

/** Recreates an exported key (same id, label, type) in this token; a no-op when the id exists. */
export function importWrapped(t: Pkcs11Token, k: ExportedKey, wrapping: P11.Handle): boolean {
  if (t.find(k.id) !== undefined) return false;
  t.requireMechanism(pkcs11.CKM_AES_KEY_WRAP_PAD);
  const id = Buffer.from(k.id, 'hex');
  const family = familyOf(k.type);
  if (family === 'aes') {
    t.pkcs11.C_UnwrapKey(t.session, KEY_WRAP, wrapping, k.wrapped, secretKeyTemplate(k.type, id, k.label));
    return true;
  }
  const p = k.publicKey;
  if (p === undefined) throw new TokenError('INVALID_ARGUMENT', 'an exported key pair lacks its public half');
  t.pkcs11.C_UnwrapKey(t.session, KEY_WRAP, wrapping, k.wrapped, privateKeyTemplate(k.type, id, k.label));
  const publicPart: P11.Template = family === 'rsa'
    ? [{ type: pkcs11.CKA_MODULUS, value: p.modulus }, { type: pkcs11.CKA_PUBLIC_EXPONENT, value: p.publicExponent }]
    : [{ type: pkcs11.CKA_EC_POINT, value: p.ecPoint }, ...publicKeyTemplate(k.type, id, k.label).filter((a) => a.type === pkcs11.CKA_EC_PARAMS)];
  t.pkcs11.C_CreateObject(t.session, [
    ...common(id, k.label),
    { type: pkcs11.CKA_CLASS, value: pkcs11.CKO_PUBLIC_KEY },
    { type: pkcs11.CKA_KEY_TYPE, value: pkcs11KeyType(k.type) },
    { type: pkcs11.CKA_VERIFY, value: true },
    ...publicPart,
  ]);
  return true;
}

/** The DER-wrapped EC point of a key pair's public half (CKA_EC_POINT), e.g. to hand to a peer. */
export function ecPoint(t: Pkcs11Token, keyId: string): Buffer {
  return t.attribute(t.requireHandle(keyId, pkcs11.CKO_PUBLIC_KEY), pkcs11.CKA_EC_POINT)!;
}
