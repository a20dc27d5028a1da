import { createCipheriv, createDecipheriv, createHmac, randomFillSync } from 'node:crypto';
import { InvalidKmsParameter, type DewError } from '@dew/contracts';
import { SM4_IV_BYTES, SM4_MATERIAL_BYTES, SM4_TAG_BYTES, sm4OpenBody, sm4SealBody } from './sm4-message.js';

/**
 * DEW's symmetric ciphertext (docs/ciphertext.md): base64 for encrypt-data, hex for data keys.
 *   0x01 | key id (36 ASCII) | key version (u32 BE) | nonce (32) | iv (12) | tag (16) | ciphertext
 * (0x02, SM4 keys: the same header, then iv (16) | HMAC-SM3 tag (32) | ciphertext, ./sm4-message.ts).
 * Each message has its own AES-256-GCM key, HKDF-SHA256(material, salt = nonce, info = purpose),
 * so one key version may seal far more than GCM's 2^32 random-IV messages. The GCM AAD is the
 * header followed by the caller's AAD: neither can be changed without failing authentication.
 */
export type MessagePurpose = 'data' | 'datakey';

/**
 * The construction a ciphertext was made with, named by its first byte: 0x01 AES-256-GCM (AES_256
 * keys), 0x02 SM4-CTR + HMAC-SM3 (SM4 keys, ./sm4-message.ts), 0x03 AES-256-GCM inside a key
 * store's HSM (sealKeyStoreMessage). Header and nonce are the same.
 */
export type MessageSuite = 'AES_256' | 'SM4' | 'KEYSTORE';

interface SuiteLayout {
  readonly formatVersion: number;
  readonly materialBytes: number;
  /** iv + tag: the bytes between the header and the ciphertext body. */
  readonly afterHeader: number;
}

const SUITES: Readonly<Record<MessageSuite, SuiteLayout>> = {
  AES_256: { formatVersion: 0x01, materialBytes: 32, afterHeader: 12 + 16 },
  SM4: { formatVersion: 0x02, materialBytes: SM4_MATERIAL_BYTES, afterHeader: SM4_IV_BYTES + SM4_TAG_BYTES },
  // The HSM's AES-256-GCM output: iv (12) ‖ ciphertext ‖ tag (16). KMS holds no material of its own.
  KEYSTORE: { formatVersion: 0x03, materialBytes: 0, afterHeader: 12 + 16 },
};

const SUITE_OF_VERSION: ReadonlyMap<number, MessageSuite> = new Map(
  (Object.keys(SUITES) as MessageSuite[]).map((suite) => [SUITES[suite].formatVersion, suite]),
);
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
/** Ciphertext length = plaintext length + 101 (AES_256 keys). */
export const MESSAGE_OVERHEAD_BYTES = BODY_AT;
/** Bytes a ciphertext adds to its plaintext, per construction: 101 for AES_256, 121 for SM4. */
export const messageOverhead = (suite: MessageSuite): number => MESSAGE_HEADER_BYTES + SUITES[suite].afterHeader;

const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_KEY_VERSION = 0xffffffff;

// HKDF-Expand's single block input: info followed by the counter byte 0x01 (L = 32 = HashLen).
const EXPAND_INPUT: Readonly<Record<MessagePurpose, Buffer>> = {
  data: Buffer.from('dew/cmk-message/v1/data\x01', 'latin1'),
  datakey: Buffer.from('dew/cmk-message/v1/datakey\x01', 'latin1'),
};

// Nonce and IV are public (they are written into the ciphertext), so they may come from a pool:
// one 4 KiB fill costs about as much as a single small randomFillSync call.
const pool = Buffer.allocUnsafe(4096);
let poolAt = pool.length;

function takeRandom(into: Buffer, at: number, length: number): void {
  if (poolAt + length > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  pool.copy(into, at, poolAt, poolAt + length);
  poolAt += length;
}

/** RFC 5869 HKDF-SHA256 with L = 32: one Extract and one Expand block. */
function messageKey(material: Uint8Array, nonce: Uint8Array, purpose: MessagePurpose): Buffer {
  const prk = createHmac('sha256', nonce).update(material).digest();
  return createHmac('sha256', prk).update(EXPAND_INPUT[purpose]).digest();
}

function checkMaterial(material: Uint8Array, suite: MessageSuite): void {
  const want = SUITES[suite].materialBytes;
  if (material.length !== want) throw new RangeError(`${suite} key material must be ${want} bytes, got ${material.length}`);
}

/** The header of a key-store ciphertext (format 0x03): key id, version, a random nonce that only widens the AAD. */
export function keyStoreMessageHeader(keyId: string, keyVersion: number): Buffer {
  const out = Buffer.allocUnsafe(MESSAGE_HEADER_BYTES);
  writeHeader(out, SUITES.KEYSTORE.formatVersion, keyId, keyVersion);
  takeRandom(out, NONCE_AT, NONCE_BYTES);
  return out;
}

const PURPOSE_BYTE: Readonly<Record<MessagePurpose, number>> = { data: 0x01, datakey: 0x02 };

/**
 * The AAD a key store's HSM authenticates: header ‖ purpose byte ‖ the caller's AAD. The header
 * and the purpose byte have fixed lengths, so the concatenation splits one way only.
 */
export function keyStoreMessageAad(header: Uint8Array, purpose: MessagePurpose, aad: Uint8Array): Buffer {
  return Buffer.concat([header, Buffer.of(PURPOSE_BYTE[purpose]), aad]);
}

/** Header and HSM body of a key-store ciphertext; another construction's is not this key's (KMS.0308). */
export function splitKeyStoreMessage(blob: Uint8Array): { header: Buffer; body: Buffer } {
  if (parseMessageHeader(blob).suite !== 'KEYSTORE') throw notAuthentic();
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  return { header: buf.subarray(0, MESSAGE_HEADER_BYTES), body: buf.subarray(MESSAGE_HEADER_BYTES) };
}

function writeHeader(out: Buffer, formatVersion: number, keyId: string, keyVersion: number): void {
  if (!KEY_ID.test(keyId)) throw new RangeError(`key id must be a lowercase UUID, got ${JSON.stringify(keyId.slice(0, 40))}`);
  if (!Number.isInteger(keyVersion) || keyVersion < 1 || keyVersion > MAX_KEY_VERSION) {
    throw new RangeError(`key version must be an integer 1..${MAX_KEY_VERSION}, got ${keyVersion}`);
  }
  out[0] = formatVersion;
  out.write(keyId, KEY_ID_AT, KEY_ID_BYTES, 'latin1');
  out.writeUInt32BE(keyVersion, KEY_VERSION_AT);
}

export function sealMessage(
  material: Buffer,
  keyId: string,
  keyVersion: number,
  plaintext: Uint8Array,
  aad: Uint8Array,
  purpose: MessagePurpose,
  suite: MessageSuite = 'AES_256',
): Buffer {
  if (suite === 'KEYSTORE') throw new RangeError('a key-store ciphertext is sealed by its HSM (keyStoreMessageHeader), not here');
  checkMaterial(material, suite);
  const layout = SUITES[suite];
  const out = Buffer.allocUnsafe(MESSAGE_HEADER_BYTES + layout.afterHeader + plaintext.length);
  writeHeader(out, layout.formatVersion, keyId, keyVersion);
  if (suite === 'SM4') {
    takeRandom(out, NONCE_AT, NONCE_BYTES + SM4_IV_BYTES);
    sm4SealBody(material, out, MESSAGE_HEADER_BYTES, plaintext, aad, purpose);
    return out;
  }
  takeRandom(out, NONCE_AT, NONCE_BYTES + IV_BYTES);
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
  /** The construction the format version byte names. */
  readonly suite: MessageSuite;
}

function notDew(why: string): DewError {
  return InvalidKmsParameter(`cipher_text is not a DEW ciphertext: ${why}`);
}

export function parseMessageHeader(blob: Uint8Array): MessageHeader {
  if (blob.length < BODY_AT) throw notDew(`${blob.length} bytes is shorter than the ${BODY_AT}-byte minimum`);
  const suite = SUITE_OF_VERSION.get(blob[0]!);
  if (suite === undefined) throw notDew(`format version byte is ${blob[0]}, expected ${[...SUITE_OF_VERSION.keys()].join(' or ')}`);
  const minimum = messageOverhead(suite);
  if (blob.length < minimum) throw notDew(`${blob.length} bytes is shorter than the ${minimum}-byte minimum of format ${blob[0]}`);
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  const keyId = buf.toString('latin1', KEY_ID_AT, KEY_VERSION_AT);
  if (!KEY_ID.test(keyId)) throw notDew('the key id field is not a lowercase UUID');
  const keyVersion = buf.readUInt32BE(KEY_VERSION_AT);
  if (keyVersion === 0) throw notDew('key version 0 does not exist (versions start at 1)');
  return { keyId, keyVersion, suite };
}

const notAuthentic = (): DewError =>
  InvalidKmsParameter('cipher_text failed authentication (tampered, wrong additional_authenticated_data, or not made by this key)');

/** Opens a ciphertext of a key whose construction is `suite`; one made another way is not this key's. */
export function openMessage(material: Buffer, blob: Uint8Array, aad: Uint8Array, purpose: MessagePurpose, suite: MessageSuite = 'AES_256'): Buffer {
  if (suite === 'KEYSTORE') throw new RangeError('a key-store ciphertext is opened by its HSM (splitKeyStoreMessage), not here');
  checkMaterial(material, suite);
  if (parseMessageHeader(blob).suite !== suite) throw notAuthentic();
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  if (suite === 'SM4') {
    const opened = sm4OpenBody(material, buf, MESSAGE_HEADER_BYTES, aad, purpose);
    if (!opened) throw notAuthentic();
    return opened;
  }
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
    throw notAuthentic();
  }
  return plaintext;
}
