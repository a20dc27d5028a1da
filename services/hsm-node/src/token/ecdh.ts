import type * as P11 from 'pkcs11js';
import { pkcs11 } from './pkcs11.js';
import type { Pkcs11Token } from './pkcs11-token.js';
import { common } from './key-templates.js';

/**
 * Derives an AES-256 wrapping key from this token's EC private key and a peer's public point
 * (CKM_ECDH1_DERIVE). SoftHSM 2.6.1 accepts only CKD_NULL, so the key is the shared x coordinate;
 * both tokens reach the same key while neither key nor secret ever exists outside a token.
 */
export function deriveWrappingKey(t: Pkcs11Token, privateKeyId: string, peerPoint: Buffer, id: Buffer, label: string): void {
  t.requireMechanism(pkcs11.CKM_ECDH1_DERIVE);
  const priv = t.requireHandle(privateKeyId, pkcs11.CKO_PRIVATE_KEY);
  const parameter: P11.ECDH1 = { type: pkcs11.CK_PARAMS_EC_DH, kdf: pkcs11.CKD_NULL, publicData: rawPoint(peerPoint) };
  t.pkcs11.C_DeriveKey(
    t.session,
    { mechanism: pkcs11.CKM_ECDH1_DERIVE, parameter },
    priv,
    [
      ...common(id, label),
      { type: pkcs11.CKA_CLASS, value: pkcs11.CKO_SECRET_KEY },
      { type: pkcs11.CKA_KEY_TYPE, value: pkcs11.CKK_AES },
      { type: pkcs11.CKA_VALUE_LEN, value: 32 },
      { type: pkcs11.CKA_PRIVATE, value: true },
      { type: pkcs11.CKA_SENSITIVE, value: true },
      { type: pkcs11.CKA_EXTRACTABLE, value: false },
      { type: pkcs11.CKA_WRAP, value: true },
      { type: pkcs11.CKA_UNWRAP, value: true },
      { type: pkcs11.CKA_ENCRYPT, value: true },
      { type: pkcs11.CKA_DECRYPT, value: true },
    ],
  );
}

/** CKA_EC_POINT is a DER OCTET STRING around the uncompressed point; ECDH wants the bare point. */
export function rawPoint(ecPointAttribute: Buffer): Buffer {
  if (ecPointAttribute[0] !== 0x04 || ecPointAttribute.length < 3) return ecPointAttribute;
  const len = ecPointAttribute[1]!;
  if (len < 0x80 && len === ecPointAttribute.length - 2) return ecPointAttribute.subarray(2);
  if (len === 0x81 && ecPointAttribute[2] === ecPointAttribute.length - 3) return ecPointAttribute.subarray(3);
  return ecPointAttribute;
}
