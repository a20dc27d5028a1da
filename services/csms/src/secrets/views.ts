import type { Secret, SecretSet, Version } from '@dew/csms-domain';
import { rotationOf, versionStages } from '@dew/csms-domain';

const seconds = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

/** The Secret object on the wire (times in int64 seconds), its rotation plan read from its set. */
export const secretView = (set: SecretSet, s: Secret) => {
  const r = rotationOf(set, s.id);
  return {
  id: s.id,
  name: s.name,
  state: s.status === 'PendingDeletion' ? 'PENDING_DELETE' : 'ENABLED',
  kms_key_id: s.kmsKeyId,
  description: s.description,
  create_time: seconds(s.createdAt),
  update_time: seconds(s.updatedAt),
  scheduled_delete_time: seconds(s.scheduledDeleteAt),
  secret_type: s.secretType,
  auto_rotation: r.autoRotation,
  rotation_period: r.period,
  rotation_config: '',
  rotation_time: seconds(r.rotatedAt),
  next_rotation_time: seconds(r.nextRotationAt),
  event_subscriptions: s.eventSubscriptions ?? [],
  enterprise_project_id: '0',
  // DEW runs no rotation functions (FunctionGraph); the field is there, empty, as the SDK model declares it.
  rotation_func_urn: '',
  };
};

export const versionMetadata = (s: Secret, v: Version) => ({
  id: v.id,
  create_time: seconds(v.createdAt),
  expire_time: seconds(v.expireTime),
  kms_key_id: v.kmsKeyId,
  secret_name: s.name,
  version_stages: versionStages(s, v.id),
});
