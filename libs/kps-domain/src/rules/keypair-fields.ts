import { HostedPrivateKeyMalformed, KpsFieldInvalid, quote } from '@dew/contracts';
import type { HostedPrivateKey, KeypairScope, KeypairType } from '../state/keypair-set.js';
import { checkedText, oneOf } from './text.js';

/** Field rules of key pairs. Each returns the accepted value or throws a KPS refusal. */

/** Key pairs per account: DEW's choice (docs/api-decisions.md, "Error families"). */
export const KEYPAIR_QUOTA = 1000;
/** The KPS v3 private-key import page says 64 (the SDK model allows 255): DEW takes 64. */
export const KEYPAIR_NAME_MAX = 64;
export const KEYPAIR_DESCRIPTION_MAX = 255;
export const ALGORITHM_MAX = 64;
export const KMS_KEY_ID_MAX = 128;
export const USER_ID_MAX = 64;

export const KEYPAIR_SCOPES: readonly KeypairScope[] = ['domain', 'user'];
export const KEYPAIR_TYPES: readonly KeypairType[] = ['ssh', 'x509'];

const NAME_CHAR = { pattern: /^[A-Za-z0-9_-]$/, text: 'A-Z a-z 0-9 _ -' };
const FINGERPRINT_MD5 = /^[0-9a-f]{2}(:[0-9a-f]{2}){15}$/;
const FINGERPRINT_SHA256 = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** `name`: 1..64 characters of `[A-Za-z0-9_-]` (so never `@`, which keypairKey relies on). */
export function validateKeypairName(name: unknown): string {
  return checkedText('name', name, { min: 1, max: KEYPAIR_NAME_MAX, char: NAME_CHAR });
}

export function validateKeypairDescription(description: unknown): string {
  return checkedText('description', description, { min: 0, max: KEYPAIR_DESCRIPTION_MAX });
}

export function validateKeypairScope(scope: unknown): KeypairScope {
  return oneOf('scope', KEYPAIR_SCOPES, scope);
}

export function validateKeypairType(type: unknown): KeypairType {
  return oneOf('type', KEYPAIR_TYPES, type);
}

/** As the service names it, e.g. `SSH_RSA_2048`. */
export function validateAlgorithm(algorithm: unknown): string {
  return checkedText('algorithm', algorithm, { min: 1, max: ALGORITHM_MAX, char: NAME_CHAR });
}

/** The caller: an IAM user id (never `@`, which keypairKey relies on). */
export function validateUserId(userId: unknown): string {
  return checkedText('user_id', userId, { min: 1, max: USER_ID_MAX, char: NAME_CHAR });
}

export function validateFingerprint(fingerprint: unknown): string {
  if (typeof fingerprint !== 'string' || !FINGERPRINT_MD5.test(fingerprint)) {
    throw KpsFieldInvalid('fingerprint', 'be an MD5 fingerprint, 16 colon-separated lower-case hex pairs', quote(fingerprint));
  }
  return fingerprint;
}

export function validateFingerprintSha256(fingerprint: unknown): string {
  if (typeof fingerprint !== 'string' || !FINGERPRINT_SHA256.test(fingerprint)) {
    throw KpsFieldInvalid('fingerprint_sha256', 'be "SHA256:" followed by 43 characters of unpadded base64', quote(fingerprint));
  }
  return fingerprint;
}

export function validateKmsKeyId(kmsKeyId: unknown): string {
  return checkedText('kms_key_id', kmsKeyId, { min: 1, max: KMS_KEY_ID_MAX });
}

/**
 * A private key the service sealed: under a valid KMS key id, with a non-empty envelope and
 * keyring owner (an empty one is our bug, KPS.0500). Nothing of the envelope reaches a refusal.
 */
export function validateHostedPrivateKey(privateKey: HostedPrivateKey): HostedPrivateKey {
  if (typeof privateKey !== 'object' || privateKey === null) throw HostedPrivateKeyMalformed('the value');
  validateKmsKeyId(privateKey.kmsKeyId);
  if (typeof privateKey.sealed !== 'string' || privateKey.sealed.length === 0) throw HostedPrivateKeyMalformed('sealed');
  if (typeof privateKey.owner !== 'string' || privateKey.owner.length === 0) throw HostedPrivateKeyMalformed('owner');
  return { kmsKeyId: privateKey.kmsKeyId, sealed: privateKey.sealed, owner: privateKey.owner };
}
