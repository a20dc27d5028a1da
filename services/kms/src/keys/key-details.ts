import type { KeyDetails } from '@dew/contracts';
import { keyStateCode, type LiveCmk } from '@dew/kms-domain';

/** Domain key → KeyDetails on the wire (every field a string). */
export function toKeyDetails(k: LiveCmk, region: string): KeyDetails {
  return {
    key_id: k.keyId,
    domain_id: k.domainId,
    key_alias: k.alias,
    realm: region,
    key_spec: k.keySpec,
    key_usage: k.keyUsage,
    key_description: k.description,
    creation_date: String(k.createdAt),
    scheduled_deletion_date: k.status === 'PendingDeletion' ? String(k.deleteAt) : '',
    key_state: keyStateCode(k.status),
    default_key_flag: k.isDefault ? '1' : '0',
    key_type: '1',
    expiration_time: '',
    origin: k.origin,
    key_rotation_enabled: k.rotation.enabled ? 'true' : 'false',
    sys_enterprise_project_id: k.enterpriseProjectId,
    // "0": KMS's own default key store; otherwise the dedicated key store holding the key (docs/api-decisions.md, "Key stores").
    keystore_id: k.keystoreId ?? '0',
  };
}

/** The answer of enable-key and disable-key. */
export const keyInfoState = (k: LiveCmk) => ({ key_info: { key_id: k.keyId, key_state: keyStateCode(k.status) } });

/** The answer of schedule-key-deletion and cancel-key-deletion. */
export const keyIdState = (k: LiveCmk) => ({ key_id: k.keyId, key_state: keyStateCode(k.status) });
