import { T0, addVersion, created, given, history, oneEvent, secretId, stateAfter } from '../fixtures.spec.js';
import type { SecretEvent } from '../secret-set.decider.js';
import { findSecretByName, versionStages } from '../state/queries.js';
import type { SecretSet } from '../state/secret-set.js';
import { resolveStage, resolveVersion } from './queries.js';

const one = [created(1, 'app')];
const secret = (state: SecretSet) => {
  const s = findSecretByName(state, 'app');
  if (!s) throw new Error('no secret app');
  return s;
};
const withVersions = (n: number, stagesOf: (i: number) => readonly string[] | undefined = () => undefined): SecretEvent[] =>
  history(one, ...Array.from({ length: n - 1 }, (_, i) => addVersion('app', i + 2, stagesOf(i + 2))));
const stage = (stageName: string, versionId: string) => ({ type: 'UpdateStage' as const, name: 'app', stage: stageName, versionId, now: T0 + 99 });
const custom = (n: number) => Array.from({ length: n }, (_, i) => `S${i + 1}`);

describe('versions', () => {
  it('without stages: next version v2 gets SYSCURRENT, v1 becomes SYSPREVIOUS', () => {
    given(one)
      .when(addVersion('app', 2))
      .then([
        {
          type: 'SecretVersionAdded',
          secretId: secretId(1),
          versionId: 'v2',
          value: { kmsKeyId: expect.any(String), sealed: 'sealed-2' },
          stages: ['SYSCURRENT'],
          expireTime: null,
          removedVersionId: null,
          at: T0 + 2,
        },
      ]);
    const s = secret(stateAfter(withVersions(3)));
    expect(s.stages).toEqual({ SYSCURRENT: 'v3', SYSPREVIOUS: 'v2' });
    expect(versionStages(s, 'v1')).toEqual([]);
    expect(versionStages(s, 'v3')).toEqual(['SYSCURRENT']);
    expect(resolveVersion(s, 'latest').id).toBe('v3');
    expect(resolveStage(s, 'SYSPREVIOUS').id).toBe('v2');
  });

  it('with stages: the new version carries exactly those; SYSCURRENT stays', () => {
    given(one)
      .when(addVersion('app', 2, ['pending', 'blue', 'blue']))
      .thenSucceeds((_, state) => {
        const s = secret(state);
        expect(versionStages(s, 'v2')).toEqual(['blue', 'pending']);
        expect(s.stages).toEqual({ SYSCURRENT: 'v1', pending: 'v2', blue: 'v2' });
        expect(resolveVersion(s, 'latest').id).toBe('v1');
      });
  });

  it('a stage names one version: putting it elsewhere moves it', () => {
    given(history(one, addVersion('app', 2, ['blue'])))
      .when(addVersion('app', 3, ['blue']))
      .thenSucceeds((_, state) => expect(secret(state).stages).toEqual({ SYSCURRENT: 'v1', blue: 'v3' }));
  });

  it('version_stages: 1..12 items, each 1..64 of [A-Za-z0-9_-]; SYSCURRENT with SYSPREVIOUS refused', () => {
    given(one).when(addVersion('app', 2, [])).thenRefuses({ code: 'CSMS.0002', message: 'version_stages must hold 1..12 items, got 0' });
    // 10 custom + SYSCURRENT here + SYSPREVIOUS on v1 = 12 stages
    given(one).when(addVersion('app', 2, custom(10).concat('SYSCURRENT'))).thenSucceeds(oneEvent);
    // 12 items are a valid list, but with SYSCURRENT on v1 they make 13 stages
    given(one).when(addVersion('app', 2, custom(12))).thenRefuses({ code: 'CSMS.1003' });
    given(one).when(addVersion('app', 2, custom(13))).thenRefuses({ code: 'CSMS.0002' });
    given(one).when(addVersion('app', 2, ['x'.repeat(64)])).thenSucceeds(oneEvent);
    given(one).when(addVersion('app', 2, ['x'.repeat(65)])).thenRefuses({ code: 'CSMS.0002', message: 'version_stages[0] must be 1..64 characters, got 65' });
    given(one).when(addVersion('app', 2, ['a.b'])).thenRefuses({ code: 'CSMS.0002', message: '"." at position 2' });
    given(one).when(addVersion('app', 2, ['SYSCURRENT', 'SYSPREVIOUS'])).thenRefuses({ code: 'CSMS.0002', message: 'both SYSCURRENT and SYSPREVIOUS' });
  });

  it('20 versions kept; the 21st removes the oldest version with no stage', () => {
    expect(secret(stateAfter(withVersions(20))).versions).toHaveLength(20);
    given(withVersions(20))
      .when(addVersion('app', 21))
      .thenSucceeds((events, state) => {
        expect(events[0]).toMatchObject({ versionId: 'v21', removedVersionId: 'v1' });
        expect(secret(state).versions.map((v) => v.id)).toEqual(Array.from({ length: 20 }, (_, i) => `v${i + 2}`));
      });
  });

  it('the oldest *unstaged* version goes: staged old versions stay', () => {
    given(history(withVersions(20), stage('keep', 'v1'), stage('keep2', 'v2')))
      .when(addVersion('app', 21))
      .thenSucceeds((_, state) => expect(secret(state).versions.map((v) => v.id).slice(0, 3)).toEqual(['v1', 'v2', 'v4']));
  });

  it('ids continue from the highest ever used, even if that version was removed', () => {
    // v2..v20 carry custom stages only, v21 is unstaged and newest … force removal of the newest id
    let events = history(one, ...Array.from({ length: 19 }, (_, i) => addVersion('app', i + 2, ['tmp'])));
    // only v1 (SYSCURRENT) and v20 (tmp) are staged; delete tmp so v2..v20 are unstaged
    events = history(events, { type: 'DeleteStage', name: 'app', stage: 'tmp', now: T0 + 50 });
    events = history(events, ...Array.from({ length: 19 }, (_, i) => stage('pin', `v${i + 2}`)));
    events = history(events, { type: 'DeleteStage', name: 'app', stage: 'pin', now: T0 + 60 });
    events = history(events, addVersion('app', 21, ['z']), addVersion('app', 22, ['z']));
    const s = secret(stateAfter(events));
    expect(s.versions).toHaveLength(20);
    expect(s.lastVersionNumber).toBe(22);
    given(events)
      .when(addVersion('app', 23))
      .thenSucceeds((_, state) => expect(secret(state).versions.at(-1)?.id).toBe('v23'));
  });

  it('reading an unknown version → CSMS.0005', () => {
    const s = secret(stateAfter(one));
    expect(() => resolveVersion(s, 'v9')).toThrow(expect.objectContaining({ code: 'CSMS.0005', message: 'version "v9" of secret "app" does not exist' }));
    expect(() => resolveStage(s, 'nope')).toThrow(expect.objectContaining({ code: 'CSMS.0005', message: 'stage "nope" of secret "app" does not exist' }));
  });

  it('version expiry: set, cleared, past refused, unknown version → CSMS.0005', () => {
    const set = history(one, { type: 'UpdateVersionExpiry', name: 'app', versionId: 'v1', expireTime: T0 + 1000, now: T0 });
    expect(secret(stateAfter(set)).versions[0]?.expireTime).toBe(T0 + 1000);
    given(set)
      .when({ type: 'UpdateVersionExpiry', name: 'app', versionId: 'v1', expireTime: null, now: T0 })
      .then([{ type: 'SecretVersionExpiryChanged', secretId: secretId(1), versionId: 'v1', expireTime: null, at: T0 }]);
    given(one).when({ type: 'UpdateVersionExpiry', name: 'app', versionId: 'v1', expireTime: T0 - 1, now: T0 }).thenRefuses({ code: 'CSMS.0002' });
    given(one).when({ type: 'UpdateVersionExpiry', name: 'app', versionId: 'v2', expireTime: null, now: T0 }).thenRefuses({ code: 'CSMS.0005' });
  });
});
