/**
 * Built-in (system) roles and policies (the system policies of Huawei's DEW user guide; docs/features.md, "IAM"), project-level (`XA`), the
 * same in every domain, never changed or deleted. KMS Administrator is a system *role* (Version
 * "1.0" in the cloud); here it carries the equivalent 1.1 document. The read-only policies name
 * read verbs only, so a new write action never slips in (table 6-2 is tested row by row).
 */
import type { PolicyDocument } from './policy-document.js';

export type SystemPolicyCatalog = 'KMS' | 'KPS' | 'CSMS' | 'CTS' | 'DHSM';

export interface SystemPolicy {
  /** Fixed, 32 lower-case hex. */
  readonly id: string;
  /** Internal name (carried in tokens, filter `name` of `GET /v3/roles`). */
  readonly name: string;
  readonly displayName: string;
  readonly type: 'XA';
  readonly catalog: SystemPolicyCatalog;
  readonly kind: 'role' | 'policy';
  readonly description: string;
  /** The description in Chinese (`description_cn`), as the cloud's system policies carry one. */
  readonly descriptionCn: string;
  readonly document: PolicyDocument;
}

/**
 * When the built-in policies took their present form (`created_time` / `updated_time`, epoch
 * milliseconds as strings): they are part of the product, not of any domain's history.
 */
export const SYSTEM_POLICIES_DEFINED_AT = '1767225600000';

export const SYSTEM_POLICY_IDS = {
  kmsAdministrator: 'de0000000000000000000000000000a1',
  kmsCmkFullAccess: 'de0000000000000000000000000000a2',
  keypairFullAccess: 'de0000000000000000000000000000b1',
  keypairReadOnlyAccess: 'de0000000000000000000000000000b2',
  csmsFullAccess: 'de0000000000000000000000000000c1',
  csmsReadOnlyAccess: 'de0000000000000000000000000000c2',
  ctsReadOnlyAccess: 'de0000000000000000000000000000d2',
  dhsmFullAccess: 'de0000000000000000000000000000e1',
  dhsmReadOnlyAccess: 'de0000000000000000000000000000e2',
} as const;

function allow(...actions: readonly string[]): PolicyDocument {
  return { Version: '1.1', Statement: [{ Effect: 'Allow', Action: actions }] };
}

export const SYSTEM_POLICIES: readonly SystemPolicy[] = [
  {
    id: SYSTEM_POLICY_IDS.kmsAdministrator,
    name: 'kms_adm',
    displayName: 'KMS Administrator',
    type: 'XA',
    catalog: 'KMS',
    kind: 'role',
    description: 'Administrator permissions for KMS',
    descriptionCn: '数据加密服务（KMS）管理员权限',
    document: allow('kms:*:*'),
  },
  {
    id: SYSTEM_POLICY_IDS.kmsCmkFullAccess,
    name: 'kms_cmk_full_access',
    displayName: 'KMS CMKFullAccess',
    type: 'XA',
    catalog: 'KMS',
    kind: 'policy',
    description: 'Full permissions for KMS. Users with these permissions can perform all the operations allowed by policies.',
    descriptionCn: '数据加密服务（KMS）的所有执行权限',
    document: allow('kms:*:*'),
  },
  {
    id: SYSTEM_POLICY_IDS.keypairFullAccess,
    name: 'dew_keypair_full_access',
    displayName: 'DEW KeypairFullAccess',
    type: 'XA',
    catalog: 'KPS',
    kind: 'policy',
    description: 'Full permissions for KPS. Users with these permissions can perform all the operations allowed by policies.',
    descriptionCn: '密钥对管理服务（KPS）的所有执行权限',
    // KPS only, as table 6-2 says: hosting a private key also needs KMS rights on its key (docs/kps.md).
    document: allow('kps:*:*'),
  },
  {
    id: SYSTEM_POLICY_IDS.keypairReadOnlyAccess,
    name: 'dew_keypair_readonly_access',
    displayName: 'DEW KeypairReadOnlyAccess',
    type: 'XA',
    catalog: 'KPS',
    kind: 'policy',
    description: 'Read-only permissions for KPS. Users with this permission can only view KPS data.',
    descriptionCn: '密钥对管理服务（KPS）的只读权限',
    document: allow('kps:*:get', 'kps:*:list'),
  },
  {
    // Dedicated HSM is DEW's own API (docs/api-decisions.md, "Dedicated HSM"): names after the KPS pair.
    id: SYSTEM_POLICY_IDS.dhsmFullAccess,
    name: 'dhsm_full_access',
    displayName: 'DHSM FullAccess',
    type: 'XA',
    catalog: 'DHSM',
    kind: 'policy',
    description: 'Full permissions for Dedicated HSM. Users with these permissions can purchase, activate, renew, delete and view instances and download their UKey.',
    descriptionCn: '专属加密服务（DHSM）的所有执行权限',
    document: allow('dhsm:*:*'),
  },
  {
    id: SYSTEM_POLICY_IDS.dhsmReadOnlyAccess,
    name: 'dhsm_readonly_access',
    displayName: 'DHSM ReadOnlyAccess',
    type: 'XA',
    catalog: 'DHSM',
    kind: 'policy',
    description: 'Read-only permissions for Dedicated HSM. Users with this permission can only view instances and their monitoring.',
    descriptionCn: '专属加密服务（DHSM）的只读权限',
    document: allow('dhsm:*:get', 'dhsm:*:list'),
  },
  {
    id: SYSTEM_POLICY_IDS.csmsFullAccess,
    name: 'csms_full_access',
    displayName: 'CSMS FullAccess',
    type: 'XA',
    catalog: 'CSMS',
    kind: 'policy',
    description: 'Full permissions for CSMS. Users with these permissions can perform all the operations allowed by policies.',
    descriptionCn: '凭据管理服务（CSMS）的所有执行权限',
    // As Huawei's: with the KMS actions secrets depend on (docs/authorization.md "CSMS and KMS").
    document: allow('csms:*:*', 'kms:dek:create', 'kms:dek:crypto', 'kms:cmk:list'),
  },
  {
    // Reads include secret values (getVersion is a Read action, §9.3) and backups (csms:secret:get);
    // both need decrypt-datakey on the secret's key (docs/authorization.md "CSMS and KMS").
    id: SYSTEM_POLICY_IDS.csmsReadOnlyAccess,
    name: 'csms_readonly_access',
    displayName: 'CSMS ReadOnlyAccess',
    type: 'XA',
    catalog: 'CSMS',
    kind: 'policy',
    description: 'Read-only permissions for CSMS. Users with this permission can only view CSMS data.',
    descriptionCn: '凭据管理服务（CSMS）的只读权限',
    document: allow('csms:*:get', 'csms:*:list', 'csms:*:getVersion', 'csms:*:listVersion', 'csms:*:getStage', 'csms:*:listStage', 'kms:cmk:decryptDataKey'),
  },
  {
    id: SYSTEM_POLICY_IDS.ctsReadOnlyAccess,
    name: 'cts_readonly_access',
    displayName: 'CTS ReadOnlyAccess',
    type: 'XA',
    catalog: 'CTS',
    kind: 'policy',
    description: 'Read-only permissions for CTS. Users with this permission can only view traces.',
    descriptionCn: '云审计服务（CTS）的只读权限',
    document: allow('cts:*:get', 'cts:*:list'),
  },
];

export function findSystemPolicy(id: string): SystemPolicy | null {
  return SYSTEM_POLICIES.find((p) => p.id === id) ?? null;
}
