import type * as P11 from 'pkcs11js';
import { pkcs11 } from './pkcs11.js';
import type { Pkcs11Token } from './pkcs11-token.js';
import { EC_PARAMS } from './key-types.js';

/**
 * Derives an AES-256 key from a private key of this token and a peer's public point
 * (CKM_ECDH1_DERIVE) with the caller's attributes, and returns its handle. SoftHSM 2.6.1 accepts
 * only CKD_NULL, so the key is the shared x coordinate; both sides reach the same key while
 * neither key nor secret ever exists outside a token.
 */
export function deriveAesKey(t: Pkcs11Token, privateKey: P11.Handle, peerPoint: Buffer, attributes: P11.Template): P11.Handle {
  t.requireMechanism(pkcs11.CKM_ECDH1_DERIVE);
  const parameter: P11.ECDH1 = { type: pkcs11.CK_PARAMS_EC_DH, kdf: pkcs11.CKD_NULL, publicData: rawPoint(peerPoint) };
  return t.pkcs11.C_DeriveKey(t.session, { mechanism: pkcs11.CKM_ECDH1_DERIVE, parameter }, privateKey, [
    { type: pkcs11.CKA_CLASS, value: pkcs11.CKO_SECRET_KEY },
    { type: pkcs11.CKA_KEY_TYPE, value: pkcs11.CKK_AES },
    { type: pkcs11.CKA_VALUE_LEN, value: 32 },
    ...attributes,
  ]);
}

export interface EphemeralKeyPair {
  readonly privateKey: P11.Handle;
  readonly publicKey: P11.Handle;
  /** CKA_EC_POINT of the public half (DER OCTET STRING). */
  readonly point: Buffer;
}

/**
 * A P-256 key pair for one agreement, as session objects: no other process (p11-kit's included)
 * sees them, and they are gone with the session at the latest.
 */
export function ephemeralKeyPair(t: Pkcs11Token): EphemeralKeyPair {
  t.requireMechanism(pkcs11.CKM_EC_KEY_PAIR_GEN);
  const { publicKey, privateKey } = t.pkcs11.C_GenerateKeyPair(t.session, { mechanism: pkcs11.CKM_EC_KEY_PAIR_GEN }, [
    { type: pkcs11.CKA_TOKEN, value: false },
    { type: pkcs11.CKA_EC_PARAMS, value: EC_PARAMS.EC_P256 },
  ], [
    { type: pkcs11.CKA_TOKEN, value: false },
    { type: pkcs11.CKA_PRIVATE, value: true },
    { type: pkcs11.CKA_SENSITIVE, value: true },
    { type: pkcs11.CKA_EXTRACTABLE, value: false },
    { type: pkcs11.CKA_DERIVE, value: true },
  ]);
  return { privateKey, publicKey, point: t.attribute(publicKey, pkcs11.CKA_EC_POINT)! };
}

/** CKA_EC_POINT is a DER OCTET STRING around the uncompressed point; ECDH wants the bare point. */
export function rawPoint(ecPointAttribute: Buffer): Buffer {
  if (ecPointAttribute[0] !== 0x04 || ecPointAttribute.length < 3) return ecPointAttribute;
  const len = ecPointAttribute[1]!;
  if (len < 0x80 && len === ecPointAttribute.length - 2) return ecPointAttribute.subarray(2);
  if (len === 0x81 && ecPointAttribute[2] === ecPointAttribute.length - 3) return ecPointAttribute.subarray(3);
  return ecPointAttribute;
}
