import { OPERATION_NAMES, namesMatching } from './action-aliases.js';
import { actionMatches, evaluate, keyResourceUrn, resourceMatches } from './evaluate.js';
import { globMatch } from './glob.js';
import { allow, deny } from '../iam.fixtures.spec.js';
import type { PolicyDocument } from '../index.js';

const KEY = '0d0466b0-e727-4d9c-b35d-f84bb474a37f';
const OTHER_KEY = '7f3a0c1e-2b4d-4e6f-8a9b-0c1d2e3f4a5b';
const DOMAIN = '0123456789abcdef0123456789abcdef';
const onKey = (effect: 'Allow' | 'Deny', action: string, resource: string): PolicyDocument => ({
  Version: '1.1',
  Statement: [{ Effect: effect, Action: [action], Resource: [resource] }],
});

describe('globMatch', () => {
  it('globMatch: * any run (also empty), ? exactly one character, whole string only', () => {
    expect(globMatch('kms:*:*', 'kms:cmk:create')).toBe(true);
    expect(globMatch('kms:cmk:*', 'kms:cmk:')).toBe(true);
    expect(globMatch('kms:cmk:cr?ate', 'kms:cmk:create')).toBe(true);
    expect(globMatch('kms:cmk:cr?ate', 'kms:cmk:crate')).toBe(false);
    expect(globMatch('kms:cmk', 'kms:cmk:create')).toBe(false);
    expect(globMatch('*a*b*c', 'xaybzc')).toBe(true);
    expect(globMatch('*a*b*c', 'xaybz')).toBe(false);
  });

  it('globMatch: adversarial pattern on a long text → answers fast (no regex backtracking)', () => {
    const started = performance.now();
    expect(globMatch(`${'*a'.repeat(50)}b`, 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('actionMatches', () => {
  it('actionMatches: case-insensitive glob over the whole action', () => {
    expect(actionMatches('kms:cmk:create', 'KMS:CMK:CREATE')).toBe(true);
    expect(actionMatches('kms:cmk:*', 'kms:cmkTag:create')).toBe(false);
    expect(actionMatches('kms:cmk*:*', 'kms:cmkTag:create')).toBe(true);
  });

  it('actionMatches: a policy naming another name of the same single operation matches it, both ways', () => {
    expect(actionMatches('kms:cmk:retireGrant', 'kms:grant:retire')).toBe(true);
    expect(actionMatches('kms:grant:retire', 'kms:cmk:retireGrant')).toBe(true);
    expect(actionMatches('kms:dek:encrypt', 'kms:cmk:encryptDataKey')).toBe(true);
    expect(actionMatches('kms:cmk:encryptDataKey', 'kms:dek:encrypt')).toBe(true);
    expect(actionMatches('kps:SSHKeyPair:create', 'kps:domainKeypairs:create')).toBe(true);
    expect(actionMatches('kps:domainKeypairs:exportpk', 'kps:SSHKeyPair:exportPrivateKey')).toBe(true);
    expect(actionMatches('csms:secretVersion:create', 'csms:secret:createVersion')).toBe(true);
    expect(actionMatches('csms::getEvent', 'csms:event:get')).toBe(true);
  });

  it('actionMatches: a coarse 1.1 name in the policy matches every fine operation it covers', () => {
    expect(actionMatches('kms:dek:create', 'kms:cmk:createDataKey')).toBe(true);
    expect(actionMatches('kms:dek:create', 'kms:cmk:createDataKeyWithoutPlaintext')).toBe(true);
    expect(actionMatches('kms:dek:crypto', 'kms:cmk:encryptDataKey')).toBe(true);
    expect(actionMatches('kms:dek:crypto', 'kms:dek:decrypt')).toBe(true);
    expect(actionMatches('kms:cmk:crypto', 'kms:cmk:encryptData')).toBe(true);
    expect(actionMatches('kms:cmk:crypto', 'kms:cmk:decryptData')).toBe(true);
  });

  // Was "both ways" (a fine name in a policy matched a request for the coarse name): that let an
  // encrypt-only policy decrypt. Matching never expands a coarse name to fine names.
  it('actionMatches: a fine name in the policy never matches a coarse request nor a sibling operation', () => {
    expect(actionMatches('kms:cmk:encryptData', 'kms:cmk:crypto')).toBe(false);
    expect(actionMatches('kms:cmk:createDataKeyWithoutPlaintext', 'kms:dek:create')).toBe(false);
    expect(actionMatches('kms:cmk:encryptDataKey', 'kms:dek:crypto')).toBe(false);
    expect(actionMatches('kms:cmk:encryptDataKey', 'kms:cmk:decryptDataKey')).toBe(false);
    expect(actionMatches('kms:dek:encrypt', 'kms:dek:decrypt')).toBe(false);
    expect(actionMatches('kms:cmk:encryptData', 'kms:cmk:decryptData')).toBe(false);
    expect(actionMatches('kms:cmk:createDataKeyWithoutPlaintext', 'kms:cmk:createDataKey')).toBe(false);
  });

  it('OPERATION_NAMES: every entry stays inside one service and every name is a valid action', () => {
    for (const { names, coveredBy = [] } of OPERATION_NAMES) {
      expect(new Set([...names, ...coveredBy].map((n) => n.split(':')[0])).size).toBe(1);
      for (const n of [...names, ...coveredBy]) expect(n).toMatch(/^[a-z]+:[A-Za-z]*:[A-Za-z]+$/);
    }
    expect(namesMatching('kms:cmk:create')).toEqual(['kms:cmk:create']);
    expect(namesMatching('kms:cmk:crypto')).toEqual(['kms:cmk:crypto']);
  });
});

describe('resourceMatches / keyResourceUrn', () => {
  it('keyResourceUrn: KMS:<region>:<domainId>:KeyId:<keyId>', () => {
    expect(keyResourceUrn('dew-local', DOMAIN, KEY)).toBe(`KMS:dew-local:${DOMAIN}:KeyId:${KEY}`);
  });

  it('resourceMatches: per part, * never crosses a colon, service case-insensitive, the rest case-sensitive', () => {
    const urn = keyResourceUrn('dew-local', DOMAIN, KEY);
    expect(resourceMatches(`KMS:*:*:KeyId:${KEY}`, urn)).toBe(true);
    expect(resourceMatches(`kms:*:*:KeyId:${KEY}`, urn)).toBe(true);
    expect(resourceMatches(`KMS:*:*:keyid:${KEY}`, urn)).toBe(false);
    expect(resourceMatches(`KMS:*:*:KeyId:${KEY.toUpperCase()}`, urn)).toBe(false);
    expect(resourceMatches('KMS:*:*:KeyId:*', urn)).toBe(true);
    expect(resourceMatches(`KMS:dew-local:*:KeyId:${KEY}`, urn)).toBe(true);
    expect(resourceMatches(`KMS:other:*:KeyId:${KEY}`, urn)).toBe(false);
    expect(resourceMatches('KMS:*:*:KeyId:*', 'KMS:x:y')).toBe(false);
  });
});

describe('evaluate', () => {
  it('evaluate: no documents → NoAllow; matching Allow → Allow; matching Deny beside it → ExplicitDeny', () => {
    expect(evaluate([], { action: 'kms:cmk:create' })).toBe('NoAllow');
    expect(evaluate([allow('kms:cmk:create')], { action: 'kms:cmk:create' })).toBe('Allow');
    expect(evaluate([allow('kms:*:*'), deny('kms:cmkTag:delete')], { action: 'kms:cmkTag:delete' })).toBe('ExplicitDeny');
    expect(evaluate([allow('kms:*:*'), deny('kms:cmkTag:delete')], { action: 'kms:cmkTag:create' })).toBe('Allow');
  });

  it('evaluate: Deny for another action only → NoAllow (a Deny never allows)', () => {
    expect(evaluate([deny('kms:cmk:delete')], { action: 'kms:cmk:create' })).toBe('NoAllow');
  });

  it('evaluate: guide "use keys" example → encrypt-data allowed, create-datakey not (needs kms:dek:create)', () => {
    const useKeys = allow('kms:dek:crypto', 'kms:cmk:get', 'kms:cmk:crypto', 'kms:cmk:generate', 'kms:cmk:list');
    expect(evaluate([useKeys], { action: 'kms:cmk:encryptData' })).toBe('Allow');
    expect(evaluate([useKeys], { action: 'kms:cmk:decryptDataKey' })).toBe('Allow');
    expect(evaluate([useKeys], { action: 'kms:cmk:createDataKey' })).toBe('NoAllow');
  });

  it('evaluate: Allow on one key → that key only, never another key, never a resource-less request', () => {
    const doc = onKey('Allow', 'kms:cmk:get', `KMS:*:*:KeyId:${KEY}`);
    expect(evaluate([doc], { action: 'kms:cmk:get', resource: keyResourceUrn('r', DOMAIN, KEY) })).toBe('Allow');
    expect(evaluate([doc], { action: 'kms:cmk:get', resource: keyResourceUrn('r', DOMAIN, OTHER_KEY) })).toBe('NoAllow');
    expect(evaluate([doc], { action: 'kms:cmk:get' })).toBe('NoAllow');
  });

  it('evaluate: Deny on one key beside Allow all → that key denied, others allowed', () => {
    const docs = [allow('kms:*:*'), onKey('Deny', 'kms:cmk:*', `KMS:*:*:KeyId:${KEY}`)];
    expect(evaluate(docs, { action: 'kms:cmk:update', resource: keyResourceUrn('r', DOMAIN, KEY) })).toBe('ExplicitDeny');
    expect(evaluate(docs, { action: 'kms:cmk:update', resource: keyResourceUrn('r', DOMAIN, OTHER_KEY) })).toBe('Allow');
  });
});
