import { activeSecrets, type Secret, type SecretSet } from '@dew/csms-domain';

/** The secrets that still need a KMS key, oldest first: as the key of new versions, or as the key of any version kept. */
export function secretsDependingOn(set: SecretSet, kmsKeyId: string): Secret[] {
  return activeSecrets(set).filter((s) => s.kmsKeyId === kmsKeyId || s.versions.some((v) => v.kmsKeyId === kmsKeyId));
}
