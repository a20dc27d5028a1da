import {
  BatchImportSecretsRequest, BatchSecretTagsRequest, GeneratePasswordRequest, ListRotationTasksRequest, CreateSecretRequest, CreateSecretTagRequest, CreateSecretVersionRequest, DeleteSecretTagRequest, KeyDependentsRequest,
  ListProjectSecretTagsRequest, ListSecretsByTagsRequest, ListSecretsRequest, RestoreSecretRequest, ScheduleSecretDeletionRequest, SecretIdRequest,
  SecretNameRequest, SecretStageRequest, SecretVersionRequest, UpdateSecretRequest, UpdateSecretStageRequest, UpdateSecretVersionRequest,
} from '../csms/requests.js';
import type {
  BackupSecretReply, BatchImportSecretsReply, GeneratePasswordReply, ListRotationTasksReply, RotateSecretReply, ListProjectSecretTagsReply, ListSecretsByTagsReply, ListSecretsReply, ListSecretVersionsReply, SecretReply, SecretStageReply,
  ShowSecretTagsReply, ShowSecretVersionReply, VersionMetadataReply,
} from '../csms/replies.js';
import { CreateSecretEventRequest, SecretEventNameRequest, UpdateSecretEventRequest } from '../csms/event-requests.js';
import type { CreateSecretEventReply, ListNotificationRecordsReply, ListSecretEventsReply, SecretEventReply } from '../csms/event-replies.js';
import type { KeyDependentsReply } from './bus-replies.js';
import { operationsOf, stateChange, type HttpMethod, type OperationOptions } from './operation.js';

const op = operationsOf('csms', 'csms', 'csms', true);
const S = 'csms:secret';
const T = 'csms:secretTag';
const E = 'csms:event';

/** A CSMS operation at `/v1/{project_id}/<path>`. */
function csms<Req extends object = object, Rep = unknown>(method: HttpMethod, path: string, name: string, action: string, o: Omit<OperationOptions<Req>, 'http' | 'permission'> & { status?: 204 } = {}) {
  const { status, ...rest } = o;
  return op<Req, Rep>(name, {
    ...rest,
    http: { method, paths: [`/v1/:project_id/${path}`], ...(status ? { successStatus: status } : {}) },
    permission: { action, resource: 'secret' },
  });
}

const changes = (name: string, ...events: string[]) => stateChange('secret', name, ...events);
/** A create or update may also set the rotation plan: that event is traced as updateSecret wherever it is appended. */
function withRotationPlan(c: ReturnType<typeof changes>): ReturnType<typeof changes> {
  return { ...c, trace: { ...c.trace, events: { ...c.trace.events, SecretRotationConfigured: 'updateSecret' } } };
}
/** Secret events are traced under their own resource type (docs/cts-traces.md). */
const eventChanges = (name: string, ...events: string[]) => stateChange('secretEvent', name, ...events);
const NO_CONTENT = { status: 204 } as const;
/** Routed and authorised, answered 503 until built. */
const NOT_YET = { notServedYet: true } as const;

/** Every CSMS operation (docs/architecture.md, "Operations"); unpublished actions are named after their neighbours (docs/api-decisions.md, "Action names"). */
export const csmsOperations = {
  createSecret: csms<CreateSecretRequest, SecretReply>('POST', 'secrets', 'create-secret', `${S}:create`, { dto: CreateSecretRequest, ...withRotationPlan(changes('createSecret', 'SecretCreated')) }),
  listSecrets: csms<ListSecretsRequest, ListSecretsReply>('GET', 'secrets', 'list-secrets', `${S}:list`, { dto: ListSecretsRequest }),
  restoreSecret: csms<RestoreSecretRequest, SecretReply>('POST', 'secrets/restore', 'restore-secret', `${S}:create`, { dto: RestoreSecretRequest, ...changes('restoreSecret', 'SecretRestored') }),
  batchImportSecrets: csms<BatchImportSecretsRequest, BatchImportSecretsReply>('POST', 'secrets/batch-import', 'batch-import-secrets', `${S}:create`, { dto: BatchImportSecretsRequest, ...withRotationPlan(changes('createSecret', 'SecretCreated')) }),
  showSecret: csms<SecretNameRequest, SecretReply>('GET', 'secrets/:secret_name', 'show-secret', `${S}:get`, { dto: SecretNameRequest }),
  updateSecret: csms<UpdateSecretRequest, SecretReply>('PUT', 'secrets/:secret_name', 'update-secret', `${S}:update`, { dto: UpdateSecretRequest, ...withRotationPlan(changes('updateSecret', 'SecretUpdated', 'SecretSubscriptionsChanged')) }),
  deleteSecret: csms<SecretNameRequest, Record<string, never>>('DELETE', 'secrets/:secret_name', 'delete-secret', `${S}:delete`, { dto: SecretNameRequest, ...NO_CONTENT, ...changes('deleteSecret', 'SecretDeleted') }),
  scheduleSecretDeletion: csms<ScheduleSecretDeletionRequest, SecretReply>('POST', 'secrets/:secret_name/scheduled-deleted-tasks/create', 'schedule-secret-deletion', `${S}:scheduleDeletion`, { dto: ScheduleSecretDeletionRequest, ...changes('scheduleSecretDeletion', 'SecretDeletionScheduled') }),
  cancelSecretDeletion: csms<SecretNameRequest, SecretReply>('POST', 'secrets/:secret_name/scheduled-deleted-tasks/cancel', 'cancel-secret-deletion', `${S}:restoreSecret`, { dto: SecretNameRequest, ...changes('cancelSecretDeletion', 'SecretDeletionCancelled') }),
  createSecretVersion: csms<CreateSecretVersionRequest, VersionMetadataReply>('POST', 'secrets/:secret_name/versions', 'create-secret-version', `${S}:createVersion`, { dto: CreateSecretVersionRequest, ...changes('createSecretVersion', 'SecretVersionAdded') }),
  listSecretVersions: csms<SecretNameRequest, ListSecretVersionsReply>('GET', 'secrets/:secret_name/versions', 'list-secret-versions', `${S}:listVersion`, { dto: SecretNameRequest }),
  showSecretVersion: csms<SecretVersionRequest, ShowSecretVersionReply>('GET', 'secrets/:secret_name/versions/:version_id', 'show-secret-version', `${S}:getVersion`, { dto: SecretVersionRequest, trace: { name: 'getSecretVersion', resourceType: 'secret' }, flags: { auditedRead: true } }),
  updateSecretVersion: csms<UpdateSecretVersionRequest, VersionMetadataReply>('PUT', 'secrets/:secret_name/versions/:version_id', 'update-secret-version', `${S}:updateVersion`, { dto: UpdateSecretVersionRequest, ...changes('updateSecretVersion', 'SecretVersionExpiryChanged') }),
  showSecretStage: csms<SecretStageRequest, SecretStageReply>('GET', 'secrets/:secret_name/stages/:stage_name', 'show-secret-stage', `${S}:getStage`, { dto: SecretStageRequest }),
  updateSecretStage: csms<UpdateSecretStageRequest, SecretStageReply>('PUT', 'secrets/:secret_name/stages/:stage_name', 'update-secret-stage', `${S}:updateStage`, { dto: UpdateSecretStageRequest, ...changes('updateSecretStage', 'VersionStageMoved') }),
  deleteSecretStage: csms<SecretStageRequest, Record<string, never>>('DELETE', 'secrets/:secret_name/stages/:stage_name', 'delete-secret-stage', `${S}:deleteStage`, { dto: SecretStageRequest, ...NO_CONTENT, ...changes('deleteSecretStage', 'SecretStageDeleted') }),
  rotateSecret: csms<SecretNameRequest, RotateSecretReply>('POST', 'secrets/:secret_name/rotate', 'rotate-secret', `${S}:rotate`, { dto: SecretNameRequest, ...changes('rotateSecret', 'SecretRotated', 'SecretRotationFailed') }),
  backupSecret: csms<SecretNameRequest, BackupSecretReply>('POST', 'secrets/:secret_name/backup', 'backup-secret', `${S}:get`, { dto: SecretNameRequest, trace: { name: 'backupSecret', resourceType: 'secret' }, flags: { auditedRead: true } }),
  showSecretTags: csms<SecretIdRequest, ShowSecretTagsReply>('GET', 'csms/:secret_id/tags', 'show-secret-tags', `${T}:list`, { dto: SecretIdRequest }),
  createSecretTag: csms<CreateSecretTagRequest, Record<string, never>>('POST', 'csms/:secret_id/tags', 'create-secret-tag', `${T}:create`, { dto: CreateSecretTagRequest, ...NO_CONTENT, ...changes('updateSecretTags', 'SecretTagsChanged') }),
  deleteSecretTag: csms<DeleteSecretTagRequest, Record<string, never>>('DELETE', 'csms/:secret_id/tags/:tag_key', 'delete-secret-tag', `${T}:delete`, { dto: DeleteSecretTagRequest, ...NO_CONTENT, ...changes('updateSecretTags', 'SecretTagsChanged') }),
  batchSecretTags: csms<BatchSecretTagsRequest, Record<string, never>>('POST', 'csms/:secret_id/tags/action', 'batch-secret-tags', `${T}:batch`, { dto: BatchSecretTagsRequest, ...NO_CONTENT, ...changes('updateSecretTags', 'SecretTagsChanged') }),
  listProjectSecretTags: csms<ListProjectSecretTagsRequest, ListProjectSecretTagsReply>('GET', 'csms/tags', 'list-project-secret-tags', `${T}:list`, { dto: ListProjectSecretTagsRequest }),
  listSecretsByTags: csms<ListSecretsByTagsRequest, ListSecretsByTagsReply>('POST', 'csms/resource_instances/action', 'list-secrets-by-tags', `${T}:listInstance`, { dto: ListSecretsByTagsRequest }),
  createSecretEvent: csms<CreateSecretEventRequest, CreateSecretEventReply>('POST', 'csms/events', 'create-secret-event', `${E}:create`, { dto: CreateSecretEventRequest, ...eventChanges('createSecretEvent', 'SecretEventCreated') }),
  listSecretEvents: csms<ListSecretsRequest, ListSecretEventsReply>('GET', 'csms/events', 'list-secret-events', `${E}:list`, { dto: ListSecretsRequest }),
  showSecretEvent: csms<SecretEventNameRequest, SecretEventReply>('GET', 'csms/events/:event_name', 'show-secret-event', `${E}:get`, { dto: SecretEventNameRequest }),
  updateSecretEvent: csms<UpdateSecretEventRequest, SecretEventReply>('PUT', 'csms/events/:event_name', 'update-secret-event', `${E}:update`, { dto: UpdateSecretEventRequest, ...eventChanges('updateSecretEvent', 'SecretEventUpdated') }),
  deleteSecretEvent: csms<SecretEventNameRequest, Record<string, never>>('DELETE', 'csms/events/:event_name', 'delete-secret-event', `${E}:delete`, { dto: SecretEventNameRequest, ...NO_CONTENT, ...eventChanges('deleteSecretEvent', 'SecretEventDeleted') }),
  listNotificationRecords: csms<ListSecretsRequest, ListNotificationRecordsReply>('GET', 'csms/notification-records', 'list-notification-records', `${E}:list`, { dto: ListSecretsRequest }),
  listRotationTasks: csms<ListRotationTasksRequest, ListRotationTasksReply>('GET', 'csms/tasks', 'list-rotation-tasks', 'csms:task:list', { dto: ListRotationTasksRequest }),
  /** The answer is a credential: no trace records it (docs/api-decisions.md, "Generated passwords"). */
  generatePassword: csms<GeneratePasswordRequest, GeneratePasswordReply>('POST', 'csms/generate-password', 'generate-password', 'csms:secret:generatePassword', { dto: GeneratePasswordRequest }),
  /** Work of csms's notifier (no request): a version reaching its expire_time, a notification owed and each delivery attempt (docs/architecture.md, "Secret event notifications"). */
  expireSecretVersion: op('expire-secret-version', { scheduled: true, ...changes('expireSecretVersion', 'SecretVersionExpired') }),
  notifySecretEvent: op('notify-secret-event', { scheduled: true, ...eventChanges('notifySecretEvent', 'NotificationDue', 'NotificationAttempted') }),
  /** What depends on a KMS key, for kms's deletion risk tips. */
  keyDependents: op<KeyDependentsRequest, KeyDependentsReply>('key-dependents', { dto: KeyDependentsRequest, callers: ['kms'] }),
} as const;
