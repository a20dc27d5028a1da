import { T0, addVersion, created, given, history, oneEvent, secretId, stateAfter } from '../fixtures.spec.js';
import type { SecretEvent } from '../secret-set.decider.js';
import { findSecretByName, versionStages } from '../state/queries.js';
import type { SecretSet } from '../state/secret-set.js';

const one = [created(1, 'app')];
const secret = (state: SecretSet) => {
  const s = findSecretByName(state, 'app');
  if (!s) throw new Error('no secret app');
  return s;
};
const withVersions = (n: number): SecretEvent[] => history(one, ...Array.from({ length: n - 1 }, (_, i) => addVersion('app', i + 2)));
const stage = (stageName: string, versionId: string) => ({ type: 'UpdateStage' as const, name: 'app', stage: stageName, versionId, now: T0 + 99 });
const custom = (n: number) => Array.from({ length: n }, (_, i) => `S${i + 1}`);

describe('stages', () => {
  it('UpdateStage moves a stage; SYSCURRENT moving leaves SYSPREVIOUS on its former holder', () => {
    const three = withVersions(3);
    given(three)
      .when(stage('SYSCURRENT', 'v1'))
      .then([{ type: 'VersionStageMoved', secretId: secretId(1), stage: 'SYSCURRENT', versionId: 'v1', previousVersionId: 'v3', at: T0 + 99 }]);
    given(three).when(stage('SYSCURRENT', 'v1')).thenSucceeds((_, state) => expect(secret(state).stages).toEqual({ SYSCURRENT: 'v1', SYSPREVIOUS: 'v3' }));
    given(three).when(stage('blue', 'v2')).thenSucceeds((_, state) => expect(secret(state).stages).toEqual({ SYSCURRENT: 'v3', SYSPREVIOUS: 'v2', blue: 'v2' }));
    given(three).when(stage('SYSCURRENT', 'v3')).then([]);
  });

  it('UpdateStage: unknown version → CSMS.0005; bad stage name → CSMS.0002', () => {
    given(one).when(stage('blue', 'v2')).thenRefuses({ code: 'CSMS.0005' });
    given(one).when(stage('blue', 'latest')).thenRefuses({ code: 'CSMS.0005' });
    given(one).when(stage('', 'v1')).thenRefuses({ code: 'CSMS.0002', message: 'stage_name must be 1..64 characters, got 0' });
    given(one).when({ ...stage('blue', 'v1'), name: 'nope' }).thenRefuses({ code: 'CSMS.0005' });
  });

  it('12 stages accepted, the 13th refused (CSMS.1003) by UpdateStage and AddSecretVersion', () => {
    // SYSCURRENT + 11 custom = 12
    const full = history(one, ...custom(11).map((s) => stage(s, 'v1')));
    expect(Object.keys(secret(stateAfter(full)).stages)).toHaveLength(12);
    given(full).when(stage('S12', 'v1')).thenRefuses({ code: 'CSMS.1003', message: 'stage limit of 12 reached' });
    given(full).when(addVersion('app', 2, ['new'])).thenRefuses({ code: 'CSMS.1003' });
    // SYSCURRENT moving would add SYSPREVIOUS as a 13th
    given(full).when(addVersion('app', 2)).thenRefuses({ code: 'CSMS.1003' });
    // moving an existing stage is fine
    given(history(full, addVersion('app', 2, ['S1']))).when(stage('S2', 'v2')).thenSucceeds(oneEvent);
  });

  it('DeleteStage: custom removed; SYSCURRENT/SYSPREVIOUS → CSMS.0105; unknown → CSMS.0005', () => {
    const blue = history(withVersions(2), stage('blue', 'v1'));
    const del = (stageName: string) => ({ type: 'DeleteStage' as const, name: 'app', stage: stageName, now: T0 });
    given(blue).when(del('blue')).thenSucceeds((_, state) => expect(secret(state).stages).toEqual({ SYSCURRENT: 'v2', SYSPREVIOUS: 'v1' }));
    given(blue).when(del('SYSCURRENT')).thenRefuses({ code: 'CSMS.0105', message: 'system stage SYSCURRENT cannot be deleted' });
    given(blue).when(del('SYSPREVIOUS')).thenRefuses({ code: 'CSMS.0105' });
    given(blue).when(del('green')).thenRefuses({ code: 'CSMS.0005' });
    given(blue).when(del('constructor')).thenRefuses({ code: 'CSMS.0005' });
  });

  it('stage names that are Object.prototype members are ordinary stages', () => {
    given(history(withVersions(2), stage('constructor', 'v1')))
      .when(stage('__proto__', 'v2'))
      .thenSucceeds((_, state) => {
        expect(versionStages(secret(state), 'v1')).toEqual(['SYSPREVIOUS', 'constructor']);
        expect(versionStages(secret(state), 'v2')).toEqual(['SYSCURRENT', '__proto__']);
      });
  });
});
