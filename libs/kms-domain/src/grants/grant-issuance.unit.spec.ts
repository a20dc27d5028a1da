import { DewError } from '@dew/contracts';
import { holdsOperation, requireIssuerHolds, type IssuerRights, type OperationDecision } from './grant-issuance.js';
import type { GrantOperation } from '../index.js';

const KEY = '0d0466b0-e727-4d9c-b35d-f84bb474a37f';
const rights = (iam: Partial<Record<GrantOperation, OperationDecision>>, grants: readonly GrantOperation[] = []): IssuerRights => ({
  iam: new Map(Object.entries(iam) as [GrantOperation, OperationDecision][]),
  grants: new Set(grants),
});
const refusalOf = (fn: () => void) => {
  try {
    fn();
    return 'no refusal';
  } catch (err) {
    return err instanceof DewError ? { code: err.code, status: err.status, message: err.message } : err;
  }
};

describe('grant issuance', () => {
  it('holdsOperation: IAM Allow → held; a grant of the operation → held unless IAM explicitly denies it', () => {
    expect(holdsOperation(rights({ 'decrypt-data': 'Allow' }), 'decrypt-data')).toBe(true);
    expect(holdsOperation(rights({ 'decrypt-data': 'NoAllow' }, ['decrypt-data']), 'decrypt-data')).toBe(true);
    expect(holdsOperation(rights({ 'decrypt-data': 'ExplicitDeny' }, ['decrypt-data']), 'decrypt-data')).toBe(false);
    expect(holdsOperation(rights({ 'decrypt-data': 'NoAllow' }, ['encrypt-data']), 'decrypt-data')).toBe(false);
  });

  it('requireIssuerHolds: a grantee holding create-grant and describe-key cannot pass on decrypt-data → KMS.0306 naming it', () => {
    const issuer = rights({}, ['create-grant', 'describe-key']);
    expect(refusalOf(() => requireIssuerHolds(KEY, ['describe-key', 'decrypt-data', 'encrypt-data'], issuer))).toEqual({
      code: 'KMS.0306',
      status: 403,
      message: `a grant on key ${KEY} may pass on only operations its issuer holds; the caller lacks decrypt-data, encrypt-data`,
    });
  });

  it('requireIssuerHolds: a subset of the issuer\'s IAM rights and grants passes', () => {
    const issuer = rights({ 'encrypt-data': 'Allow', 'create-grant': 'Allow' }, ['describe-key']);
    expect(refusalOf(() => requireIssuerHolds(KEY, ['encrypt-data', 'describe-key', 'create-grant'], issuer))).toBe('no refusal');
  });
});
