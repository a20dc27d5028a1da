import { createCipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * The body of a DEW ciphertext made by an SM4 key (format version 0x02, docs/ciphertext.md
 * "SM4 keys"): SM4-CTR then HMAC-SM3 (encrypt-then-MAC). OpenSSL 3.0 has no SM4-GCM, so the
 * construction is built from two standard parts, each checkable with the openssl CLI:
 *   okm            = HKDF-SM3(IKM = the version's 16-byte material, salt = nonce, info, L = 48)
 *   enc key        = okm[0..16]          mac key = okm[16..48]
 *   ciphertext     = SM4-CTR(enc key, iv = 16 random bytes, plaintext)
 *   tag            = HMAC-SM3(mac key, header ‖ iv ‖ u32be(|aad|) ‖ aad ‖ ciphertext)
 * The tag is checked in constant time before anything is decrypted.
 */
export const SM4_IV_BYTES = 16;
export const SM4_TAG_BYTES = 32;
export const SM4_MATERIAL_BYTES = 16;

const SM4_KEY_BYTES = 16;
const MAC_KEY_BYTES = 32;

export type Sm4Purpose = 'data' | 'datakey';

/** The HKDF info string of each purpose (also written in docs/ciphertext.md). */
export const sm4Info = (purpose: Sm4Purpose): string => `dew/cmk-message/v2/sm4/${purpose}`;

export interface Sm4Keys {
  readonly enc: Buffer;
  readonly mac: Buffer;
}

export function sm4MessageKeys(material: Uint8Array, nonce: Uint8Array, purpose: Sm4Purpose): Sm4Keys {
  const okm = Buffer.from(hkdfSync('sm3', material, nonce, sm4Info(purpose), SM4_KEY_BYTES + MAC_KEY_BYTES));
  return { enc: okm.subarray(0, SM4_KEY_BYTES), mac: okm.subarray(SM4_KEY_BYTES) };
}

export function sm4Tag(macKey: Uint8Array, header: Uint8Array, iv: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Buffer {
  const aadLength = Buffer.alloc(4);
  aadLength.writeUInt32BE(aad.length);
  return createHmac('sm3', macKey).update(header).update(iv).update(aadLength).update(aad).update(ciphertext).digest();
}

/** SM4-CTR is its own inverse: the same call encrypts and decrypts. */
export function sm4Ctr(key: Uint8Array, iv: Uint8Array, input: Uint8Array): Buffer {
  const cipher = createCipheriv('sm4-ctr', key, iv);
  return Buffer.concat([cipher.update(input), cipher.final()]);
}

/** Encrypts into `out` after the header, iv and tag; `out` holds header and iv already. */
export function sm4SealBody(material: Uint8Array, out: Buffer, headerBytes: number, plaintext: Uint8Array, aad: Uint8Array, purpose: Sm4Purpose): void {
  const ivAt = headerBytes;
  const tagAt = ivAt + SM4_IV_BYTES;
  const bodyAt = tagAt + SM4_TAG_BYTES;
  const keys = sm4MessageKeys(material, out.subarray(headerBytes - 32, headerBytes), purpose);
  const iv = out.subarray(ivAt, tagAt);
  const body = sm4Ctr(keys.enc, iv, plaintext);
  body.copy(out, bodyAt);
  sm4Tag(keys.mac, out.subarray(0, headerBytes), iv, aad, body).copy(out, tagAt);
  keys.enc.fill(0);
  keys.mac.fill(0);
}

/** The plaintext, or undefined when the tag does not match (compared in constant time). */
export function sm4OpenBody(material: Uint8Array, blob: Buffer, headerBytes: number, aad: Uint8Array, purpose: Sm4Purpose): Buffer | undefined {
  const ivAt = headerBytes;
  const tagAt = ivAt + SM4_IV_BYTES;
  const bodyAt = tagAt + SM4_TAG_BYTES;
  const keys = sm4MessageKeys(material, blob.subarray(headerBytes - 32, headerBytes), purpose);
  const iv = blob.subarray(ivAt, tagAt);
  const body = blob.subarray(bodyAt);
  const expected = sm4Tag(keys.mac, blob.subarray(0, headerBytes), iv, aad, body);
  const ok = timingSafeEqual(expected, blob.subarray(tagAt, bodyAt));
  const plaintext = ok ? sm4Ctr(keys.enc, iv, body) : undefined;
  keys.enc.fill(0);
  keys.mac.fill(0);
  return plaintext;
}
