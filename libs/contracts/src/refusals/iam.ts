/**
 * Named refusals of the IAM error family (docs/api-decisions.md, "Error families"). Each answers
 * the DewError IAM has always answered for that case: same code, status and message. Arguments
 * that come from a request arrive already cut or quoted by the caller, as the message shows them.
 */
import { DewError } from '../errors.js';

// IAM.0001: a request field breaks a rule.
export const InvalidIamField = (message: string) => new DewError('IAM.0001', message);
export const IamFieldNotString = (field: string, got: string) => InvalidIamField(`${field} must be a string (got ${got})`);
export const IamFieldNotBoolean = (field: string, got: string) => InvalidIamField(`${field} must be a boolean (got ${got})`);
export const IamIdMalformed = (field: string, shownValue: string) => InvalidIamField(`${field} must be 32 lower-case hex characters (got ${shownValue})`);
export const AccessKeyMalformed = (length: number) => InvalidIamField(`access key must be 20 upper-case letters or digits (got ${length} characters)`);
export const IamNameLength = (field: string, max: number, got: number) => InvalidIamField(`${field} must be 1–${max} characters (got ${got})`);
export const IamNameCharacter = (field: string, allowed: string, shownChar: string, position: number) =>
  InvalidIamField(`${field} may contain only ${allowed} (got ${shownChar} at position ${position})`);
export const UserNameStartsWithDigit = (shownName: string) => InvalidIamField(`user name must not start with a digit (got ${shownName})`);
export const IamFieldTooLong = (field: string, max: number, got: number, unit: 'characters' | 'bytes') =>
  InvalidIamField(`${field} must be at most ${max} ${unit} (got ${got})`);
export const IamControlCharacter = (field: string, position: number) => InvalidIamField(`${field} must not contain control characters (got one at position ${position})`);
/** Never echoes the hash. */
export const PasswordHashInvalid = (nullable: boolean) => InvalidIamField(`passwordHash must be a non-empty string${nullable ? ' or null' : ''}`);
/** Never echoes the wrapped SK. */
export const WrappedSecretInvalid = () => InvalidIamField('wrappedSecret must be a non-empty string');
export const PolicyDocumentInvalid = (message: string) => InvalidIamField(message);
export const PolicyTypeInvalid = (shownType: string) => InvalidIamField(`type must be "AX" or "XA" (got ${shownType})`);
export const AttachmentScopeInvalid = (shownKind: string) => InvalidIamField(`scope must be "project", "domain" or "all-projects" (got ${shownKind})`);
export const AccessKeyStatusInvalid = (shownStatus: string) => InvalidIamField(`status must be "active" or "inactive" (got ${shownStatus})`);
export const GroupUpdateEmpty = () => InvalidIamField('a group update needs a name or a description');
export const CredentialUpdateEmpty = () => InvalidIamField('credential must change status or description');
export const AdministratorUndeletable = (userId: string) => InvalidIamField(`user ${userId} is the domain administrator and cannot be deleted`);
export const AdministratorUndisablable = (userId: string) =>
  InvalidIamField(`user ${userId} is the domain administrator and cannot be disabled (nobody could enable it again)`);
export const AccessKeyForDisabledUser = (userId: string) => InvalidIamField(`user ${userId} is disabled`);
export const SystemPolicyUnchangeable = (shownName: string, doing: string) => InvalidIamField(`system policy ${shownName} cannot be ${doing}`);
export const PolicyStillAttached = (policyId: string, noun: 'group' | 'groups', groups: string) =>
  InvalidIamField(`policy ${policyId} is attached to ${noun} ${groups}; detach it first`);
export const LoginDomainMissing = () => InvalidIamField('the login domain must give an id or a name');
export const LoginPasswordLength = (max: number, got: number) => InvalidIamField(`password must be 1–${max} characters (got ${got})`);
export const LoginMethodMissing = (shownMethods: string) => InvalidIamField(`identity.methods must include "password", got ${shownMethods}`);
export const TokenScopeMissing = () => InvalidIamField('auth.scope must name a project or a domain');
export const PasswordLength = (got: number) => InvalidIamField(`password must be 6..32 characters, got ${got}`);
export const PasswordTooSimple = (classes: number) =>
  InvalidIamField(`password must mix at least 2 of upper case, lower case, digits and special characters, got ${classes}`);
export const PasswordContainsUserName = () => InvalidIamField('password must not contain the user name');
export const OriginalPasswordLength = (max: number, got: number) => InvalidIamField(`user.original_password must be 1..${max} characters, got ${got}`);
export const PasswordUnchanged = () => InvalidIamField('user.password must differ from the original password');
export const UserFieldNotKept = (field: string, length: number) =>
  InvalidIamField(`user.${field} is not kept by DEW; send it empty or leave it out (got ${length} characters)`);
export const AccessModeUnsupported = (accessMode: string, shownMode: string) =>
  InvalidIamField(`user.access_mode must be "${accessMode}" (console and programmatic access); got "${shownMode}"`);
export const ForcedPasswordChangeUnsupported = () => InvalidIamField('user.pwd_status must be false: DEW does not force a password change at first login');
export const QueryValueNotAllowed = (field: string, allowed: string, shownValue: string) => InvalidIamField(`${field} must be one of ${allowed}; got "${shownValue}"`);
export const PageInvalid = (got: string) => InvalidIamField(`page must be an integer of at least 1, got ${got}`);
export const PerPageInvalid = (max: number, got: string) => InvalidIamField(`per_page must be 1..${max}, got ${got}`);
export const PagingIncomplete = () => InvalidIamField('page and per_page must be given together');

// IAM.0002: not found (or, for credentials and tokens, not usable: one answer for all).
export const DomainNotFound = (domainId?: string) => new DewError('IAM.0002', domainId === undefined ? 'domain does not exist' : `domain ${domainId} does not exist`);
export const ProjectNotFound = (projectRef: string, where = '') => new DewError('IAM.0002', `project ${projectRef} does not exist${where}`);
export const UserNotFound = (userRef: string) => new DewError('IAM.0002', `user ${userRef} does not exist`);
export const GroupNotFound = (groupRef: string) => new DewError('IAM.0002', `group ${groupRef} does not exist`);
export const PolicyNotFound = (policyRef: string) => new DewError('IAM.0002', `policy ${policyRef} does not exist`);
export const AccessKeyNotFound = (accessKeyRef: string) => new DewError('IAM.0002', `access key ${accessKeyRef} does not exist`);
export const NotGroupMember = (userId: string, groupId: string) => new DewError('IAM.0002', `user ${userId} is not a member of group ${groupId}`);
export const UserNotInGroup = (userId: string, groupId: string) => new DewError('IAM.0002', `user ${userId} is not in group ${groupId}`);
export const PolicyNotAttached = (policyRef: string, groupId: string, where: string) =>
  new DewError('IAM.0002', `policy ${policyRef} is not attached to group ${groupId} ${where}`);
export const CredentialUnusable = () => new DewError('IAM.0002', 'credential is unknown or not usable');
export const TokenInvalid = (reason?: string) => new DewError('IAM.0002', reason === undefined ? 'the token is not valid' : `the token is not valid: ${reason}`);

// IAM.0003: already exists.
export const DomainExists = (domainId: string) => new DewError('IAM.0003', `domain ${domainId} already exists`);
export const ProjectExists = (projectId: string) => new DewError('IAM.0003', `project ${projectId} already exists`);
export const UserExists = (userId: string) => new DewError('IAM.0003', `user ${userId} already exists`);
export const GroupExists = (groupId: string) => new DewError('IAM.0003', `group ${groupId} already exists`);
export const PolicyExists = (policyId: string) => new DewError('IAM.0003', `policy ${policyId} already exists`);
export const AccessKeyExists = (accessKey: string) => new DewError('IAM.0003', `access key ${accessKey} already exists`);
/** `what` is "project name", "user name", "group name" or "policy display name". */
export const NameTaken = (what: string, shownName: string, domainId: string) => new DewError('IAM.0003', `${what} ${shownName} already exists in domain ${domainId}`);
export const SignatureAlreadyUsed = () =>
  new DewError('IAM.0003', 'this signature was already used to create an access key; sign the request again (a fresh X-Sdk-Date) to create another', 409);

// IAM.0004: quota reached.
export const AccessKeyQuotaReached = (userId: string, held: number, limit: number) =>
  new DewError('IAM.0004', `user ${userId} already has ${held} access keys (limit ${limit})`);
export const CustomPolicyQuotaReached = (domainId: string, count: number, limit: number) =>
  new DewError('IAM.0004', `domain ${domainId} already has ${count} custom policies (limit ${limit})`);

// IAM.0005: authentication failed.
export const WrongUserNameOrPassword = () => new DewError('IAM.0005', 'the user name or password is wrong', 401);
export const WrongOriginalPassword = () => new DewError('IAM.0005', 'the original password is wrong', 401);

// IAM.0006: forbidden.
export const AdministratorOnly = (action: string, targetId: string, shownActor: string) =>
  new DewError('IAM.0006', `only an administrator may ${action} administrator ${targetId} (caller ${shownActor})`);
export const NotCallersDomain = (domainRef: string) => new DewError('IAM.0006', `domain ${domainRef} is not the caller's domain`);
export const OwnPasswordOnly = () =>
  new DewError('IAM.0006', "a user may change only their own password; an administrator sets others' with PATCH /v3/users/{user_id}");

// IAM.0007: login limits.
export const TooManyFailedLogins = (retryInSeconds: number) => new DewError('IAM.0007', `too many failed logins; retry in ${retryInSeconds} s`);
