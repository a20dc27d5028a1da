import type { Secret, SecretSet } from '@dew/csms-domain';

/** The secrets that still need a KMS key: as the key of new versions, or as the key of any version kept. */
export function secretsDependingOn(set: SecretSet, kmsKeyId: string): Secret[] {
  return [...set.secrets.values()].filter((s) => s.status !== 'Deleted' && (s.kmsKeyId === kmsKeyId || s.versions.some((v) => v.kmsKeyId === kmsKeyId)));
}
