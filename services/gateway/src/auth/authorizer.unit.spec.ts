import { DewError } from '@dew/contracts';
import { routesOfFamily } from '../routes/index.js';
import type { RouteSpec } from '../routes/route.js';
import { Authorizer } from './authorizer.js';
import type { Authenticated, Decision } from './identity.js';

const KEY_A = '0d0466b0-e727-4d9c-b35d-f84bb474a37f';
const KEY_B = '7f3a0c1e-2b4d-4e6f-8a9b-0c1d2e3f4a5b';
const kmsRoutes = routesOfFamily('kms');
const routeOf = (subject: string): RouteSpec => {
  const found = kmsRoutes.find((r) => r.subject === subject);
  if (!found) throw new Error(`no route ${subject}`);
  return found;
};
const caller = (decision: Decision, secondDecision?: Decision): Authenticated => ({
  identity: { userId: 'u', userName: 'alice', domainId: 'd', domainName: 'dn', isDomainAdmin: false, projectIds: ['p'], accessKeyId: '' },
  decision,
  reason: '',
  ...(secondDecision ? { secondDecision } : {}),
});
const authorizer = new Authorizer();
const refusalOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DewError) return { code: err.code, message: err.message };
    throw err;
  }
  return undefined;
};

describe('Authorizer', () => {
  it('NoAllow on an operation acting on a named key (disable-key) travels to kms, whose key policy decides', () => {
    expect(authorizer.authorize(routeOf('kms.disable-key'), caller('NoAllow'), { keyId: KEY_A })).toEqual({ iamDecision: 'NoAllow' });
  });

  it('NoAllow on an operation on no single key (create-key, list-keys) is refused at the edge: 403 KMS.0307', () => {
    expect(refusalOf(() => authorizer.authorize(routeOf('kms.create-key'), caller('NoAllow'), { keyId: KEY_A }))).toEqual({
      code: 'KMS.0307', message: expect.stringContaining('kms:cmk:create'),
    });
    expect(refusalOf(() => authorizer.authorize(routeOf('kms.list-keys'), caller('NoAllow'), { keyId: KEY_A }))?.code).toBe('KMS.0307');
  });

  it('NoAllow on a key operation whose request named no key is refused at the edge', () => {
    expect(refusalOf(() => authorizer.authorize(routeOf('kms.disable-key'), caller('NoAllow')))?.code).toBe('KMS.0307');
  });

  it('an explicit IAM Deny is refused at the edge on every key operation, whatever a key policy says', () => {
    expect(refusalOf(() => authorizer.authorize(routeOf('kms.encrypt-data'), caller('ExplicitDeny'), { keyId: KEY_A }))).toEqual({
      code: 'KMS.0307', message: expect.stringContaining('an explicit Deny applies'),
    });
  });

  it('re-encrypt: both decisions travel; the second names the destination\'s own action', () => {
    expect(authorizer.authorize(routeOf('kms.re-encrypt'), caller('Allow', 'NoAllow'), { keyId: KEY_A, secondKeyId: KEY_B })).toEqual({ iamDecision: 'Allow', secondKeyDecision: 'NoAllow' });
    expect(authorizer.authorize(routeOf('kms.re-encrypt'), caller('NoAllow', 'Allow'), { keyId: KEY_A, secondKeyId: KEY_B })).toEqual({ iamDecision: 'NoAllow', secondKeyDecision: 'Allow' });
  });

  it('re-encrypt: an explicit Deny on the destination key alone refuses the call with the encrypt action named', () => {
    expect(refusalOf(() => authorizer.authorize(routeOf('kms.re-encrypt'), caller('Allow', 'ExplicitDeny'), { keyId: KEY_A, secondKeyId: KEY_B }))).toEqual({
      code: 'KMS.0307', message: expect.stringContaining('kms:cmk:encryptData'),
    });
  });

  it('re-encrypt without a destination key: its decision is NoAllow, never Allow', () => {
    expect(authorizer.authorize(routeOf('kms.re-encrypt'), caller('Allow', 'Allow'), { keyId: KEY_A })).toEqual({ iamDecision: 'Allow', secondKeyDecision: 'NoAllow' });
  });
});
