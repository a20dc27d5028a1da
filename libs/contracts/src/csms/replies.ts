/** The SDK's `Secret` model as CSMS answers it (times in int64 seconds). */
export interface SecretReplyBody {
  readonly id: string;
  readonly name: string;
  /** `ENABLED` or `PENDING_DELETE`. */
  readonly state: string;
  readonly kms_key_id: string;
  readonly description: string;
  readonly create_time: number | null;
  readonly update_time: number | null;
  /** Null unless the secret is pending deletion. */
  readonly scheduled_delete_time: number | null;
  readonly secret_type: string;
  readonly auto_rotation: boolean;
  readonly rotation_period: string;
  readonly rotation_config: string;
  readonly rotation_time: number | null;
  readonly next_rotation_time: number | null;
  readonly event_subscriptions: readonly string[];
  readonly enterprise_project_id: string;
  readonly rotation_func_urn: string;
}

/** The SDK's `VersionMetadata` model. */
export interface VersionMetadataReplyBody {
  readonly id: string;
  readonly create_time: number | null;
  /** Null when the version never expires. */
  readonly expire_time: number | null;
  readonly kms_key_id: string;
  readonly secret_name: string;
  readonly version_stages: readonly string[];
}

/** The SDK's `PageInfo` model; a null marker means no such page. */
export interface SecretPageInfo {
  readonly next_marker: string | null;
  readonly previous_marker: string | null;
  readonly current_count: number;
}

/** The SDK's `Stage` model. */
export interface StageReplyBody {
  readonly name: string;
  readonly update_time: number;
  readonly secret_name: string;
  readonly version_id: string;
}

export interface SecretTagReplyBody {
  readonly key: string;
  readonly value: string;
}

/** One tag key of the project with its distinct values. */
export interface ProjectSecretTagReplyBody {
  readonly key: string;
  readonly values: readonly string[];
}

/** One secret found by its tags (`resource_instances/action`, action `filter`). */
export interface SecretResourceReplyBody {
  readonly resource_id: string;
  readonly resource_detail: SecretReplyBody;
  readonly resource_name: string;
  readonly tags: readonly SecretTagReplyBody[];
  readonly sys_tags: readonly SecretTagReplyBody[];
}

/** create-secret, show-secret, update-secret, restore-secret and the deletion schedule calls. */
export interface SecretReply {
  readonly secret: SecretReplyBody;
}

export interface ListSecretsReply {
  readonly secrets: readonly SecretReplyBody[];
  readonly page_info: SecretPageInfo;
}

/** create-secret-version, update-secret-version. */
export interface VersionMetadataReply {
  readonly version_metadata: VersionMetadataReplyBody;
}

export interface ListSecretVersionsReply {
  readonly version_metadatas: readonly VersionMetadataReplyBody[];
  readonly page_info: SecretPageInfo;
}

/** The value is text or base64 binary, whichever the version was stored as. */
export type SecretVersionValue = { readonly secret_string: string } | { readonly secret_binary: string };

export interface ShowSecretVersionReply {
  readonly version: { readonly version_metadata: VersionMetadataReplyBody } & SecretVersionValue;
}

/** show-secret-stage, update-secret-stage. */
export interface SecretStageReply {
  readonly stage: StageReplyBody;
}

export interface BackupSecretReply {
  readonly secret_blob: string;
}

export interface ShowSecretTagsReply {
  readonly tags: readonly SecretTagReplyBody[];
  readonly sys_tags: readonly SecretTagReplyBody[];
}

export interface ListProjectSecretTagsReply {
  readonly tags: readonly ProjectSecretTagReplyBody[];
}

/** `count` answers only the number; `filter` answers the page too. */
export type ListSecretsByTagsReply =
  | { readonly total_count: number }
  | { readonly resources: readonly SecretResourceReplyBody[]; readonly total_count: number };

/** The SDK's `RotateSecretResponse`. */
export interface RotateSecretReply {
  readonly version_id: string;
  readonly secret_name: string;
  readonly rotation_task_id: string;
}

/** The SDK's `SecretTask` (times in int64 seconds). */
export interface SecretTaskReplyBody {
  readonly task_id: string;
  readonly secret_name: string;
  readonly rotation_func_urn: string;
  /** `SUCCESS` or `FAILED`. */
  readonly task_status: string;
  readonly attempt_nums: number;
  /** `MANUAL` or `SCHEDULED`. */
  readonly operate_type: string;
  readonly task_time: number;
  readonly task_error_code: string;
  readonly task_error_msg: string;
}

/** The SDK's `ListSecretTaskResponse`; `next_marker` null on the last page. */
export interface ListRotationTasksReply {
  readonly total: number;
  readonly tasks: readonly SecretTaskReplyBody[];
  readonly next_marker: string | null;
}

/** The SDK's `GenerateRandomPasswordResponse`. */
export interface GeneratePasswordReply {
  readonly password: string;
}

/** The SDK's `BatchImportSecretsResponse`: each refused secret with why. */
export interface BatchImportSecretsReply {
  readonly error_list: readonly { readonly name: string; readonly error_msg: string }[];
  readonly total: number;
  readonly success: number;
  readonly failed: number;
}
