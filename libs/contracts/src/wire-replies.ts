/**
 * The HTTP API's reply shapes for a client outside the services (the web console, apps/console):
 * types only, so a browser bundle imports them without any of the request DTOs' runtime
 * (class-validator). Exported as `@dew/contracts/wire-replies`.
 */
export type { KeyDetails, ListKeysReply, DescribeKeyReply, CreateKeyReply, EncryptDataReply, DecryptDataReply } from './kms/replies.js';
export type {
  GetParametersForImportReply, CreateGrantReply, GrantDetails, ListGrantsReply, KeyMaterialDetails, KeyRotationStatusReply, KmsTag, ShowKmsTagsReply,
} from './kms/replies.js';
export type { SecretReplyBody, SecretReply, ListSecretsReply, VersionMetadataReplyBody, VersionMetadataReply, ListSecretVersionsReply } from './csms/replies.js';
export type { AuthProjectsReply, ProjectView } from './iam/replies.js';
export type { ShowSecretVersionReply, SecretStageReply, BackupSecretReply } from './csms/replies.js';
export type {
  CreateKeypairReply,
  KeypairListItem,
  ListKeypairsReply,
  KeypairDetailReply,
  ShowKeypairReply,
  ExportPrivateKeyReply,
  TaskAcceptedReply,
  ShowTaskReply,
  RunningTaskReply,
  FailedTaskReply,
  ListRunningTasksReply,
  ListFailedTasksReply,
  BatchAssociateKeypairReply,
} from './kps/replies.js';
export type { ServerReplyBody, ServerReply, ListServersReply } from './kps/server-replies.js';
export type { WindowsPasswordReply } from './kps/server-replies.js';
export type { HsmListItem, HsmDetail, ListHsmReply, HsmInstanceReply, HsmMonitoringPoint, HsmMonitoringReply } from './dhsm/replies.js';
export type { HsmUkeyReply, HsmCaCertificateReply } from './dhsm/replies.js';
export type { TraceReplyBody, TraceUserReplyBody, ListTracesReply } from './cts/replies.js';
export type { KeystoneUserView, UserReply, UsersReply, GroupView, GroupReply, GroupsReply } from './iam/replies.js';
export type { AccessKeyView, AccessKeyReply, AccessKeysReply, CreatedAccessKeyReply, ProjectsReply } from './iam/replies.js';
export type { CustomRoleView, CustomRoleReply, CustomRolesReply, RoleView, RolesReply, PolicyDocumentView, PolicyStatementView } from './iam/replies-policies.js';
export type { RotateOnDemandReply, ListKmsByTagsReply, ListKmsTagsReply } from './kms/replies.js';
export type { KeyPolicyView } from './kms/replies.js';
export type { ShowSecretTagsReply, SecretTagReplyBody, ListProjectSecretTagsReply, ListSecretsByTagsReply, SecretResourceReplyBody, RotateSecretReply } from './csms/replies.js';
export type { SecretEventReplyBody, SecretEventReply, CreateSecretEventReply, ListSecretEventsReply } from './csms/event-replies.js';
