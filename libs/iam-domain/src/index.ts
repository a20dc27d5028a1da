export * from './state/account.state.js';
export * from './state/queries.js';
export * from './state/access.queries.js';
export * from './state/administrators.js';
export * from './state/attachments.js';
export * from './state/lookups.js';
export * from './state/members.js';
export * from './account.evolve.js';
export * from './account.decider.js';
export type * from './domains/events.js';
export type { CreateDomain, CreateProject } from './domains/decide.js';
export type { BootstrapDomain } from './bootstrap/decide.js';
export type * from './users/events.js';
export type { CreateUser, DeleteUser, DisableUser, EnableUser, UpdateUser, UserCommand } from './users/decide.js';
export type * from './access-keys/events.js';
export type { AccessKeyCommand, CreateAccessKey, DeleteAccessKey, SetAccessKeyDescription, SetAccessKeyStatus, RewrapAccessKeySecret } from './access-keys/decide.js';
export { rewrapAccessKeySecret } from './access-keys/decide.js';
export type * from './groups/events.js';
export type { AddUserToGroup, CreateGroup, DeleteGroup, GroupCommand, RemoveUserFromGroup, UpdateGroup } from './groups/decide.js';
export type * from './policies/events.js';
export type { AttachPolicy, CreatePolicy, DeletePolicy, DetachPolicy, PolicyCommand, UpdatePolicy } from './policies/decide.js';
export * from './directory/directory.js';
export * from './login/password-strength.js';
export * from './login/login.js';
export * from './tokens/tokens.js';
export * from './policy-documents/policy-document.js';
export * from './policy-documents/system-policies.js';
export * from './authorization/action-aliases.js';
export * from './authorization/evaluate.js';
export * from './authorization/authorization.js';
export {
  ACCESS_KEYS_PER_USER,
  CUSTOM_POLICIES_PER_DOMAIN,
  DESCRIPTION_MAX_LENGTH,
  GROUP_DESCRIPTION_MAX_BYTES,
  GROUP_NAME_MAX_LENGTH,
  NAME_MAX_LENGTH,
  POLICY_DESCRIPTION_MAX_LENGTH,
  POLICY_DISPLAY_NAME_MAX_LENGTH,
} from './fields/limits.js';
