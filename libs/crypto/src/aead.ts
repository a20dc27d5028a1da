import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM sealing used for every wrap in DEW (root key → keyring entry, keyring entry → material).
 * Layout: 0x01 | iv(12) | tag(16) | ciphertext. The AAD binds the sealed bytes to their owner and
 * purpose, so a blob moved to another owner or version fails to open.
 */
const VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class UnsealError extends Error {
  constructor(reason: string) {
    super(`cannot open sealed data: ${reason}`);
    this.name = 'UnsealError';
  }
}

export function seal(key: Uint8Array, plaintext: Uint8Array, aad: string): Buffer {
  if (key.length !== 32) throw new RangeError(`AES-256 key must be 32 bytes, got ${key.length}`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]);
}

export function open(key: Uint8Array, sealed: Uint8Array, aad: string): Buffer {
  if (key.length !== 32) throw new RangeError(`AES-256 key must be 32 bytes, got ${key.length}`);
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES) throw new UnsealError(`too short (${sealed.length} bytes)`);
  if (sealed[0] !== VERSION) throw new UnsealError(`unknown layout version ${sealed[0]}`);
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.length);
  const iv = buf.subarray(1, 1 + IV_BYTES);
  const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new UnsealError('authentication failed (wrong key, wrong owner binding or tampered bytes)');
  }
}
