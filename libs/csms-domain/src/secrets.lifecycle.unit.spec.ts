import { KEY, T0, addVersion, created, given, refusal, run, sealed, secretId } from './fixtures.spec.js';
import { dueForDeletion, findSecretById, findSecretByName, requireEnabledSecret, secretCount } from './queries.js';
import { DAY_MS } from './rules.js';
import { decide, type RestoreSecret, type SecretCommand } from './secrets.decide.js';
import type { SecretSet } from './secrets.js';

const code = (fn: () => unknown) => refusal(fn).code;
const one = () => given(created(1, 'app'));
const schedule = (days: number, now = T0 + 100): SecretCommand => ({ type: 'ScheduleSecretDeletion', name: 'app', days, now });
const pending = (): SecretSet => run(one(), schedule(7));

describe('UpdateSecret', () => {
  it('changes key and description; unchanged fields yield nothing', () => {
    const events = decide(one(), { type: 'UpdateSecret', name: 'app', kmsKeyId: 'other-key', description: 'd', now: T0 + 5 });
    expect(events).toEqual([{ type: 'SecretUpdated', secretId: secretId(1), kmsKeyId: 'other-key', description: 'd', at: T0 + 5 }]);
    expect(decide(one(), { type: 'UpdateSecret', name: 'app', kmsKeyId: KEY, description: '', now: T0 + 5 })).toEqual([]);
    const s = findSecretByName(run(one(), { type: 'UpdateSecret', name: 'app', description: 'new', now: T0 + 5 }), 'app');
    expect(s).toMatchObject({ description: 'new', kmsKeyId: KEY, updatedAt: T0 + 5 });
  });

  it('new versions carry the key of their value; old ones keep theirs', () => {
    const state = run(
      one(),
      { type: 'UpdateSecret', name: 'app', kmsKeyId: 'k2', now: T0 + 5 },
      { type: 'AddSecretVersion', name: 'app', value: sealed(2, 'k2'), now: T0 + 6 },
    );
    expect(findSecretByName(state, 'app')?.versions.map((v) => v.kmsKeyId)).toEqual([KEY, 'k2']);
  });

  it('unknown name → CSMS.0005; description over 2048 bytes → CSMS.0002', () => {
    expect(code(() => decide(one(), { type: 'UpdateSecret', name: 'nope', description: 'x', now: T0 }))).toBe('CSMS.0005');
    expect(code(() => decide(one(), { type: 'UpdateSecret', name: 'app', description: 'x'.repeat(2049), now: T0 }))).toBe('CSMS.0002');
  });
});

describe('deletion', () => {
  it('days 7 and 30 accepted, 6 and 31 refused naming the value', () => {
    expect(decide(one(), schedule(7))).toEqual([
      { type: 'SecretDeletionScheduled', secretId: secretId(1), deleteAt: T0 + 100 + 7 * DAY_MS, at: T0 + 100 },
    ]);
    expect(decide(one(), schedule(30))).toHaveLength(1);
    for (const days of [6, 31, 7.5]) {
      const err = refusal(() => decide(one(), schedule(days)));
      expect(err.code).toBe('CSMS.0002');
      expect(err.message).toContain(String(days));
    }
  });

  it('scheduling twice → CSMS.0107; cancelling when not scheduled → CSMS.0108', () => {
    expect(code(() => decide(pending(), schedule(10)))).toBe('CSMS.0107');
    expect(code(() => decide(one(), { type: 'CancelSecretDeletion', name: 'app', now: T0 }))).toBe('CSMS.0108');
  });

  it('cancel restores Enabled', () => {
    const s = findSecretByName(run(pending(), { type: 'CancelSecretDeletion', name: 'app', now: T0 + 200 }), 'app');
    expect(s).toMatchObject({ status: 'Enabled', scheduledDeleteAt: null });
  });

  it('a secret pending deletion can be neither read nor changed (CSMS.0103)', () => {
    const state = pending();
    expect(findSecretByName(state, 'app')).toMatchObject({ status: 'PendingDeletion', scheduledDeleteAt: T0 + 100 + 7 * DAY_MS });
    expect(code(() => requireEnabledSecret(state, 'app'))).toBe('CSMS.0103');
    const refused: SecretCommand[] = [
      addVersion('app', 2),
      { type: 'UpdateSecret', name: 'app', description: 'x', now: T0 },
      { type: 'UpdateStage', name: 'app', stage: 'X', versionId: 'v1', now: T0 },
      { type: 'DeleteStage', name: 'app', stage: 'X', now: T0 },
      { type: 'UpdateVersionExpiry', name: 'app', versionId: 'v1', expireTime: T0 + DAY_MS, now: T0 },
      { type: 'AddSecretTag', secretId: secretId(1), tag: { key: 'a', value: 'b' }, now: T0 },
      { type: 'RemoveSecretTag', secretId: secretId(1), tagKey: 'a', now: T0 },
      { type: 'BatchSecretTags', secretId: secretId(1), action: 'create', tags: [{ key: 'a' }], now: T0 },
    ];
    for (const cmd of refused) expect([cmd.type, code(() => decide(state, cmd))]).toEqual([cmd.type, 'CSMS.0103']);
  });

  it('delete now: irreversible, also while pending; frees name; later commands → CSMS.0005', () => {
    for (const start of [one(), pending()]) {
      const state = run(start, { type: 'DeleteSecret', name: 'app', now: T0 + 300 });
      expect(findSecretByName(state, 'app')).toBeUndefined();
      expect(findSecretById(state, secretId(1))).toBeUndefined();
      expect(state.secrets.get(secretId(1))?.status).toBe('Deleted');
      expect(secretCount(state)).toBe(0);
      expect(code(() => decide(state, { type: 'DeleteSecret', name: 'app', now: T0 }))).toBe('CSMS.0005');
      expect(code(() => decide(state, addVersion('app', 2)))).toBe('CSMS.0005');
      expect(code(() => decide(state, { type: 'AddSecretTag', secretId: secretId(1), tag: { key: 'a' }, now: T0 }))).toBe('CSMS.0005');
    }
  });

  it('the scheduler deletes only when due; idempotent afterwards; unknown id → CSMS.0005', () => {
    const state = pending();
    const deadline = T0 + 100 + 7 * DAY_MS;
    expect(dueForDeletion(state, deadline - 1)).toEqual([]);
    expect(dueForDeletion(state, deadline)).toEqual([secretId(1)]);
    expect(decide(state, { type: 'ExecuteSecretDeletion', secretId: secretId(1), now: deadline - 1 })).toEqual([]);
    expect(decide(one(), { type: 'ExecuteSecretDeletion', secretId: secretId(1), now: deadline })).toEqual([]);
    const events = decide(state, { type: 'ExecuteSecretDeletion', secretId: secretId(1), now: deadline });
    expect(events).toEqual([{ type: 'SecretDeleted', secretId: secretId(1), at: deadline }]);
    const gone = run(state, { type: 'ExecuteSecretDeletion', secretId: secretId(1), now: deadline });
    expect(decide(gone, { type: 'ExecuteSecretDeletion', secretId: secretId(1), now: deadline + 1 })).toEqual([]);
    expect(dueForDeletion(gone, deadline + 1)).toEqual([]);
    expect(code(() => decide(gone, { type: 'ExecuteSecretDeletion', secretId: secretId(2), now: deadline }))).toBe('CSMS.0005');
  });
});

describe('RestoreSecret', () => {
  const backup = (): RestoreSecret => {
    const s = findSecretByName(run(one(), addVersion('app', 2), addVersion('app', 3, ['custom'])), 'app');
    if (!s) throw new Error('no secret');
    return {
      type: 'RestoreSecret',
      secretId: s.id,
      name: s.name,
      description: 'restored',
      kmsKeyId: s.kmsKeyId,
      secretType: s.secretType,
      versions: s.versions,
      stages: s.stages,
      tags: [{ key: 'env', value: 'prod' }],
      now: T0 + 1000,
    };
  };

  it('refused while the name exists (CSMS.1002); accepted once deleted, with versions, stages, tags', () => {
    const b = backup();
    const live = run(one(), addVersion('app', 2));
    expect(code(() => decide(live, b))).toBe('CSMS.1002');
    const deleted = run(live, { type: 'DeleteSecret', name: 'app', now: T0 + 500 });
    const restored = findSecretByName(run(deleted, b), 'app');
    expect(restored).toMatchObject({
      status: 'Enabled',
      description: 'restored',
      stages: { SYSCURRENT: 'v2', SYSPREVIOUS: 'v1', custom: 'v3' },
      tags: [{ key: 'env', value: 'prod' }],
      lastVersionNumber: 3,
    });
    expect(restored?.versions.map((v) => v.id)).toEqual(['v1', 'v2', 'v3']);
    // next version continues the numbering
    const next = run(run(deleted, b), addVersion('app', 4));
    expect(findSecretByName(next, 'app')?.stages).toMatchObject({ SYSCURRENT: 'v4', SYSPREVIOUS: 'v2' });
  });

  it('into a fresh project, under another id; quota applies', () => {
    expect(decide(given(), { ...backup(), secretId: secretId(77) })).toHaveLength(1);
    const full = given(...Array.from({ length: 200 }, (_, i) => created(i + 10)));
    expect(code(() => decide(full, backup()))).toBe('CSMS.1001');
  });

  it('an inconsistent backup is refused (CSMS.0002)', () => {
    const b = backup();
    expect(code(() => decide(given(), { ...b, versions: [] }))).toBe('CSMS.0002');
    expect(code(() => decide(given(), { ...b, stages: { custom: 'v3' } }))).toBe('CSMS.0002');
    expect(code(() => decide(given(), { ...b, stages: { SYSCURRENT: 'v9' } }))).toBe('CSMS.0002');
    expect(code(() => decide(given(), { ...b, tags: Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: '' })) }))).toBe('CSMS.0002');
  });
});
