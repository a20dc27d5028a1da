import { TAG_LIST, TAG_VALUES_LIST, type CompactSpec, type ModelFields } from './model-walk.js';

/** The SDK's `Secret` model, which every secret operation answers. */
const SECRET: CompactSpec = { type: 'object', fields: {
  id: 'string',
  name: 'string',
  state: 'string',
  kms_key_id: 'string',
  description: 'string',
  create_time: 'integer',
  update_time: 'integer',
  scheduled_delete_time: 'integer',
  secret_type: 'string',
  auto_rotation: 'boolean',
  rotation_period: 'string',
  rotation_config: 'string',
  rotation_time: 'integer',
  next_rotation_time: 'integer',
  event_subscriptions: { type: 'array', items: 'string' },
  enterprise_project_id: 'string',
  rotation_func_urn: 'string',
} };

/** The SDK's `VersionMetadata` model. */
const VERSION_METADATA: CompactSpec = { type: 'object', fields: {
  id: 'string',
  create_time: 'integer',
  expire_time: 'integer',
  kms_key_id: 'string',
  secret_name: 'string',
  version_stages: { type: 'array', items: 'string' },
} };

/** The SDK's `PageInfo` model. */
const PAGE_INFO: CompactSpec = { type: 'object', fields: {
  next_marker: 'string',
  previous_marker: 'string',
  current_count: 'integer',
} };

/**
 * CSMS response models of huaweicloud-sdk-nodejs-v3 `services/csms/v1/model` (release 3.1.209),
 * one per operation DEW serves, with the JSON type of every declared field (TypeScript `number` is
 * an integer on this wire). delete-secret, delete-secret-stage and the tag writes answer 204
 * without a body.
 */
export const CSMS_MODELS: Readonly<Record<string, ModelFields>> = {
  /** CreateSecretResponse */
  'create-secret': {
    secret: SECRET,
  },
  /** ListSecretsResponse */
  'list-secrets': {
    secrets: { type: 'array', items: SECRET },
    page_info: PAGE_INFO,
  },
  /** ShowSecretResponse */
  'show-secret': {
    secret: SECRET,
  },
  /** UpdateSecretResponse */
  'update-secret': {
    secret: SECRET,
  },
  /** DeleteSecretForScheduleResponse */
  'schedule-secret-deletion': {
    secret: SECRET,
  },
  /** RestoreSecretResponse */
  'cancel-secret-deletion': {
    secret: SECRET,
  },
  /** CreateSecretVersionResponse */
  'create-secret-version': {
    version_metadata: VERSION_METADATA,
  },
  /** ListSecretVersionsResponse */
  'list-secret-versions': {
    version_metadatas: { type: 'array', items: VERSION_METADATA },
    page_info: PAGE_INFO,
  },
  /** ShowSecretVersionResponse */
  'show-secret-version': {
    version: { type: 'object', fields: {
      version_metadata: { type: 'object', fields: {
        id: 'string',
        create_time: 'integer',
        expire_time: 'integer',
        kms_key_id: 'string',
        secret_name: 'string',
        version_stages: { type: 'array', items: 'string' },
      } },
      secret_binary: 'string',
      secret_string: 'string',
    } },
  },
  /** UpdateVersionResponse */
  'update-secret-version': {
    version_metadata: VERSION_METADATA,
  },
  /** ShowSecretStageResponse */
  'show-secret-stage': {
    stage: { type: 'object', fields: {
      name: 'string',
      update_time: 'integer',
      secret_name: 'string',
      version_id: 'string',
    } },
  },
  /** UpdateSecretStageResponse */
  'update-secret-stage': {
    stage: { type: 'object', fields: {
      name: 'string',
      update_time: 'integer',
      secret_name: 'string',
      version_id: 'string',
    } },
  },
  /** DownloadSecretBlobResponse */
  'backup-secret': {
    secret_blob: 'string',
  },
  /** UploadSecretBlobResponse */
  'restore-secret': {
    secret: SECRET,
  },
  /** ListSecretTagsResponse */
  'show-secret-tags': {
    tags: TAG_LIST,
    sys_tags: TAG_LIST,
  },
  /** ListProjectSecretsTagsResponse */
  'list-project-secret-tags': {
    tags: TAG_VALUES_LIST,
  },
  /** ListResourceInstancesResponse */
  'list-secrets-by-tags': {
    resources: { type: 'array', items: { type: 'object', fields: {
      resource_id: 'string',
      resource_detail: SECRET,
      resource_name: 'string',
      tags: TAG_LIST,
      sys_tags: TAG_LIST,
    } } },
    total_count: 'integer',
  },
};

/**
 * Rotation, password and import response models (same SDK release): RotateSecretResponse,
 * ListSecretTaskResponse with SecretTask, GenerateRandomPasswordResponse, BatchImportSecretsResponse
 * with ErrorInfo. Walked by csms-rotation.e2e.spec.ts.
 */
export const CSMS_ROTATION_MODELS: Readonly<Record<string, ModelFields>> = {
  'rotate-secret': {
    version_id: 'string',
    secret_name: 'string',
    rotation_task_id: 'string',
  },
  'list-rotation-tasks': {
    total: 'integer',
    tasks: { type: 'array', items: { type: 'object', fields: {
      task_id: 'string',
      secret_name: 'string',
      rotation_func_urn: 'string',
      task_status: 'string',
      attempt_nums: 'integer',
      operate_type: 'string',
      task_time: 'integer',
      task_error_code: 'string',
      task_error_msg: 'string',
    } } },
    next_marker: 'string',
  },
  'generate-password': {
    password: 'string',
  },
  'batch-import-secrets': {
    error_list: { type: 'array', items: { type: 'object', fields: { name: 'string', error_msg: 'string' } } },
    total: 'integer',
    success: 'integer',
    failed: 'integer',
  },
};
