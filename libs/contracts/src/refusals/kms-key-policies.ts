import { DewError } from '../errors.js';

/** Key policies (docs/authorization.md, "Key policies"). */

/** KMS.2801: the policy breaks a rule; `detail` names the field (`Statement[0].Principal.IAM[1]`) and the value. */
export function KeyPolicyInvalid(detail: string): DewError {
  return new DewError('KMS.2801', `policy: ${detail}`);
}

export function KeyPolicyExists(keyId: string): DewError {
  return new DewError('KMS.2802', `key ${keyId} already has a key policy; use update-key-policy`);
}

export function KeyPolicyNotFound(keyId: string): DewError {
  return new DewError('KMS.2803', `key ${keyId} has no key policy`);
}

export function KeyPolicyDenies(operation: string, keyId: string, userName: string): DewError {
  return new DewError('KMS.2804', `the key policy of key ${keyId} denies ${operation} to user ${userName}`);
}
