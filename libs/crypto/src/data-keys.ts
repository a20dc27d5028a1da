import { createHash, timingSafeEqual } from 'node:crypto';
import {
  DatakeyDigestMismatch,
  DatakeyLengthInvalid,
  DatakeyPlainLengthOutOfRange,
  DatakeyPlaintextInvalid,
  InvalidKmsParameter,
} from '@dew/contracts';
import { quote } from './refusal.js';

/** Data-key sizes and the encrypt-datakey input. Messages never echo key bytes. */
const DIGEST_BYTES = 32;
const DIGEST_NAME = { sha256: 'SHA-256', sm3: 'SM3' } as const;
export const DATAKEY_MAX_BYTES = 1024;
const BITS = /^[0-9]{1,5}$/;
const HEX = /^[0-9a-fA-F]*$/;

/** Huawei's CreateDatakeyRequestBody key_spec values and the data-key bytes each stands for. */
export const DATAKEY_KEY_SPECS: Readonly<Record<string, number>> = { AES_256: 32, AES_128: 16, SM4: 16, HMAC_256: 32, HMAC_384: 48, HMAC_512: 64, HMAC_SM3: 32 };

/** The digest beside a data key: SHA-256, or SM3 under an SM4 CMK (docs/api-decisions.md, "SM4 keys"). */
export type DatakeyDigest = 'sha256' | 'sm3';

/** Whole bits 8..8192 in steps of 8 → bytes, or undefined. Shared with gen-random. */
export function bitsToBytes(text: string | number): number | undefined {
  const s = String(text);
  if (!BITS.test(s)) return undefined;
  const bits = Number(s);
  return bits >= 8 && bits <= 8192 && bits % 8 === 0 ? bits / 8 : undefined;
}

/** datakey_length (bits) wins over key_spec; neither → 32 bytes. */
export function parseDatakeyLength(req: { datakey_length?: string | number; key_spec?: string }): number {
  if (req.datakey_length !== undefined) {
    const bytes = bitsToBytes(req.datakey_length);
    if (bytes === undefined) {
      throw DatakeyLengthInvalid(quote(req.datakey_length));
    }
    return bytes;
  }
  if (req.key_spec === undefined) return 32;
  const bytes = Object.hasOwn(DATAKEY_KEY_SPECS, req.key_spec) ? DATAKEY_KEY_SPECS[req.key_spec] : undefined;
  if (bytes === undefined) {
    throw InvalidKmsParameter(
      `key_spec for a data key must be one of ${Object.keys(DATAKEY_KEY_SPECS).join(', ')} (or give datakey_length), got ${quote(req.key_spec)}`,
    );
  }
  return bytes;
}

/** encrypt-datakey: plain_text = hex(DEK ‖ SHA-256(DEK)) (SM3 under an SM4 CMK); returns the DEK after checking the digest. */
export function splitPlainDatakey(hex: string, declaredLength: number, digest: DatakeyDigest = 'sha256'): Buffer {
  if (!Number.isInteger(declaredLength) || declaredLength < 1 || declaredLength > DATAKEY_MAX_BYTES) {
    throw DatakeyPlainLengthOutOfRange(DATAKEY_MAX_BYTES, declaredLength);
  }
  const expected = 2 * (declaredLength + DIGEST_BYTES);
  if (hex.length !== expected) {
    throw DatakeyPlaintextInvalid(
      `plain_text must be ${expected} hex characters (a ${declaredLength}-byte data key followed by its 32-byte ${DIGEST_NAME[digest]}), got ${hex.length}`,
    );
  }
  if (!HEX.test(hex)) throw DatakeyPlaintextInvalid('plain_text must be hex (two characters per byte)');
  const bytes = Buffer.from(hex, 'hex');
  const dek = bytes.subarray(0, declaredLength);
  const ok = timingSafeEqual(createHash(digest).update(dek).digest(), bytes.subarray(declaredLength));
  if (!ok) {
    bytes.fill(0);
    throw DatakeyDigestMismatch(DIGEST_NAME[digest]);
  }
  return dek;
}

/** datakey_dgst: uppercase hex SHA-256 (SM3 under an SM4 CMK) of the data key. */
export function digestHex(dek: Uint8Array, digest: DatakeyDigest = 'sha256'): string {
  return createHash(digest).update(dek).digest('hex').toUpperCase();
}
