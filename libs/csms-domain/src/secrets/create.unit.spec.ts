import { KEY, T0, created, given, history, manyCreated, oneEvent, sealed, secretId, stateAfter } from '../fixtures.spec.js';
import { findSecretByName, secretCount } from '../state/queries.js';
import { refuseNewSecret, type CreateSecret } from './decide.js';

const create = (over: Partial<CreateSecret> = {}): CreateSecret => ({
  type: 'CreateSecret',
  secretId: secretId(900),
  name: 'db-password',
  kmsKeyId: KEY,
  value: sealed(1),
  now: T0 + 10,
  ...over,
});
const deleted = (n: number, at = T0 + 1) => ({ type: 'SecretDeleted' as const, secretId: secretId(n), at });

describe('CreateSecret', () => {
  it('creates v1 staged SYSCURRENT, Enabled, COMMON by default', () => {
    given().when(create()).then([
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
    given().when(create()).thenSucceeds((_, state) => {
      const s = findSecretByName(state, 'db-password');
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
  });

  it('name: 64 characters accepted, 65 refused; dots allowed; other characters refused naming the rule', () => {
    given().when(create({ name: 'a'.repeat(64) })).thenSucceeds(oneEvent);
    given().when(create({ name: 'my.secret_name-1' })).thenSucceeds(oneEvent);
    given().when(create({ name: 'a'.repeat(65) })).thenRefuses({ code: 'CSMS.0002', status: 400, message: '1..64' });
    given().when(create({ name: '' })).thenRefuses({ code: 'CSMS.0002' });
    given().when(create({ name: 'a/b' })).thenRefuses({ code: 'CSMS.0002', message: '"/"' });
  });

  it('description: 2048 bytes accepted, 2049 refused (bytes, not characters)', () => {
    given().when(create({ description: 'x'.repeat(2048) })).thenSucceeds(oneEvent);
    given().when(create({ description: 'x'.repeat(2049) })).thenRefuses({ code: 'CSMS.0002' });
    // 683 × 3-byte characters = 2049 bytes
    given().when(create({ description: '密'.repeat(683) })).thenRefuses({ code: 'CSMS.0002' });
    given().when(create({ description: '密'.repeat(682) })).thenSucceeds(oneEvent);
  });

  it('secret type: COMMON, RDS-FG, GaussDB-FG; anything else refused', () => {
    given().when(create({ secretType: 'RDS-FG' })).thenSucceeds((events) => expect(events[0]).toMatchObject({ secretType: 'RDS-FG' }));
    given().when(create({ secretType: 'RDS' })).thenRefuses({ code: 'CSMS.0002' });
  });

  it('expire time must be in the future', () => {
    given().when(create({ expireTime: T0 + 11 })).thenSucceeds((events) => expect(events[0]).toMatchObject({ firstVersion: { expireTime: T0 + 11 } }));
    given().when(create({ expireTime: T0 + 10 })).thenRefuses({ code: 'CSMS.0002' });
  });

  it('name unique among non-deleted secrets (CSMS.1002); a deleted secret frees its name', () => {
    given([created(1, 'db-password')]).when(create()).thenRefuses({ code: 'CSMS.1002' });
    const freed = [created(1, 'db-password'), deleted(1)];
    given(freed).when(create()).thenSucceeds(oneEvent);
    expect(findSecretByName(stateAfter(freed), 'db-password')).toBeUndefined();
  });

  it('a secret pending deletion still holds its name', () => {
    given([created(1, 'db-password'), { type: 'SecretDeletionScheduled', secretId: secretId(1), deleteAt: T0 + 99, at: T0 }])
      .when(create())
      .thenRefuses({ code: 'CSMS.1002' });
  });

  it('quota: the 200th secret is accepted, the 201st refused (CSMS.1001); deleting one frees a slot', () => {
    given(manyCreated(199)).when(create()).thenSucceeds(oneEvent);
    const full = manyCreated(200);
    expect(secretCount(stateAfter(full))).toBe(200);
    given(full).when(create()).thenRefuses({ code: 'CSMS.1001', message: '200' });
    const freed = history(full, { type: 'DeleteSecret', name: 'secret-7', now: T0 + 1 });
    expect(secretCount(stateAfter(freed))).toBe(199);
    given(freed).when(create()).thenSucceeds(oneEvent);
  });

  it('evolve ignores a duplicate SecretCreated', () => {
    expect(stateAfter([created(1, 'x'), created(2, 'x')])).toEqual(stateAfter([created(1, 'x')]));
  });

  it('refuseNewSecret, asked before the value is sealed: the same refusals as the command (name, expiry, quota), and none for a secret the command creates', () => {
    const { value: _value, type: _type, ...unsealed } = create();
    expect(() => refuseNewSecret(stateAfter([]), unsealed)).not.toThrow();
    for (const [events, over, code] of [
      [[], { name: 'a/b' }, 'CSMS.0002'],
      [[], { expireTime: T0 + 10 }, 'CSMS.0002'],
      [[created(1, 'db-password')], {}, 'CSMS.1002'],
      [manyCreated(200), {}, 'CSMS.1001'],
    ] as const) {
      given([...events]).when(create(over)).thenRefuses({ code });
      expect(() => refuseNewSecret(stateAfter([...events]), { ...unsealed, ...over })).toThrow(expect.objectContaining({ code }));
    }
  });
});
