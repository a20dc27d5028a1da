import { DewError } from '../errors.js';
import { quote } from '../text.js';

/**
 * KPS refusals about key material and the KMS key that hosts private keys (codes:
 * docs/api-decisions.md, "Error families"). Messages name the field and the problem, never key
 * material or a password.
 */

const cut = (text: string): string => text.slice(0, 64);

/** A public or private key that does not parse or is not accepted (the problem from @dew/ssh-keys). */
export function BadKeyMaterial(field: string, problem: string): DewError {
  return new DewError('KPS.0002', `${field}: ${problem}`);
}

export function PrivateKeyDoesNotMatch(keypairName: string): DewError {
  return new DewError('KPS.0002', `key_protection.private_key does not match the public key of key pair ${quote(keypairName)}`);
}

export function UnsupportedAlgorithm(got: string, accepted: readonly string[]): DewError {
  return new DewError('KPS.0002', `algorithm must be one of ${accepted.join(', ')}, got ${quote(cut(got))}`);
}

export function KmsKeyNeeded(): DewError {
  return new DewError('KPS.0002', 'key_protection.encryption of type kms needs kms_key_id (or kms_key_name "kps/default")');
}

export function OnlyAdministratorActsForOthers(userName: string, userId: string): DewError {
  return new DewError('KPS.0403', `user ${userName} may not act for user_id ${quote(cut(userId))}: only the account's administrator may`);
}

export function KpsKmsKeyUseDenied(userName: string, kmsKeyId: string, verb: string): DewError {
  return new DewError('KPS.0403', `user ${userName} may not use the key pair's KMS key ${cut(kmsKeyId)}: no IAM policy or grant allows ${verb}`);
}

export function KpsKmsKeyActionDenied(userName: string, action: string, kmsKeyId: string, why: string): DewError {
  return new DewError('KPS.0403', `user ${userName} may not perform ${action} on the key pair's KMS key ${cut(kmsKeyId)}: ${why}`);
}

export function KpsKmsKeyUnusable(kmsKeyId: string, why: string): DewError {
  return new DewError('KPS.1201', `the key pair's KMS key ${cut(kmsKeyId)} ${why}`);
}

export function KpsKmsKeyCannotProtect(kmsKeyId: string, detail: string): DewError {
  return new DewError('KPS.1201', `the KMS key ${cut(kmsKeyId)} cannot protect private keys: ${detail}`);
}

export function HostedPrivateKeyAltered(): DewError {
  return new DewError('KPS.0500', 'the hosted private key failed authentication (its record was altered)');
}

export function NoWindowsPassword(serverId: string): DewError {
  return new DewError('KPS.1101', `server ${quote(cut(serverId))} holds no encrypted administrator password (Windows servers only)`);
}
