import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { NotASecretBackup, SecretBackupAltered, isWellFormedId } from '@dew/contracts';

/** The sealed backup blob (docs/backup-format.md): header ‖ IV ‖ GCM tag ‖ ciphertext, header as AAD. */
export const BACKUP_FORMAT_VERSION = 0x01;
const KEY_ID_BYTES = 36;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FIXED_HEADER_BYTES = 1 + KEY_ID_BYTES + 2;

export interface SealedBackup {
  /** Version byte ‖ KMS key id ‖ wrapped data key length and bytes: bound to the ciphertext as AAD. */
  readonly header: Buffer;
  readonly kmsKeyId: string;
  /** The data key as KMS's create-datakey returned it (hex), opened with decrypt-datakey. */
  readonly wrappedKey: string;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly ciphertext: Buffer;
}

export function sealBackup(kmsKeyId: string, wrappedKeyHex: string, dataKey: Buffer, plaintext: Buffer): Buffer {
  const wrapped = Buffer.from(wrappedKeyHex, 'hex');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(wrapped.length);
  const header = Buffer.concat([Buffer.of(BACKUP_FORMAT_VERSION), Buffer.from(kmsKeyId, 'ascii'), length, wrapped]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
}

/** Splits a blob into its parts, refusing (CSMS.0002) anything that is not a DEW backup of this format. */
export function readBackup(blob: Buffer): SealedBackup {
  if (blob.length < FIXED_HEADER_BYTES + IV_BYTES + TAG_BYTES) throw NotASecretBackup(`${blob.length} bytes is too short`);
  if (blob[0] !== BACKUP_FORMAT_VERSION) throw NotASecretBackup(`unknown format version ${blob[0]}`);
  const kmsKeyId = blob.subarray(1, 1 + KEY_ID_BYTES).toString('latin1');
  if (!isWellFormedId('uuid', kmsKeyId)) throw NotASecretBackup('no KMS key id in its header');
  const headerBytes = FIXED_HEADER_BYTES + blob.readUInt16BE(1 + KEY_ID_BYTES);
  if (blob.length < headerBytes + IV_BYTES + TAG_BYTES) throw NotASecretBackup('its wrapped data key runs past its end');
  const header = blob.subarray(0, headerBytes);
  return {
    header,
    kmsKeyId,
    wrappedKey: header.subarray(FIXED_HEADER_BYTES).toString('hex').toUpperCase(),
    iv: blob.subarray(headerBytes, headerBytes + IV_BYTES),
    tag: blob.subarray(headerBytes + IV_BYTES, headerBytes + IV_BYTES + TAG_BYTES),
    ciphertext: blob.subarray(headerBytes + IV_BYTES + TAG_BYTES),
  };
}

export function openBackup(sealed: SealedBackup, dataKey: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, sealed.iv);
    decipher.setAAD(sealed.header);
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    throw SecretBackupAltered();
  }
}
