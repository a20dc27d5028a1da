// Each KMS, CSMS and KPS route checks one operation's own action (docs/authorization.md): a policy
// naming that action or a coarse 1.1 name covering it allows the route; a policy naming any other
// route's action does not.
import { evaluate, type PolicyDocument } from '@dew/iam-domain';
import { GRANT_OPERATION_ACTIONS, isGrantOperation } from '@dew/kms-domain';
import { routesOfFamily } from './index.js';

const kmsRoutes = routesOfFamily('kms');

/** The coarse 1.1 names and the fine operations each one covers (docs/authorization.md). */
const COARSE: Readonly<Record<string, readonly string[]>> = {
  'kms:dek:create': ['kms:cmk:createDataKey', 'kms:cmk:createDataKeyWithoutPlaintext'],
  'kms:dek:crypto': ['kms:cmk:encryptDataKey', 'kms:cmk:decryptDataKey'],
  'kms:cmk:crypto': ['kms:cmk:encryptData', 'kms:cmk:decryptData'],
};

const routes = [...kmsRoutes, ...routesOfFamily('csms'), ...routesOfFamily('kps')];
const allowing = (action: string): PolicyDocument => ({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: [action] }] });
const label = (r: (typeof routes)[number]) => `${r.method} ${r.path} (${r.action})`;

describe('route actions × policies', () => {
  it.each(routes.map((r) => [label(r), r] as const))('%s: a policy naming the route\'s own action allows it', (_name, route) => {
    expect(evaluate([allowing(route.action)], { action: route.action })).toBe('Allow');
  });

  it.each(routes.map((r) => [label(r), r] as const))('%s: a coarse name allows it exactly when it covers the operation', (_name, route) => {
    for (const [coarse, covered] of Object.entries(COARSE)) {
      expect([label(route), coarse, evaluate([allowing(coarse)], { action: route.action })]).toEqual([label(route), coarse, covered.includes(route.action) ? 'Allow' : 'NoAllow']);
    }
  });

  it.each(routes.map((r) => [label(r), r] as const))('%s: a policy naming another route\'s action never allows it', (_name, route) => {
    for (const other of routes.filter((o) => o.action !== route.action)) {
      expect([label(route), other.action, evaluate([allowing(other.action)], { action: route.action })]).toEqual([label(route), other.action, 'NoAllow']);
    }
  });

  it('the crypto routes that shared a coarse name each check their own fine action', () => {
    const actionOf = (verb: string) => kmsRoutes.find((r) => r.subject === `kms.${verb}`)?.action;
    expect(Object.values(COARSE).flat().sort()).toEqual(
      ['create-datakey', 'create-datakey-without-plaintext', 'encrypt-datakey', 'decrypt-datakey', 'encrypt-data', 'decrypt-data'].map(actionOf).sort(),
    );
  });

  it('a grant operation is checked against the same action as its route (the grant-issuance rule relies on it)', () => {
    const coverable = kmsRoutes.filter((r) => r.grantCoverable);
    expect(coverable.length).toBe(Object.keys(GRANT_OPERATION_ACTIONS).length);
    for (const route of coverable) {
      const verb = route.subject.slice('kms.'.length);
      expect(isGrantOperation(verb) ? [verb, GRANT_OPERATION_ACTIONS[verb]] : [verb, 'not a grant operation']).toEqual([verb, route.action]);
    }
  });
});
