import { IssuerLacksOperations } from '@dew/contracts';
import type { GrantOperation } from '../state/keyring.state.js';

/**
 * Grants pass on at most what the issuer holds (docs/authorization.md "Grants"). Each grant
 * operation is one KMS operation; this is the IAM action that operation is checked against.
 */
export const GRANT_OPERATION_ACTIONS: Readonly<Record<GrantOperation, string>> = {
  'create-datakey': 'kms:cmk:createDataKey',
  'create-datakey-without-plaintext': 'kms:cmk:createDataKeyWithoutPlaintext',
  'encrypt-datakey': 'kms:cmk:encryptDataKey',
  'decrypt-datakey': 'kms:cmk:decryptDataKey',
  'describe-key': 'kms:cmk:get',
  'create-grant': 'kms:grant:create',
  'retire-grant': 'kms:grant:retire',
  'encrypt-data': 'kms:cmk:encryptData',
  'decrypt-data': 'kms:cmk:decryptData',
  'create-rsa-datakey-pair': 'kms:cmk:createRsaDataKeyPair',
  'create-ec-datakey-pair': 'kms:cmk:createEcDataKeyPair',
  'derive-shared-secret': 'kms:cmk:deriveSharedSecret',
  'generate-mac': 'kms:cmk:generateMac',
  'verify-mac': 'kms:cmk:verifyMac',
};

export type OperationDecision = 'Allow' | 'ExplicitDeny' | 'NoAllow';

export interface IssuerRights {
  /** IAM's decision per operation for the issuer on this key (Allow counts only in the issuer's own project). */
  readonly iam: ReadonlyMap<GrantOperation, OperationDecision>;
  /** Union of the operations of the issuer's own grants on the key. */
  readonly grants: ReadonlySet<GrantOperation>;
}

/** An operation is the issuer's when IAM allows it, or a grant gives it and IAM does not explicitly deny it. */
export function holdsOperation(rights: IssuerRights, operation: GrantOperation): boolean {
  const decision = rights.iam.get(operation) ?? 'NoAllow';
  return decision === 'Allow' || (decision === 'NoAllow' && rights.grants.has(operation));
}

/** KMS.0306 naming every requested operation the issuer does not hold itself. */
export function requireIssuerHolds(keyId: string, requested: readonly GrantOperation[], rights: IssuerRights): void {
  const missing = requested.filter((op) => !holdsOperation(rights, op));
  if (missing.length > 0) throw IssuerLacksOperations(keyId, missing);
}
