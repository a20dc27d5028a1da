import { DewError } from '../errors.js';
import { quote } from '../text.js';

/**
 * CSMS refusals by what went wrong (codes and statuses: docs/api-decisions.md, "Status and error
 * codes"). Messages name the limit and the value they got, never a secret. Domain refusals quote
 * the value; the service's own checks show it raw, cut to 64 characters (their wire wording).
 */

const cut = (text: string): string => text.slice(0, 64);

// ---- CSMS.0002: a bad field or body --------------------------------------------------------

/** `<field> must <requirement>[, got <got>]`; `got` is shown as given (quote it if it is input). */
export function InvalidField(field: string, requirement: string, got?: string | number): DewError {
  return new DewError('CSMS.0002', `${field} must ${requirement}${got === undefined ? '' : `, got ${got}`}`);
}

export function ForbiddenCharacter(field: string, allowed: string, bad: { readonly char: string; readonly position: number }): DewError {
  return new DewError('CSMS.0002', `${field} may contain only ${allowed}, got ${quote(bad.char)} at position ${bad.position}`);
}

/** SYSPREVIOUS belongs to SYSCURRENT's former holder, never to the version taking SYSCURRENT. */
export function ConflictingSystemStages(): DewError {
  return new DewError('CSMS.0002', 'version_stages may not hold both SYSCURRENT and SYSPREVIOUS');
}

export function SecretTagLimitReached(limit: number, secretName: string, has: number, adding: number): DewError {
  return new DewError(
    'CSMS.0002',
    `tag limit of ${limit} per secret: secret ${quote(secretName)} has ${has}, adding ${adding} would make ${has + adding}`,
  );
}

export function TooManySecretTags(limit: number, got: number): DewError {
  return new DewError('CSMS.0002', `tag limit of ${limit} per secret: got ${got} tags`);
}

export function DuplicateTagKey(index: number, key: string, firstIndex: number): DewError {
  return new DewError('CSMS.0002', `tags[${index}].key ${quote(key)} duplicates tags[${firstIndex}].key`);
}

export function TooManyTagFilters(limit: number, got: number): DewError {
  return new DewError('CSMS.0002', `at most ${limit} tags per search, got ${got}`);
}

export function RepeatedTagFilter(index: number, key: string): DewError {
  return new DewError('CSMS.0002', `tags[${index}].key ${quote(key)} appears twice`);
}

/** A restore command whose versions and stages do not form a valid secret. */
export function InvalidSecretBackup(why: string): DewError {
  return new DewError('CSMS.0002', `secret backup is invalid: ${why}`);
}

/** A `secret_blob` that is not a DEW backup of the known format (docs/backup-format.md). */
export function NotASecretBackup(why: string): DewError {
  return new DewError('CSMS.0002', `secret_blob is not a DEW secret backup: ${why}`);
}

export function SecretBackupAltered(): DewError {
  return new DewError('CSMS.0002', 'secret_blob failed authentication (the backup was altered)');
}

export function SecretValueAltered(): DewError {
  return new DewError('CSMS.0002', 'the secret value failed authentication (the backup or record was altered)');
}

export function SecretValueGivenTwice(): DewError {
  return new DewError('CSMS.0002', 'give secret_string or secret_binary, not both');
}

export function SecretValueTooLarge(limitBytes: number, gotBytes: number): DewError {
  return new DewError('CSMS.0002', `the secret value must be at most ${limitBytes} bytes, got ${gotBytes}`);
}

export function NoProjectInRequest(): DewError {
  return new DewError('CSMS.0002', 'no project in the request');
}

// ---- CSMS.0004: a required field is missing -----------------------------------------------

export function SecretValueMissing(): DewError {
  return new DewError('CSMS.0004', 'secret_string or secret_binary is required');
}

// ---- CSMS.0005: not found (404) ------------------------------------------------------------

export function SecretNotFound(nameOrId: string): DewError {
  return new DewError('CSMS.0005', `secret ${quote(nameOrId)} does not exist`);
}

/** The service's own lookup before the domain decides: the name or id shown raw. */
export function UnknownSecret(nameOrId: string): DewError {
  return new DewError('CSMS.0005', `secret ${cut(nameOrId)} does not exist`);
}

export function VersionNotFound(secretName: string, versionId: string): DewError {
  return new DewError('CSMS.0005', `version ${quote(versionId)} of secret ${quote(secretName)} does not exist`);
}

export function StageNotFound(secretName: string, stage: string): DewError {
  return new DewError('CSMS.0005', `stage ${quote(stage)} of secret ${quote(secretName)} does not exist`);
}

/** The service's stage view: the stage shown raw. */
export function StageNotOnSecret(stage: string, secretName: string): DewError {
  return new DewError('CSMS.0005', `stage ${cut(stage)} does not exist on secret ${secretName}`);
}

export function TagNotOnSecret(secretName: string, tagKey: string): DewError {
  return new DewError('CSMS.0005', `secret ${quote(secretName)} has no tag ${quote(tagKey)}`);
}

/** A restore whose own event did not produce the secret: our bug, answered as not found. */
export function RestoredSecretMissing(): DewError {
  return new DewError('CSMS.0005', 'the restored secret is missing');
}

// ---- CSMS.0103, 0105, 0107, 0108: the secret's state forbids it ---------------------------

export function SecretPendingDeletion(secretName: string, operation: string): DewError {
  return new DewError('CSMS.0103', `secret ${quote(secretName)} is pending deletion; ${operation} is not allowed`);
}

/** The service's own check before reading or backing up a value: the name shown raw. */
export function SecretUnavailablePendingDeletion(secretName: string): DewError {
  return new DewError('CSMS.0103', `secret ${cut(secretName)} is pending deletion`);
}

export function SystemStageNotDeletable(stage: string): DewError {
  return new DewError('CSMS.0105', `system stage ${stage} cannot be deleted`);
}

export function SecretDeletionAlreadyScheduled(secretName: string): DewError {
  return new DewError('CSMS.0107', `secret ${quote(secretName)} is already scheduled for deletion`);
}

export function SecretDeletionNotScheduled(secretName: string): DewError {
  return new DewError('CSMS.0108', `secret ${quote(secretName)} is not scheduled for deletion`);
}

// ---- CSMS.0403: the caller may not use the secret's KMS key --------------------------------

export function KmsKeyUseDenied(userName: string, kmsKeyId: string, verb: string): DewError {
  return new DewError(
    'CSMS.0403',
    `user ${userName} may not use the secret's KMS key ${cut(kmsKeyId)}: no IAM policy or grant allows ${verb}`,
  );
}

/** A scheduled rotation acts as whoever switched auto rotation on; a plan set before DEW recorded that has no one. */
export function RotationHasNoPrincipal(secretName: string): DewError {
  return new DewError(
    'CSMS.0403',
    `auto rotation of secret ${quote(secretName)} was switched on before DEW recorded who did it, and a scheduled rotation acts only as that user: switch auto_rotation off and on again`,
  );
}

export function KmsKeyActionDenied(userName: string, action: string, kmsKeyId: string, why: string): DewError {
  return new DewError('CSMS.0403', `user ${userName} may not perform ${action} on the secret's KMS key ${cut(kmsKeyId)}: ${why}`);
}

// ---- CSMS.0500: internal fault -------------------------------------------------------------

/** The service seals every value; an empty one is our bug. */
export function SealedValueEmpty(): DewError {
  return new DewError('CSMS.0500', 'sealed secret value is empty');
}

// ---- CSMS.1001..1004: limits and the KMS key -----------------------------------------------

export function SecretQuotaReached(quota: number, count: number): DewError {
  return new DewError('CSMS.1001', `secret quota of ${quota} reached (${count} secrets in project)`);
}

export function SecretNameTaken(name: string): DewError {
  return new DewError('CSMS.1002', `secret name ${quote(name)} already exists`);
}

export function SecretIdTaken(secretId: string, holderName: string): DewError {
  return new DewError('CSMS.1002', `secret id ${secretId} is already used by secret ${quote(holderName)}`);
}

/** The service's check before it seals anything: the name shown raw. */
export function SecretAlreadyExists(name: string): DewError {
  return new DewError('CSMS.1002', `a secret named ${cut(name)} exists`);
}

export function RestoreTargetExists(name: string): DewError {
  return new DewError('CSMS.1002', `a secret named ${cut(name)} exists; delete it before restoring`);
}

export function StageLimitReached(limit: number, secretName: string, wouldHave: number): DewError {
  return new DewError('CSMS.1003', `stage limit of ${limit} reached: secret ${quote(secretName)} would have ${wouldHave} stages`);
}

/** Unreachable while 12 stages cannot cover 21 versions; kept as a refusal, not a crash. */
export function EveryVersionStaged(limit: number): DewError {
  return new DewError('CSMS.1003', `version limit of ${limit} reached and every version carries a stage`);
}

/** `why` completes "the secret's KMS key <id> …", e.g. "is disabled". */
export function SecretKmsKeyUnusable(kmsKeyId: string, why: string): DewError {
  return new DewError('CSMS.1004', `the secret's KMS key ${cut(kmsKeyId)} ${why}`);
}

export function KmsKeyCannotProtectSecrets(kmsKeyId: string, detail: string): DewError {
  return new DewError('CSMS.1004', `the KMS key ${cut(kmsKeyId)} cannot protect secrets: ${detail}`);
}

// ---- Rotation (docs/api-decisions.md, "Secret rotation") ----------------------------------

/** RDS-FG and GaussDB-FG secrets are rotated by a Huawei FunctionGraph function, which DEW does not run. */
export function SecretTypeNotRotatable(secretType: string): DewError {
  return new DewError('CSMS.0002', `secret_type ${quote(secretType)} is rotated by a FunctionGraph function, which DEW does not run; only COMMON secrets rotate`);
}
