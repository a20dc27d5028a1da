import { KEY, T0, created, given, manySecrets, refusal, run, sealed, secretId } from './fixtures.spec.js';
import { findSecretByName, secretCount } from './queries.js';
import { decide, type CreateSecret } from './secrets.decide.js';

const create = (over: Partial<CreateSecret> = {}): CreateSecret => ({
  type: 'CreateSecret',
  secretId: secretId(900),
  name: 'db-password',
  kmsKeyId: KEY,
  value: sealed(1),
  now: T0 + 10,
  ...over,
});
const code = (fn: () => unknown) => refusal(fn).code;

describe('CreateSecret', () => {
  it('creates v1 staged SYSCURRENT, Enabled, COMMON by default', () => {
    const events = decide(given(), create());
    expect(events).toEqual([
      {
        type: 'SecretCreated',
        secretId: secretId(900),
        name: 'db-password',
        description: '',
        kmsKeyId: KEY,
        secretType: 'COMMON',
        at: T0 + 10,
        firstVersion: { versionId: 'v1', value: sealed(1), expireTime: null },
      },
    ]);
    const s = findSecretByName(run(given(), create()), 'db-password');
    expect(s).toMatchObject({
      status: 'Enabled',
      id: secretId(900),
      createdAt: T0 + 10,
      updatedAt: T0 + 10,
      scheduledDeleteAt: null,
      stages: { SYSCURRENT: 'v1' },
      tags: [],
      lastVersionNumber: 1,
    });
    expect(s?.versions).toEqual([{ id: 'v1', createdAt: T0 + 10, expireTime: null, kmsKeyId: KEY, value: sealed(1) }]);
  });

  it('name: 64 characters accepted, 65 refused; dots allowed; other characters refused naming the rule', () => {
    expect(decide(given(), create({ name: 'a'.repeat(64) }))).toHaveLength(1);
    expect(decide(given(), create({ name: 'my.secret_name-1' }))).toHaveLength(1);
    const long = refusal(() => decide(given(), create({ name: 'a'.repeat(65) })));
    expect(long.code).toBe('CSMS.0002');
    expect(long.message).toContain('1..64');
    expect(code(() => decide(given(), create({ name: '' })))).toBe('CSMS.0002');
    const bad = refusal(() => decide(given(), create({ name: 'a/b' })));
    expect(bad.code).toBe('CSMS.0002');
    expect(bad.message).toContain('"/"');
  });

  it('description: 2048 bytes accepted, 2049 refused (bytes, not characters)', () => {
    expect(decide(given(), create({ description: 'x'.repeat(2048) }))).toHaveLength(1);
    expect(code(() => decide(given(), create({ description: 'x'.repeat(2049) })))).toBe('CSMS.0002');
    // 683 × 3-byte characters = 2049 bytes
    expect(code(() => decide(given(), create({ description: '密'.repeat(683) })))).toBe('CSMS.0002');
    expect(decide(given(), create({ description: '密'.repeat(682) }))).toHaveLength(1);
  });

  it('secret type: COMMON, RDS-FG, GaussDB-FG; anything else refused', () => {
    expect(decide(given(), create({ secretType: 'RDS-FG' }))[0]).toMatchObject({ secretType: 'RDS-FG' });
    expect(code(() => decide(given(), create({ secretType: 'RDS' })))).toBe('CSMS.0002');
  });

  it('expire time must be in the future', () => {
    expect(decide(given(), create({ expireTime: T0 + 11 }))[0]).toMatchObject({ firstVersion: { expireTime: T0 + 11 } });
    expect(code(() => decide(given(), create({ expireTime: T0 + 10 })))).toBe('CSMS.0002');
  });

  it('name unique among non-deleted secrets (CSMS.1002); a deleted secret frees its name', () => {
    const state = given(created(1, 'db-password'));
    expect(code(() => decide(state, create()))).toBe('CSMS.1002');
    const freed = given(created(1, 'db-password'), { type: 'SecretDeleted', secretId: secretId(1), at: T0 + 1 });
    expect(decide(freed, create())).toHaveLength(1);
    expect(findSecretByName(freed, 'db-password')).toBeUndefined();
  });

  it('a secret pending deletion still holds its name', () => {
    const state = given(created(1, 'db-password'), { type: 'SecretDeletionScheduled', secretId: secretId(1), deleteAt: T0 + 99, at: T0 });
    expect(code(() => decide(state, create()))).toBe('CSMS.1002');
  });

  it('quota: the 200th secret is accepted, the 201st refused (CSMS.1001); deleting one frees a slot', () => {
    expect(decide(manySecrets(199), create())).toHaveLength(1);
    const full = manySecrets(200);
    expect(secretCount(full)).toBe(200);
    const err = refusal(() => decide(full, create()));
    expect(err.code).toBe('CSMS.1001');
    expect(err.message).toContain('200');
    const freed = run(full, { type: 'DeleteSecret', name: 'secret-7', now: T0 + 1 });
    expect(secretCount(freed)).toBe(199);
    expect(decide(freed, create())).toHaveLength(1);
  });

  it('evolve ignores a duplicate SecretCreated', () => {
    const state = given(created(1, 'x'));
    expect(given(created(1, 'x'), created(2, 'x'))).toEqual(state);
  });
});
