import { NotASecretBackup, isWellFormedId } from '@dew/contracts';
import { STAGES_MAX, VERSIONS_MAX, versionNumber, type Version } from '@dew/csms-domain';
import type { PortableValue } from '../envelope/envelope.js';

export const BACKUP_FORMAT = 'dew-secret-backup/1';

export interface BackupBlob {
  readonly format: typeof BACKUP_FORMAT;
  /** Restore keeps the id where it may (see SecretBackups), so id-keyed calls go on working. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly kmsKeyId: string;
  readonly secretType: string;
  readonly versions: readonly (Omit<Version, 'value'> & { readonly value: PortableValue })[];
  readonly stages: Readonly<Record<string, string>>;
  readonly tags: readonly { key: string; value: string }[];
}

/** Restored versions leave room below the largest readable version id (`v` and nine digits). */
export const RESTORED_VERSION_MAX = 999_999_000;

const PORTABLE_FIELDS = ['kmsKeyId', 'dataKey', 'iv', 'tag', 'ciphertext'] as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function invalid(why: string): never {
  throw NotASecretBackup(why);
}

function checkVersion(v: unknown, i: number): void {
  if (!isObject(v)) invalid(`versions[${i}] is not an object`);
  const n = typeof v.id === 'string' ? versionNumber(v.id) : undefined;
  if (n === undefined || n > RESTORED_VERSION_MAX) invalid(`versions[${i}].id must be v1..v${RESTORED_VERSION_MAX}`);
  if (!isTime(v.createdAt)) invalid(`versions[${i}].createdAt must be a time in ms`);
  if (v.expireTime !== null && !isTime(v.expireTime)) invalid(`versions[${i}].expireTime must be a time in ms or null`);
  const value = v.value;
  if (!isObject(value) || PORTABLE_FIELDS.some((f) => typeof value[f] !== 'string')) invalid(`versions[${i}].value is not a sealed value`);
  if (!isWellFormedId('uuid', value.kmsKeyId as string) || v.kmsKeyId !== value.kmsKeyId) invalid(`versions[${i}].kmsKeyId must be the UUID of the key that sealed its value`);
}

/**
 * The whole shape of an opened blob, before any of it is used: a sealed blob proves only that
 * its maker could use some KMS key, not that DEW made it (docs/backup-format.md).
 */
export function checkBackupShape(blob: unknown): BackupBlob {
  if (!isObject(blob) || blob.format !== BACKUP_FORMAT) invalid(`format must be ${BACKUP_FORMAT}`);
  for (const field of ['name', 'description', 'secretType'] as const) if (typeof blob[field] !== 'string') invalid(`${field} must be a string`);
  for (const field of ['id', 'kmsKeyId'] as const) if (typeof blob[field] !== 'string' || !isWellFormedId('uuid', blob[field])) invalid(`${field} must be a UUID`);
  const { versions, stages, tags } = blob;
  if (!Array.isArray(versions) || versions.length < 1 || versions.length > VERSIONS_MAX) invalid(`it must hold 1..${VERSIONS_MAX} versions`);
  versions.forEach(checkVersion);
  if (!isObject(stages) || Object.keys(stages).length > STAGES_MAX || Object.values(stages).some((id) => typeof id !== 'string')) {
    invalid(`stages must map at most ${STAGES_MAX} stage names to version ids`);
  }
  if (!Array.isArray(tags) || tags.some((t) => !isObject(t) || typeof t.key !== 'string' || typeof t.value !== 'string')) invalid('tags must be {key, value} strings');
  // Rebuilt from the known fields only: nothing else a blob carries reaches an event.
  const known = blob as unknown as BackupBlob;
  return {
    format: BACKUP_FORMAT, id: known.id, name: known.name, description: known.description, kmsKeyId: known.kmsKeyId, secretType: known.secretType,
    versions: known.versions.map((v) => ({ id: v.id, createdAt: v.createdAt, expireTime: v.expireTime, kmsKeyId: v.kmsKeyId, value: pick(v.value) })),
    stages: { ...known.stages },
    tags: known.tags.map((t) => ({ key: t.key, value: t.value })),
  };
}

function pick(value: PortableValue): PortableValue {
  return { kmsKeyId: value.kmsKeyId, dataKey: value.dataKey, iv: value.iv, tag: value.tag, ciphertext: value.ciphertext };
}
