import { T0, addVersion, created, given, refusal, run } from './fixtures.spec.js';
import { findSecretByName, resolveStage, resolveVersion, versionStages } from './queries.js';
import { decide } from './secrets.decide.js';
import type { SecretSet } from './secrets.js';

const code = (fn: () => unknown) => refusal(fn).code;
const one = () => given(created(1, 'app'));
const secret = (state: SecretSet) => {
  const s = findSecretByName(state, 'app');
  if (!s) throw new Error('no secret app');
  return s;
};
const withVersions = (n: number, stagesOf: (i: number) => readonly string[] | undefined = () => undefined) =>
  run(one(), ...Array.from({ length: n - 1 }, (_, i) => addVersion('app', i + 2, stagesOf(i + 2))));
const stage = (stageName: string, versionId: string) => ({ type: 'UpdateStage' as const, name: 'app', stage: stageName, versionId, now: T0 + 99 });
const custom = (n: number) => Array.from({ length: n }, (_, i) => `S${i + 1}`);

describe('versions', () => {
  it('without stages: next version v2 gets SYSCURRENT, v1 becomes SYSPREVIOUS', () => {
    const events = decide(one(), addVersion('app', 2));
    expect(events).toEqual([
      {
        type: 'SecretVersionAdded',
        secretId: secret(one()).id,
        versionId: 'v2',
        value: { kmsKeyId: expect.any(String), sealed: 'sealed-2' },
        stages: ['SYSCURRENT'],
        expireTime: null,
        removedVersionId: null,
        at: T0 + 2,
      },
    ]);
    const s = secret(withVersions(3));
    expect(s.stages).toEqual({ SYSCURRENT: 'v3', SYSPREVIOUS: 'v2' });
    expect(versionStages(s, 'v1')).toEqual([]);
    expect(versionStages(s, 'v3')).toEqual(['SYSCURRENT']);
    expect(resolveVersion(s, 'latest').id).toBe('v3');
    expect(resolveStage(s, 'SYSPREVIOUS').id).toBe('v2');
  });

  it('with stages: the new version carries exactly those; SYSCURRENT stays', () => {
    const s = secret(run(one(), addVersion('app', 2, ['pending', 'blue', 'blue'])));
    expect(versionStages(s, 'v2')).toEqual(['blue', 'pending']);
    expect(s.stages).toEqual({ SYSCURRENT: 'v1', pending: 'v2', blue: 'v2' });
    expect(resolveVersion(s, 'latest').id).toBe('v1');
  });

  it('a stage names one version: putting it elsewhere moves it', () => {
    const s = secret(run(one(), addVersion('app', 2, ['blue']), addVersion('app', 3, ['blue'])));
    expect(s.stages).toEqual({ SYSCURRENT: 'v1', blue: 'v3' });
  });

  it('version_stages: 1..12 items, each 1..64 of [A-Za-z0-9_-]; SYSCURRENT with SYSPREVIOUS refused', () => {
    expect(code(() => decide(one(), addVersion('app', 2, [])))).toBe('CSMS.0002');
    // 10 custom + SYSCURRENT here + SYSPREVIOUS on v1 = 12 stages
    expect(decide(one(), addVersion('app', 2, custom(10).concat('SYSCURRENT')))).toHaveLength(1);
    // 12 items are a valid list, but with SYSCURRENT on v1 they make 13 stages
    expect(code(() => decide(one(), addVersion('app', 2, custom(12))))).toBe('CSMS.1003');
    expect(code(() => decide(one(), addVersion('app', 2, custom(13))))).toBe('CSMS.0002');
    expect(decide(one(), addVersion('app', 2, ['x'.repeat(64)]))).toHaveLength(1);
    expect(code(() => decide(one(), addVersion('app', 2, ['x'.repeat(65)])))).toBe('CSMS.0002');
    expect(code(() => decide(one(), addVersion('app', 2, ['a.b'])))).toBe('CSMS.0002');
    expect(code(() => decide(one(), addVersion('app', 2, ['SYSCURRENT', 'SYSPREVIOUS'])))).toBe('CSMS.0002');
  });

  it('20 versions kept; the 21st removes the oldest version with no stage', () => {
    const twenty = secret(withVersions(20));
    expect(twenty.versions).toHaveLength(20);
    const events = decide(withVersions(20), addVersion('app', 21));
    expect(events[0]).toMatchObject({ versionId: 'v21', removedVersionId: 'v1' });
    const s = secret(withVersions(21));
    expect(s.versions.map((v) => v.id)).toEqual(Array.from({ length: 20 }, (_, i) => `v${i + 2}`));
  });

  it('the oldest *unstaged* version goes: staged old versions stay', () => {
    const state = run(withVersions(20), stage('keep', 'v1'), stage('keep2', 'v2'));
    const s = secret(run(state, addVersion('app', 21)));
    expect(s.versions.map((v) => v.id).slice(0, 3)).toEqual(['v1', 'v2', 'v4']);
  });

  it('ids continue from the highest ever used, even if that version was removed', () => {
    // v2..v20 carry custom stages only, v21 is unstaged and newest … force removal of the newest id
    let state = one();
    for (let i = 2; i <= 20; i++) state = run(state, addVersion('app', i, ['tmp']));
    // only v1 (SYSCURRENT) and v20 (tmp) are staged; delete tmp so v2..v20 are unstaged
    state = run(state, { type: 'DeleteStage', name: 'app', stage: 'tmp', now: T0 + 50 });
    for (let i = 2; i <= 20; i++) state = run(state, stage('pin', `v${i}`));
    state = run(state, { type: 'DeleteStage', name: 'app', stage: 'pin', now: T0 + 60 });
    state = run(state, addVersion('app', 21, ['z']), addVersion('app', 22, ['z']));
    const s = secret(state);
    expect(s.versions).toHaveLength(20);
    expect(s.lastVersionNumber).toBe(22);
    state = run(state, addVersion('app', 23));
    expect(secret(state).versions.at(-1)?.id).toBe('v23');
  });

  it('reading an unknown version → CSMS.0005', () => {
    expect(code(() => resolveVersion(secret(one()), 'v9'))).toBe('CSMS.0005');
    expect(code(() => resolveStage(secret(one()), 'nope'))).toBe('CSMS.0005');
  });

  it('version expiry: set, cleared, past refused, unknown version → CSMS.0005', () => {
    const set = run(one(), { type: 'UpdateVersionExpiry', name: 'app', versionId: 'v1', expireTime: T0 + 1000, now: T0 });
    expect(secret(set).versions[0]?.expireTime).toBe(T0 + 1000);
    const cleared = decide(set, { type: 'UpdateVersionExpiry', name: 'app', versionId: 'v1', expireTime: null, now: T0 });
    expect(cleared).toEqual([{ type: 'SecretVersionExpiryChanged', secretId: secret(one()).id, versionId: 'v1', expireTime: null, at: T0 }]);
    expect(code(() => decide(one(), { type: 'UpdateVersionExpiry', name: 'app', versionId: 'v1', expireTime: T0 - 1, now: T0 }))).toBe('CSMS.0002');
    expect(code(() => decide(one(), { type: 'UpdateVersionExpiry', name: 'app', versionId: 'v2', expireTime: null, now: T0 }))).toBe('CSMS.0005');
  });
});

describe('stages', () => {
  it('UpdateStage moves a stage; SYSCURRENT moving leaves SYSPREVIOUS on its former holder', () => {
    const state = withVersions(3);
    expect(decide(state, stage('SYSCURRENT', 'v1'))).toEqual([
      { type: 'VersionStageMoved', secretId: secret(state).id, stage: 'SYSCURRENT', versionId: 'v1', previousVersionId: 'v3', at: T0 + 99 },
    ]);
    expect(secret(run(state, stage('SYSCURRENT', 'v1'))).stages).toEqual({ SYSCURRENT: 'v1', SYSPREVIOUS: 'v3' });
    expect(secret(run(state, stage('blue', 'v2'))).stages).toEqual({ SYSCURRENT: 'v3', SYSPREVIOUS: 'v2', blue: 'v2' });
    expect(decide(state, stage('SYSCURRENT', 'v3'))).toEqual([]);
  });

  it('UpdateStage: unknown version → CSMS.0005; bad stage name → CSMS.0002', () => {
    expect(code(() => decide(one(), stage('blue', 'v2')))).toBe('CSMS.0005');
    expect(code(() => decide(one(), stage('blue', 'latest')))).toBe('CSMS.0005');
    expect(code(() => decide(one(), stage('', 'v1')))).toBe('CSMS.0002');
    expect(code(() => decide(one(), { ...stage('blue', 'v1'), name: 'nope' }))).toBe('CSMS.0005');
  });

  it('12 stages accepted, the 13th refused (CSMS.1003) by UpdateStage and AddSecretVersion', () => {
    // SYSCURRENT + 11 custom = 12
    const full = run(one(), ...custom(11).map((s) => stage(s, 'v1')));
    expect(Object.keys(secret(full).stages)).toHaveLength(12);
    const err = refusal(() => decide(full, stage('S12', 'v1')));
    expect(err.code).toBe('CSMS.1003');
    expect(err.message).toContain('stage limit of 12 reached');
    expect(code(() => decide(full, addVersion('app', 2, ['new'])))).toBe('CSMS.1003');
    // SYSCURRENT moving would add SYSPREVIOUS as a 13th
    expect(code(() => decide(full, addVersion('app', 2)))).toBe('CSMS.1003');
    // moving an existing stage is fine
    expect(decide(run(full, addVersion('app', 2, ['S1'])), stage('S2', 'v2'))).toHaveLength(1);
  });

  it('DeleteStage: custom removed; SYSCURRENT/SYSPREVIOUS → CSMS.0105; unknown → CSMS.0005', () => {
    const state = run(withVersions(2), stage('blue', 'v1'));
    expect(secret(run(state, { type: 'DeleteStage', name: 'app', stage: 'blue', now: T0 })).stages).toEqual({ SYSCURRENT: 'v2', SYSPREVIOUS: 'v1' });
    expect(code(() => decide(state, { type: 'DeleteStage', name: 'app', stage: 'SYSCURRENT', now: T0 }))).toBe('CSMS.0105');
    expect(code(() => decide(state, { type: 'DeleteStage', name: 'app', stage: 'SYSPREVIOUS', now: T0 }))).toBe('CSMS.0105');
    expect(code(() => decide(state, { type: 'DeleteStage', name: 'app', stage: 'green', now: T0 }))).toBe('CSMS.0005');
    expect(code(() => decide(state, { type: 'DeleteStage', name: 'app', stage: 'constructor', now: T0 }))).toBe('CSMS.0005');
  });

  it('stage names that are Object.prototype members are ordinary stages', () => {
    const s = secret(run(withVersions(2), stage('constructor', 'v1'), stage('__proto__', 'v2')));
    expect(versionStages(s, 'v1')).toEqual(['SYSPREVIOUS', 'constructor']);
    expect(versionStages(s, 'v2')).toEqual(['SYSCURRENT', '__proto__']);
  });
});
