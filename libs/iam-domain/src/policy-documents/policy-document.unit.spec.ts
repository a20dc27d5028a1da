import { refusal } from '../account.fixtures.spec.js';
import { validatePolicyDocument } from './policy-document.js';

const doc = (statement: object, extra: object = {}) => ({ Version: '1.1', Statement: [statement], ...extra });
const allowing = (Action: unknown, extra: object = {}) => doc({ Effect: 'Allow', Action, ...extra });
const message = (raw: unknown) => {
  const err = refusal(() => validatePolicyDocument(raw));
  expect(err.code).toBe('IAM.0001');
  return err.message;
};

describe('validatePolicyDocument: valid documents', () => {
  it('the example policies of the Huawei KMS user guide → accepted as they are', () => {
    const create = allowing(['kms:cmk:create', 'kms:cmk:getMaterial', 'kms:cmkTag:create', 'kms:cmkTag:batch', 'kms:cmk:importMaterial']);
    expect(validatePolicyDocument(create)).toEqual(create);
    const multi = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['rds:task:list'] }, { Effect: 'Deny', Action: ['kms:cmkTag:delete'] }] };
    expect(validatePolicyDocument(multi)).toEqual(multi);
  });

  it('wildcards in each part, v5 names, empty v5 resource part, Resource → accepted', () => {
    const raw = allowing(['*:*:*', 'kms:cmk:*', 'kms:*:get', 'kps:SSHKeyPair:create', 'csms::getEvent', 'k?s:cmk:cre*'], {
      Resource: ['KMS:*:*:KeyId:0d0466b0-e727-4d9c-b35d-f84bb474a37f', 'obs:*:*:bucket:*'],
    });
    expect(validatePolicyDocument(raw)).toEqual(raw);
  });

  it('result: a fresh copy (changing the input later changes nothing)', () => {
    const actions = ['kms:cmk:get'];
    const result = validatePolicyDocument(allowing(actions));
    actions.push('kms:cmk:create');
    expect(result.Statement[0]?.Action).toEqual(['kms:cmk:get']);
  });
});

describe('validatePolicyDocument: document level', () => {
  it('not an object → IAM.0001 saying what it got', () => {
    expect(message('{"Version":"1.1"}')).toBe('policy document must be a JSON object (got "{\\"Version\\":\\"1.1\\"}")');
    expect(message([])).toBe('policy document must be a JSON object (got an array)');
    expect(message(null)).toBe('policy document must be a JSON object (got null)');
  });

  it('Version "1.0" or missing → IAM.0001 naming Version', () => {
    expect(message({ ...allowing(['kms:cmk:get']), Version: '1.0' })).toBe('Version must be "1.1" (got "1.0")');
    expect(message({ Statement: [] })).toBe('Version must be "1.1" (missing)');
    expect(message({ ...allowing(['kms:cmk:get']), Version: 1.1 })).toBe('Version must be "1.1" (got number "1.1")');
  });

  it('Statement missing, empty or not an array → IAM.0001', () => {
    expect(message({ Version: '1.1' })).toBe('Statement must be a non-empty array of statements (missing)');
    expect(message({ Version: '1.1', Statement: [] })).toBe('Statement must be a non-empty array of statements (got an array)');
    expect(message({ Version: '1.1', Statement: {} })).toBe('Statement must be a non-empty array of statements (got an object)');
  });

  it('Statement: 50 statements → accepted; 51 → IAM.0001 naming the limit', () => {
    const s = { Effect: 'Allow', Action: ['kms:cmk:get'] };
    expect(validatePolicyDocument({ Version: '1.1', Statement: Array(50).fill(s) }).Statement).toHaveLength(50);
    expect(message({ Version: '1.1', Statement: Array(51).fill(s) })).toBe('Statement has 51 statements (limit 50)');
  });

  it('unknown key or Condition at document level → IAM.0001', () => {
    expect(message({ ...allowing(['kms:cmk:get']), Depends: [] })).toBe('policy document has an unknown key "Depends" (allowed: Version, Statement)');
    expect(message({ ...allowing(['kms:cmk:get']), Condition: {} })).toBe('Condition is not supported by DEW');
  });
});

describe('validatePolicyDocument: statement level', () => {
  it('statement not an object → IAM.0001 naming Statement[i]', () => {
    expect(message({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:get'] }, 'x'] })).toBe('Statement[1] must be an object (got "x")');
  });

  it('Effect "Permit" or missing → IAM.0001 naming Statement[0].Effect', () => {
    expect(message(doc({ Effect: 'Permit', Action: ['kms:cmk:get'] }))).toBe('Statement[0].Effect must be "Allow" or "Deny" (got "Permit")');
    expect(message(doc({ Action: ['kms:cmk:get'] }))).toBe('Statement[0].Effect must be "Allow" or "Deny" (missing)');
    expect(message(doc({ Effect: 'allow', Action: ['kms:cmk:get'] }))).toBe('Statement[0].Effect must be "Allow" or "Deny" (got "allow")');
  });

  it('Action empty, missing or a string → IAM.0001 naming Statement[0].Action', () => {
    expect(message(allowing([]))).toBe('Statement[0].Action must be a non-empty array of actions (got an array)');
    expect(message(doc({ Effect: 'Allow' }))).toBe('Statement[0].Action must be a non-empty array of actions (missing)');
    expect(message(allowing('kms:cmk:get'))).toBe('Statement[0].Action must be a non-empty array of actions (got "kms:cmk:get")');
  });

  it('Action: 100 entries → accepted; 101 → IAM.0001 naming the limit', () => {
    expect(validatePolicyDocument(allowing(Array(100).fill('kms:cmk:get'))).Statement[0]?.Action).toHaveLength(100);
    expect(message(allowing(Array(101).fill('kms:cmk:get')))).toBe('Statement[0].Action has 101 entries (limit 100)');
  });

  it('Action entry malformed → IAM.0001 naming Statement[i].Action[j] and the value', () => {
    const two = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:get'] }, { Effect: 'Deny', Action: ['kms:cmk'] }] };
    expect(message(two)).toMatch(/^Statement\[1\]\.Action\[0\] "kms:cmk" must be service:resource:action/);
    expect(message(allowing(['kms:cmk:get', 'KMS:cmk:get']))).toMatch(/^Statement\[0\]\.Action\[1\] "KMS:cmk:get" must be service:resource:action \(lower-case service/);
    expect(message(allowing(['*']))).toMatch(/^Statement\[0\]\.Action\[0\] "\*" must be/);
    expect(message(allowing(['kms:cmk:get:x']))).toMatch(/^Statement\[0\]\.Action\[0\]/);
    expect(message(allowing(['kms:cmk:'])))
      .toMatch(/^Statement\[0\]\.Action\[0\]/);
    expect(message(allowing([42]))).toBe('Statement[0].Action[0] must be a string (got number "42")');
  });

  it('Condition present → IAM.0001 "Condition is not supported by DEW" (a conditional Allow never widens)', () => {
    expect(message(allowing(['kms:cmk:get'], { Condition: { StringEquals: { 'g:ProjectName': ['x'] } } }))).toBe(
      'Statement[0].Condition is not supported by DEW',
    );
  });

  it('unknown statement key → IAM.0001 naming it', () => {
    expect(message(allowing(['kms:cmk:get'], { Sid: 'one' }))).toBe('Statement[0] has an unknown key "Sid" (allowed: Effect, Action, Resource)');
  });

  it('Resource: 10 entries → accepted; 11 → IAM.0001; empty → IAM.0001', () => {
    const r = 'KMS:*:*:KeyId:*';
    expect(validatePolicyDocument(allowing(['kms:cmk:get'], { Resource: Array(10).fill(r) })).Statement[0]?.Resource).toHaveLength(10);
    expect(message(allowing(['kms:cmk:get'], { Resource: Array(11).fill(r) }))).toBe('Statement[0].Resource has 11 entries (limit 10)');
    expect(message(allowing(['kms:cmk:get'], { Resource: [] }))).toBe('Statement[0].Resource must be a non-empty array of resources (got an array)');
  });

  it('Resource entry: 128 chars → accepted; 129 → IAM.0001; not 5 parts → IAM.0001 naming Resource[j]', () => {
    const at = (n: number) => `KMS:*:*:KeyId:${'k'.repeat(n - 14)}`;
    expect(at(128)).toHaveLength(128);
    expect(validatePolicyDocument(allowing(['kms:cmk:get'], { Resource: [at(128)] }))).toBeDefined();
    expect(message(allowing(['kms:cmk:get'], { Resource: [at(129)] }))).toBe('Statement[0].Resource[0] must be at most 128 characters (got 129)');
    expect(message(allowing(['kms:cmk:get'], { Resource: ['KMS:*:*:KeyId:*', 'KMS:*:KeyId:x'] }))).toBe(
      'Statement[0].Resource[1] "KMS:*:KeyId:x" must be svc:region:account:type:path (e.g. KMS:*:*:KeyId:<key id>)',
    );
    expect(message(allowing(['kms:cmk:get'], { Resource: ['*'] }))).toMatch(/^Statement\[0\]\.Resource\[0\] "\*" must be svc:region/);
  });
});
