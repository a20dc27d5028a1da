import { createCipheriv, createDecipheriv, createHmac, randomFillSync } from 'node:crypto';
import { InvalidKmsParameter, type DewError } from '@dew/contracts';

/**
 * DEW's symmetric ciphertext (docs/ciphertext.md): base64 for encrypt-data, hex for data keys.
 *   0x01 | key id (36 ASCII) | key version (u32 BE) | nonce (32) | iv (12) | tag (16) | ciphertext
 * Each message has its own AES-256-GCM key, HKDF-SHA256(material, salt = nonce, info = purpose),
 * so one key version may seal far more than GCM's 2^32 random-IV messages. The GCM AAD is the
 * header followed by the caller's AAD: neither can be changed without failing authentication.
 */
export type MessagePurpose = 'data' | 'datakey';

const FORMAT_VERSION = 0x01;
const KEY_ID_AT = 1;
const KEY_ID_BYTES = 36;
const KEY_VERSION_AT = KEY_ID_AT + KEY_ID_BYTES;
const NONCE_AT = KEY_VERSION_AT + 4;
const NONCE_BYTES = 32;
const IV_AT = NONCE_AT + NONCE_BYTES;
const IV_BYTES = 12;
const TAG_AT = IV_AT + IV_BYTES;
const TAG_BYTES = 16;
const BODY_AT = TAG_AT + TAG_BYTES;

/** Bytes before the IV: version, key id, key version, nonce. All of it is authenticated. */
export const MESSAGE_HEADER_BYTES = IV_AT;
/** Ciphertext length = plaintext length + 101. */
export const MESSAGE_OVERHEAD_BYTES = BODY_AT;

const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_KEY_VERSION = 0xffffffff;

// HKDF-Expand's single block input: info followed by the counter byte 0x01 (L = 32 = HashLen).
const EXPAND_INPUT: Readonly<Record<MessagePurpose, Buffer>> = {
  data: Buffer.from('dew/cmk-message/v1/data\x01', 'latin1'),
  datakey: Buffer.from('dew/cmk-message/v1/datakey\x01', 'latin1'),
};

// Nonce and IV are public (they are written into the ciphertext), so they may come from a pool:
// one 4 KiB fill costs about as much as a single small randomFillSync call.
const RANDOM_PER_MESSAGE = NONCE_BYTES + IV_BYTES;
const pool = Buffer.allocUnsafe(RANDOM_PER_MESSAGE * 93);
let poolAt = pool.length;

function takeRandom(into: Buffer, at: number): void {
  if (poolAt + RANDOM_PER_MESSAGE > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  pool.copy(into, at, poolAt, poolAt + RANDOM_PER_MESSAGE);
  poolAt += RANDOM_PER_MESSAGE;
}

/** RFC 5869 HKDF-SHA256 with L = 32: one Extract and one Expand block. */
function messageKey(material: Uint8Array, nonce: Uint8Array, purpose: MessagePurpose): Buffer {
  const prk = createHmac('sha256', nonce).update(material).digest();
  return createHmac('sha256', prk).update(EXPAND_INPUT[purpose]).digest();
}

function checkMaterial(material: Uint8Array): void {
  if (material.length !== 32) throw new RangeError(`key material must be 32 bytes, got ${material.length}`);
}

export function sealMessage(
  material: Buffer,
  keyId: string,
  keyVersion: number,
  plaintext: Uint8Array,
  aad: Uint8Array,
  purpose: MessagePurpose,
): Buffer {
  checkMaterial(material);
  if (!KEY_ID.test(keyId)) throw new RangeError(`key id must be a lowercase UUID, got ${JSON.stringify(keyId.slice(0, 40))}`);
  if (!Number.isInteger(keyVersion) || keyVersion < 1 || keyVersion > MAX_KEY_VERSION) {
    throw new RangeError(`key version must be an integer 1..${MAX_KEY_VERSION}, got ${keyVersion}`);
  }
  const out = Buffer.allocUnsafe(BODY_AT + plaintext.length);
  out[0] = FORMAT_VERSION;
  out.write(keyId, KEY_ID_AT, KEY_ID_BYTES, 'latin1');
  out.writeUInt32BE(keyVersion, KEY_VERSION_AT);
  takeRandom(out, NONCE_AT);
  const key = messageKey(material, out.subarray(NONCE_AT, IV_AT), purpose);
  const cipher = createCipheriv('aes-256-gcm', key, out.subarray(IV_AT, TAG_AT), { authTagLength: TAG_BYTES });
  cipher.setAAD(out.subarray(0, MESSAGE_HEADER_BYTES));
  if (aad.length > 0) cipher.setAAD(aad);
  cipher.update(plaintext).copy(out, BODY_AT);
  cipher.final();
  cipher.getAuthTag().copy(out, TAG_AT);
  key.fill(0);
  return out;
}

export interface MessageHeader {
  readonly keyId: string;
  readonly keyVersion: number;
}

function notDew(why: string): DewError {
  return InvalidKmsParameter(`cipher_text is not a DEW ciphertext: ${why}`);
}

export function parseMessageHeader(blob: Uint8Array): MessageHeader {
  if (blob.length < BODY_AT) throw notDew(`${blob.length} bytes is shorter than the ${BODY_AT}-byte minimum`);
  if (blob[0] !== FORMAT_VERSION) throw notDew(`format version byte is ${blob[0]}, expected ${FORMAT_VERSION}`);
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  const keyId = buf.toString('latin1', KEY_ID_AT, KEY_VERSION_AT);
  if (!KEY_ID.test(keyId)) throw notDew('the key id field is not a lowercase UUID');
  const keyVersion = buf.readUInt32BE(KEY_VERSION_AT);
  if (keyVersion === 0) throw notDew('key version 0 does not exist (versions start at 1)');
  return { keyId, keyVersion };
}

export function openMessage(material: Buffer, blob: Uint8Array, aad: Uint8Array, purpose: MessagePurpose): Buffer {
  checkMaterial(material);
  parseMessageHeader(blob);
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  const key = messageKey(material, buf.subarray(NONCE_AT, IV_AT), purpose);
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(IV_AT, TAG_AT), { authTagLength: TAG_BYTES });
  key.fill(0);
  decipher.setAAD(buf.subarray(0, MESSAGE_HEADER_BYTES));
  if (aad.length > 0) decipher.setAAD(aad);
  decipher.setAuthTag(buf.subarray(TAG_AT, BODY_AT));
  const plaintext = decipher.update(buf.subarray(BODY_AT));
  try {
    decipher.final();
  } catch {
    plaintext.fill(0);
    throw InvalidKmsParameter(
      'cipher_text failed authentication (tampered, wrong additional_authenticated_data, or not made by this key)',
    );
  }
  return plaintext;
}
