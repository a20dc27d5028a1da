import { DewError } from '../errors.js';
import { quote } from '../text.js';

/**
 * Named refusals of the KMS family (docs/api-decisions.md, "Status and error codes"): each keeps
 * the code, status and wording KMS answered with before it was named. Messages name the limit and
 * the value that broke it.
 */

// ---- internal (KMS.0101): values the service itself supplied were wrong, so the bug is ours ----

export function KmsInternalFault(detail: string): DewError {
  return new DewError('KMS.0101', detail);
}

export function KeyIdTaken(keyId: string): DewError {
  return new DewError('KMS.0101', `key_id ${keyId} is already taken`);
}

export function WrappedMaterialEmpty(): DewError {
  return new DewError('KMS.0101', 'wrapped key material is empty');
}

// ---- the key and its state ----

/** KMS.0207 (404): unknown, destroyed or not visible to the caller; never 403 (docs/authorization.md). */
export function KeyNotFound(keyId?: string): DewError {
  return new DewError('KMS.0207', keyId === undefined ? 'key does not exist' : `key ${keyId} does not exist`);
}

/** KMS.0209: a Disabled key; with `operation`, the operation that needs an enabled one. */
export function KeyDisabled(keyId: string, operation?: string): DewError {
  return new DewError(
    'KMS.0209',
    operation === undefined ? `key ${keyId} is disabled` : `key ${keyId} is disabled; ${operation} needs an enabled key`,
  );
}

/** KMS.0209: a PendingImport key used for crypto or an operation that needs material. */
export function KeyAwaitsMaterial(keyId: string, operation?: string): DewError {
  return new DewError(
    'KMS.0209',
    operation === undefined
      ? `key ${keyId} is pending import: key material must be imported first`
      : `key ${keyId} is pending import; ${operation} needs an enabled key (import key material first)`,
  );
}

/** KMS.0210: a key pending deletion; with `operation`, the operation it refuses. */
export function KeyPendingDeletion(keyId: string, operation?: string): DewError {
  return new DewError(
    'KMS.0210',
    operation === undefined ? `key ${keyId} is pending deletion` : `key ${keyId} is pending deletion; ${operation} is not allowed`,
  );
}

export function EnableRefusedPendingDeletion(keyId: string): DewError {
  return new DewError('KMS.0210', `key ${keyId} is pending deletion; cancel the deletion first`);
}

export function DefaultKeyUnchangeable(alias: string, keyId: string, operation: string): DewError {
  return new DewError('KMS.0211', `${operation} is not allowed on default master key ${alias} (${keyId})`);
}

export function EnableRefusedPendingImport(keyId: string): DewError {
  return new DewError('KMS.0309', `key ${keyId} is pending import: key material must be imported first`);
}

export function KeyNotExternal(keyId: string): DewError {
  return new DewError('KMS.0309', `key ${keyId} was created by KMS; only keys with origin external take imported material`);
}

export function KeyNotPendingImport(keyId: string, status: string): DewError {
  return new DewError('KMS.0310', `key ${keyId} is ${status}, not PendingImport`);
}

export function KeyNotDisabled(keyId: string): DewError {
  return new DewError('KMS.1201', `key ${keyId} is not disabled (it is already enabled)`);
}

/** KMS.1301: `actually` is what the key is instead (`already disabled`, `pending import`). */
export function KeyNotEnabled(keyId: string, actually: string): DewError {
  return new DewError('KMS.1301', `key ${keyId} is not enabled (it is ${actually})`);
}

export function KeyAlreadyPendingDeletion(keyId: string): DewError {
  return new DewError('KMS.1402', `key ${keyId} is already pending deletion`);
}

export function KeyNotPendingDeletion(keyId: string): DewError {
  return new DewError('KMS.1501', `key ${keyId} is not pending deletion`);
}

// ---- fields (KMS.0308 unless the field has its own code) ----

/** KMS.0308 for a parameter outside its rules; `detail` names the field, the rule and the value. */
export function InvalidKmsParameter(detail: string): DewError {
  return new DewError('KMS.0308', detail);
}

/** KMS.0308: `field` must be one of `allowed`, got `got`. */
export function FieldNotOneOf(field: string, allowed: readonly string[], got: string): DewError {
  return new DewError('KMS.0308', `${field} must be one of ${allowed.join(', ')}, got ${quote(got)}`);
}

/** KMS.0308: `field` must be `first` or `second`, got `got`. */
export function FieldNotEither(field: string, first: string, second: string, got: string): DewError {
  return new DewError('KMS.0308', `${field} must be ${first} or ${second}, got ${quote(got)}`);
}

/** KMS.0308: an integer field outside `min..max`. */
export function FieldOutOfRange(field: string, min: number, max: number, got: number): DewError {
  return new DewError('KMS.0308', `${field} must be ${min}..${max}, got ${got}`);
}

/** KMS.0308: a character field outside `min..max` characters. */
export function FieldLengthOutOfRange(field: string, min: number, max: number, got: number): DewError {
  return new DewError('KMS.0308', `${field} must be ${min}..${max} characters, got ${got}`);
}

/** KMS.0308: `field` holds a character outside `allowed` (as shown to the caller) at `position`. */
export function FieldBadCharacter(field: string, allowed: string, char: string, position: number): DewError {
  return new DewError('KMS.0308', `${field} may contain only ${allowed}, got ${quote(char)} at position ${position}`);
}

export function InvalidAlias(detail: string): DewError {
  return new DewError('KMS.1101', `key_alias ${detail}`);
}

export function DescriptionTooLong(limit: number, got: number): DewError {
  return new DewError('KMS.1103', `key_description must be at most ${limit} characters, got ${got}`);
}

export function AliasTaken(alias: string, holderKeyId: string): DewError {
  return new DewError('KMS.1104', `key_alias ${quote(alias)} is already used by key ${holderKeyId}`);
}

export function KeyQuotaReached(quota: number, keys: number): DewError {
  return new DewError('KMS.1105', `key quota of ${quota} reached (${keys} keys in project)`);
}

/** KMS.1101: a v2 alias name (create-alias, associate-alias, delete-alias) outside its rules. */
export function InvalidAliasName(detail: string): DewError {
  return new DewError('KMS.1101', `alias ${detail}`);
}

/** KMS.1104: the alias already names a key of the project. */
export function KeyAliasTaken(alias: string, holderKeyId: string): DewError {
  return new DewError('KMS.1104', `alias ${quote(alias)} already names key ${holderKeyId}`);
}

/** KMS.1106: the alias quota of a key or of the project is reached. */
export function AliasQuotaReached(scope: string, quota: number, got: number): DewError {
  return new DewError('KMS.1106', `alias quota of ${quota} per ${scope} reached (${got} aliases)`);
}

/** KMS.0207 (404): an unknown alias answers like an unknown key (no existence oracle). */
export function AliasNotFound(alias: string): DewError {
  return new DewError('KMS.0207', `key ${alias} does not exist`);
}

/** KMS.0207 (404): delete-alias names an alias that does not name `keyId`. */
export function AliasNotOfKey(alias: string, keyId: string): DewError {
  return new DewError('KMS.0207', `alias ${quote(alias)} does not name key ${keyId}`);
}

export function PendingDaysOutOfRange(min: number, max: number, got: number): DewError {
  return new DewError('KMS.1401', `pending_days must be ${min}..${max}, got ${got}`);
}

export function ListLimitOutOfRange(max: number, got: number): DewError {
  return new DewError('KMS.1601', `limit must be 1..${max}, got ${got}`);
}

export function ListMarkerInvalid(got: number): DewError {
  return new DewError('KMS.1602', `marker must be an integer of at least 0, got ${got}`);
}

export function MissingKmsParameter(detail: string): DewError {
  return new DewError('KMS.0204', detail);
}

export function InvalidAdditionalData(detail: string): DewError {
  return new DewError('KMS.0208', detail);
}

// ---- tags (KMS.04xx) ----

export function TagListEmpty(): DewError {
  return new DewError('KMS.0401', 'tags must not be empty');
}

export function TagActionInvalid(got: string): DewError {
  return new DewError('KMS.0404', `action must be create or delete, got ${got}`);
}

export function TagKeyBadCharacter(where: string, char: string, position: number): DewError {
  return new DewError('KMS.0405', `${where}.key may contain only A-Z a-z 0-9 _ -, got ${quote(char)} at position ${position}`);
}

export function TagValueBadCharacter(where: string, char: string, position: number): DewError {
  return new DewError('KMS.0406', `${where}.value may contain only A-Z a-z 0-9 _ -, got ${quote(char)} at position ${position}`);
}

export function TagKeyLengthOutOfRange(where: string, max: number, got: number): DewError {
  return new DewError('KMS.0407', `${where}.key must be 1..${max} characters, got ${got}`);
}

export function TagValueTooLong(where: string, max: number, got: number): DewError {
  return new DewError('KMS.0408', `${where}.value must be 0..${max} characters, got ${got}`);
}

/** KMS.0409: `detail` says where the tag key appears again. */
export function TagKeyDuplicated(detail: string): DewError {
  return new DewError('KMS.0409', detail);
}

export function TagNotFound(keyId: string, tagKey: string): DewError {
  return new DewError('KMS.0410', `key ${keyId} has no tag ${quote(tagKey)}`);
}

export function TagsOnDefaultKey(alias: string, keyId: string): DewError {
  return new DewError('KMS.0411', `tags are not allowed on default master key ${alias} (${keyId})`);
}

/** KMS.0413: `detail` names the limit and the count. */
export function TooManyTags(detail: string): DewError {
  return new DewError('KMS.0413', detail);
}

export function TagMatchKeyInvalid(index: number, got: string): DewError {
  return new DewError('KMS.0415', `matches[${index}].key must be resource_name, got ${quote(got)}`);
}

export function TagSearchOffsetInvalid(got: number): DewError {
  return new DewError('KMS.0417', `offset must be an integer of at least 0, got ${got}`);
}

// ---- crypto calls ----

export function RandomLengthInvalid(got: string): DewError {
  return new DewError('KMS.1801', `random_data_length must be a multiple of 8 from 8 to 8192 (bits), got ${got}`);
}

export function DatakeyLengthInvalid(got: string): DewError {
  return new DewError('KMS.1901', `datakey_length must be a multiple of 8 from 8 to 8192 (bits), got ${got}`);
}

/** KMS.2101: encrypt-datakey's plain_text is not what it must be. */
export function DatakeyPlaintextInvalid(detail: string): DewError {
  return new DewError('KMS.2101', detail);
}

export function DatakeyPlainLengthOutOfRange(max: number, got: number): DewError {
  return new DewError('KMS.2102', `datakey_plain_length must be 1..${max} bytes, got ${got}`);
}

export function DatakeyDigestMismatch(digest = 'SHA-256'): DewError {
  return new DewError('KMS.2103', `plain_text digest does not match ${digest} of the data key`);
}

/** KMS.2201: decrypt-datakey's cipher_text is not what it must be. */
export function DatakeyCiphertextInvalid(detail: string): DewError {
  return new DewError('KMS.2201', detail);
}

export function DatakeyCipherLengthMismatch(declared: number, got: number): DewError {
  return new DewError('KMS.2202', `datakey_cipher_length is ${declared}, but the data key holds ${got} bytes`);
}

/** A hex field that is not hex, in the family the field belongs to. */
export function NotHex(field: string, got: number, code: 'KMS.0308' | 'KMS.2101' | 'KMS.2201' = 'KMS.0308'): DewError {
  return new DewError(code, `${field} must be hex (two characters per byte), got ${got} characters that are not`);
}

// ---- authorization and grants ----

export function NotAuthorizedOnKey(operation: string, keyId: string, userName: string): DewError {
  return new DewError('KMS.0306', `no IAM policy or grant allows ${operation} on key ${keyId} for user ${userName}`);
}

export function GrantRetireForbidden(grantId: string): DewError {
  return new DewError('KMS.0306', `grant ${grantId} may be retired only by its grantee or its retiring principal`);
}

export function IssuerLacksOperations(keyId: string, missing: readonly string[]): DewError {
  return new DewError(
    'KMS.0306',
    `a grant on key ${keyId} may pass on only operations its issuer holds; the caller lacks ${missing.join(', ')}`,
  );
}

/** KMS.2401: `detail` names the bad operation and the allowed ones. */
export function GrantOperationsInvalid(detail: string): DewError {
  return new DewError('KMS.2401', detail);
}

export function GrantPrincipalInvalid(field: string, got: string): DewError {
  return new DewError('KMS.2402', `${field} must be 1..64 characters of A-Z a-z 0-9, got ${quote(got)}`);
}

export function GrantIdTaken(grantId: string): DewError {
  return new DewError('KMS.2403', `grant creation failed: grant_id ${grantId} is already taken`);
}

export function GrantQuotaReached(quota: number, keyId: string, grants: number): DewError {
  return new DewError('KMS.2404', `grant quota of ${quota} per key reached (key ${keyId} has ${grants} grants)`);
}

export function GrantNotFound(grantId: string): DewError {
  return new DewError('KMS.2501', `grant ${grantId} does not exist`);
}

export function GrantOfAnotherKey(grantId: string, keyId: string): DewError {
  return new DewError('KMS.2502', `grant ${grantId} does not belong to key ${keyId}`);
}

// ---- imported key material (KMS.26xx, KMS.27xx) ----

export function ImportTokenMalformed(got: number): DewError {
  return new DewError('KMS.2601', `import_token must be 200..6144 base64 characters, got ${got}`);
}

export function MaterialExpiryNotInFuture(expiresAt: string, now: string): DewError {
  return new DewError('KMS.2602', `expiration_time must be in the future: ${expiresAt} is not after now (${now})`);
}

export function ImportTokenForAnotherKey(tokenKeyId: string, keyId: string): DewError {
  return new DewError('KMS.2603', `import_token was issued for key ${tokenKeyId}, not for key ${keyId}`);
}

/** KMS.2604: the material handed in cannot be unwrapped or does not fit the key. */
export function ImportedMaterialInvalid(detail: string): DewError {
  return new DewError('KMS.2604', detail);
}

/** KMS.2605: the import token was used, expired, altered or never issued. */
export function ImportTokenUnusable(detail: string): DewError {
  return new DewError('KMS.2605', detail);
}

export function ReimportedMaterialDiffers(keyId: string): DewError {
  return new DewError('KMS.2606', `key ${keyId} is bound to the material first imported; a re-import must be byte-identical`);
}

/** KMS.2701: `detail` says why this key's imported material cannot be deleted. */
export function MaterialNotDeletable(detail: string): DewError {
  return new DewError('KMS.2701', detail);
}
