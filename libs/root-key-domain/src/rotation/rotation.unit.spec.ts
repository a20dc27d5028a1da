import { DeciderSpecification } from '@dew/testing/decider';
import { rootKeyRingDecider, type RootKeyRingEvent } from '../index.js';

const given = DeciderSpecification.for(rootKeyRingDecider);
const T0 = 1_700_000_000_000;
const v2: RootKeyRingEvent = { type: 'RootKeyVersionCreated', version: 2, provider: 'file', at: T0, by: 'admin' };
const holders = ['kms', 'csms', 'kps', 'iam', 'hsm-provisioning'] as const;
const completedAll = (version: number): RootKeyRingEvent[] => holders.map((holder) => ({ type: 'RootKeyRewrapCompleted', holder, version, rewrapped: 1, at: T0 }));

describe('root key ring: creating a version', () => {
  it('no rotation yet, version 2 → RootKeyVersionCreated with provider and author', () => {
    given([]).when({ type: 'CreateRootKeyVersion', version: 2, provider: 'file', by: 'admin', now: T0 }).then([v2]);
  });

  it('version 2 still live beside older version 1 → refused: rotation in progress, naming the live versions', () => {
    given([v2]).when({ type: 'CreateRootKeyVersion', version: 3, provider: 'file', by: 'admin', now: T0 }).thenRefuses({ code: 'ROOT_KEY.ROTATION_IN_PROGRESS', message: 'versions 1, 2 are live' });
  });

  it('a number that is not the next one → refused naming the expected and the given version', () => {
    given([]).when({ type: 'CreateRootKeyVersion', version: 5, provider: 'pkcs11', by: 'admin', now: T0 }).thenRefuses({ code: 'ROOT_KEY.VERSION_OUT_OF_ORDER', message: 'the next root key version is 2, got 5' });
  });

  it('after version 1 retired → version 3 may be created', () => {
    const retired: RootKeyRingEvent = { type: 'RootKeyVersionRetired', version: 1, at: T0 };
    given([v2, ...completedAll(2), retired]).when({ type: 'CreateRootKeyVersion', version: 3, provider: 'pkcs11', by: 'admin', now: T0 }).thenSucceeds((events, ring) => {
      expect(events).toHaveLength(1);
      expect(ring.current).toBe(3);
      expect(ring.versions[3]).toEqual({ version: 3, provider: 'pkcs11', createdAt: T0 });
    });
  });
});
