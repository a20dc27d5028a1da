import { createPublicKey } from 'node:crypto';
import { pkcs11 } from '../token/pkcs11.js';
import type { Pkcs11Token, TokenKey } from '../token/pkcs11-token.js';
import { familyOf } from '../token/key-types.js';
import { rawPoint } from '../token/ecdh.js';

const b64u = (b: Buffer): string => b.toString('base64url');

/** SPKI DER of a key pair's public half (empty for a secret key). */
export function publicKeySpki(t: Pkcs11Token, key: TokenKey): Buffer {
  const family = familyOf(key.type);
  if (family === 'aes') return Buffer.alloc(0);
  const h = t.requireHandle(key.id, pkcs11.CKO_PUBLIC_KEY);
  if (family === 'rsa') {
    const jwk = { kty: 'RSA', n: b64u(t.attribute(h, pkcs11.CKA_MODULUS)!), e: b64u(t.attribute(h, pkcs11.CKA_PUBLIC_EXPONENT)!) };
    return createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'der' });
  }
  const point = rawPoint(t.attribute(h, pkcs11.CKA_EC_POINT)!);
  if (family === 'ed') return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64u(point) }, format: 'jwk' }).export({ type: 'spki', format: 'der' });
  const size = (point.length - 1) / 2;
  const jwk = { kty: 'EC', crv: key.type === 'EC_P384' ? 'P-384' : 'P-256', x: b64u(point.subarray(1, 1 + size)), y: b64u(point.subarray(1 + size)) };
  return createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'der' });
}
