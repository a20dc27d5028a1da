/** The operator of a trace: CTS `UserInfo` (docs/cts-traces.md). */
export interface TraceUser {
  readonly id: string;
  readonly name: string;
  readonly user_name: string;
  readonly domain: { readonly id: string; readonly name: string };
  readonly account_id: string;
  readonly access_key_id: string;
  readonly principal_id: string;
  readonly principal_urn: string;
  /** The string `"true"` or `"false"`, as CTS types it. */
  readonly principal_is_root_user: 'true' | 'false';
  readonly type: TraceUserType;
  /** Only for console sessions: the console acted for the user. */
  readonly invoked_by?: readonly string[];
}

/** `User` a verified IAM user, `System` DEW's own schedulers, `Anonymous` a refusal before authentication. */
export type TraceUserType = 'User' | 'System' | 'Anonymous';

/**
 * A CTS trace (fields of the SDK's `Traces` model, docs/cts-traces.md): the request and the
 * response as text (allow-listed fields only), and the time the audit service recorded it.
 */
export interface Trace {
  readonly trace_id: string;
  readonly trace_name: string;
  readonly trace_rating: 'normal' | 'warning' | 'incident';
  /** ApiCall / ConsoleAction / SystemAction, as the event's headers said. */
  readonly trace_type: string;
  readonly service_type: string;
  readonly resource_type: string;
  readonly resource_id: string;
  readonly resource_name: string;
  readonly resource_url: string;
  readonly code: string;
  readonly message: string;
  readonly location_info: string;
  readonly user: TraceUser;
  readonly source_ip: string;
  readonly request: string;
  readonly response: string;
  readonly time: number;
  readonly record_time: number;
  readonly request_id: string;
  readonly api_version: string;
  readonly project_id: string;
  readonly endpoint: string;
  readonly enterprise_project_id: string;
  readonly read_only: boolean;
  readonly operation_id: string;
}

/**
 * Trace names of state changes, from their events (guide table 5-1 style). An event type missing
 * here still becomes a trace, named after the event, so no change goes unrecorded.
 */
export const TRACE_NAMES: Readonly<Record<string, { name: string; resource: string }>> = {
  KeyCreated: { name: 'createKey', resource: 'cmk' },
  KeyEnabled: { name: 'enableKey', resource: 'cmk' },
  KeyDisabled: { name: 'disableKey', resource: 'cmk' },
  KeyDeletionScheduled: { name: 'scheduleKeyDeletion', resource: 'cmk' },
  KeyDeletionCancelled: { name: 'cancelKeyDeletion', resource: 'cmk' },
  KeyDestroyed: { name: 'deleteKey', resource: 'cmk' },
  KeyAliasChanged: { name: 'updateKeyAlias', resource: 'cmk' },
  KeyDescriptionChanged: { name: 'updateKeyDescription', resource: 'cmk' },
  KeyRotationEnabled: { name: 'enableKeyRotation', resource: 'cmk' },
  KeyRotationDisabled: { name: 'disableKeyRotation', resource: 'cmk' },
  KeyRotationIntervalChanged: { name: 'updateKeyRotationInterval', resource: 'cmk' },
  KeyRotated: { name: 'rotateKey', resource: 'cmk' },
  GrantCreated: { name: 'createGrant', resource: 'cmk' },
  GrantRevoked: { name: 'revokeGrant', resource: 'cmk' },
  GrantRetired: { name: 'retireGrant', resource: 'cmk' },
  // Guide table 5-1: adding and deleting tags, one or in a batch, are dealUnifiedTags; a batch
  // deletion is batchDeleteKeyTags (see traceNameOf).
  KeyTagsChanged: { name: 'dealUnifiedTags', resource: 'cmk' },
  KeyEnterpriseProjectChanged: { name: 'updateKeyEnterpriseProject', resource: 'cmk' },
  ImportParametersIssued: { name: 'getParametersForImport', resource: 'cmk' },
  KeyMaterialImported: { name: 'importKeyMaterial', resource: 'cmk' },
  KeyMaterialDeleted: { name: 'deleteImportedKeyMaterial', resource: 'cmk' },
  SecretCreated: { name: 'createSecret', resource: 'secret' },
  SecretUpdated: { name: 'updateSecret', resource: 'secret' },
  SecretVersionAdded: { name: 'createSecretVersion', resource: 'secret' },
  VersionStageMoved: { name: 'updateSecretStage', resource: 'secret' },
  SecretStageDeleted: { name: 'deleteSecretStage', resource: 'secret' },
  SecretVersionExpiryChanged: { name: 'updateSecretVersion', resource: 'secret' },
  SecretDeletionScheduled: { name: 'scheduleSecretDeletion', resource: 'secret' },
  SecretDeletionCancelled: { name: 'cancelSecretDeletion', resource: 'secret' },
  SecretDeleted: { name: 'deleteSecret', resource: 'secret' },
  SecretRestored: { name: 'restoreSecret', resource: 'secret' },
  SecretTagsChanged: { name: 'updateSecretTags', resource: 'secret' },
  DomainCreated: { name: 'createDomain', resource: 'domain' },
  ProjectCreated: { name: 'createProject', resource: 'project' },
  UserCreated: { name: 'createUser', resource: 'user' },
  UserUpdated: { name: 'updateUser', resource: 'user' },
  UserDeleted: { name: 'deleteUser', resource: 'user' },
  UserEnabled: { name: 'enableUser', resource: 'user' },
  UserDisabled: { name: 'disableUser', resource: 'user' },
  UserPasswordChanged: { name: 'changePassword', resource: 'user' },
  GroupCreated: { name: 'createGroup', resource: 'group' },
  GroupUpdated: { name: 'updateGroup', resource: 'group' },
  GroupDeleted: { name: 'deleteGroup', resource: 'group' },
  UserAddedToGroup: { name: 'addUserToGroup', resource: 'group' },
  UserRemovedFromGroup: { name: 'removeUserFromGroup', resource: 'group' },
  PolicyCreated: { name: 'createPolicy', resource: 'policy' },
  PolicyUpdated: { name: 'updatePolicy', resource: 'policy' },
  PolicyDeleted: { name: 'deletePolicy', resource: 'policy' },
  PolicyAttached: { name: 'attachPolicy', resource: 'policy' },
  PolicyDetached: { name: 'detachPolicy', resource: 'policy' },
  AccessKeyCreated: { name: 'createAccessKey', resource: 'credential' },
  AccessKeyDeleted: { name: 'deleteAccessKey', resource: 'credential' },
  AccessKeyStatusChanged: { name: 'updateAccessKey', resource: 'credential' },
  AccessKeyDescriptionChanged: { name: 'updateAccessKey', resource: 'credential' },
};

/**
 * Where a trace is visible and chained: its project, or for account-wide operations (IAM) the
 * account as `domain:<id>`, which every project of that account sees.
 */
export const domainScope = (domainId: string): string => `domain:${domainId}`;

export interface ScopedTrace {
  readonly scope: string;
  readonly trace: Trace;
}

/** The audit service's trace index, as the replay tool names it. */
export const TRACES_MODEL = 'audit.traces';
