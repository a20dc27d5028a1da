import { DeciderSpecification } from '@dew/testing/decider';
import { liveVersions, pendingHolders, rootKeyRingDecider, type RootKeyRingEvent } from '../index.js';

const given = DeciderSpecification.for(rootKeyRingDecider);
const T0 = 1_700_000_000_000;
const T1 = T0 + 1000;
const v2: RootKeyRingEvent = { type: 'RootKeyVersionCreated', version: 2, provider: 'file', at: T0, by: 'admin' };
const done = (holder: 'kms' | 'csms' | 'kps' | 'iam' | 'hsm-provisioning', version = 2): RootKeyRingEvent => ({ type: 'RootKeyRewrapCompleted', holder, version, rewrapped: 3, at: T0 });
const report = (holder: string, version = 2) => ({ type: 'CompleteRootKeyRewrap' as const, holder, version, rewrapped: 4, now: T1 });

describe('root key ring: holders re-wrapping', () => {
  it('one holder of five reports → RootKeyRewrapCompleted only; the others stay pending, version 1 stays live', () => {
    given([v2]).when(report('kms')).thenSucceeds((events, ring) => {
      expect(events).toEqual([{ type: 'RootKeyRewrapCompleted', holder: 'kms', version: 2, rewrapped: 4, at: T1 }]);
      expect(pendingHolders(ring)).toEqual(['csms', 'kps', 'iam', 'hsm-provisioning']);
      expect(liveVersions(ring)).toEqual([1, 2]);
    });
  });

  it('the last holder reports → its RootKeyRewrapCompleted and RootKeyVersionRetired for version 1', () => {
    given([v2, done('kms'), done('csms'), done('kps'), done('iam')]).when(report('hsm-provisioning')).then([
      { type: 'RootKeyRewrapCompleted', holder: 'hsm-provisioning', version: 2, rewrapped: 4, at: T1 },
      { type: 'RootKeyVersionRetired', version: 1, at: T1 },
    ]);
  });

  it('a holder reporting twice → no events (a resumed or second replica changes nothing)', () => {
    given([v2, done('kms')]).when(report('kms')).then([]);
  });

  it('a report for a version that is not current → refused naming both versions', () => {
    given([v2]).when(report('kms', 1)).thenRefuses({ code: 'ROOT_KEY.VERSION_NOT_CURRENT', message: 'version 1, but the current version is 2' });
  });

  it('a service that is not a holder → refused naming it and the holders', () => {
    given([v2]).when(report('gateway')).thenRefuses({ code: 'ROOT_KEY.UNKNOWN_HOLDER', message: 'gateway is not a root key holder' });
  });

  it('without any rotation, every holder is at version 1 → nothing pending, nothing to retire', () => {
    given([]).when(report('kms', 1)).then([]);
  });

  it('a RootKeyVersionRetired while a holder is still pending (not appended by the decider: forged or buggy) → ignored, version 1 stays live', () => {
    const forged: RootKeyRingEvent = { type: 'RootKeyVersionRetired', version: 1, at: T0 };
    given([v2, done('kms'), forged]).when(report('csms')).thenSucceeds((_events, ring) => {
      expect(liveVersions(ring)).toEqual([1, 2]);
      expect(pendingHolders(ring)).toEqual(['kps', 'iam', 'hsm-provisioning']);
    });
  });

  it('a RootKeyVersionRetired naming the current version → ignored: the version that wraps never retires', () => {
    const all = (['kms', 'csms', 'kps', 'iam', 'hsm-provisioning'] as const).map((h) => done(h));
    given([v2, ...all, { type: 'RootKeyVersionRetired', version: 2, at: T0 }]).when(report('kms')).thenSucceeds((_events, ring) => {
      expect(liveVersions(ring)).toEqual([1, 2]);
    });
  });
});
