import { T0, addVersion, created, given, history, secretId, stateAfter } from '../fixtures.spec.js';
import { findSecretByName } from '../state/queries.js';
import type { RestoreSecret } from './decide.js';

const one = [created(1, 'app')];

/** A backup of `app` with v1..v3, v3 carrying the custom stage. */
function backup(): RestoreSecret {
  const s = findSecretByName(stateAfter(history(one, addVersion('app', 2), addVersion('app', 3, ['custom']))), 'app');
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
}

describe('RestoreSecret', () => {
  it('refused while the name exists (CSMS.1002); accepted once deleted, with versions, stages, tags', () => {
    const live = history(one, addVersion('app', 2));
    given(live).when(backup()).thenRefuses({ code: 'CSMS.1002' });
    const deleted = history(live, { type: 'DeleteSecret', name: 'app', now: T0 + 500 });
    given(deleted)
      .when(backup())
      .thenSucceeds((_, state) => {
        const restored = findSecretByName(state, 'app');
        expect(restored).toMatchObject({
          status: 'Enabled',
          description: 'restored',
          stages: { SYSCURRENT: 'v2', SYSPREVIOUS: 'v1', custom: 'v3' },
          tags: [{ key: 'env', value: 'prod' }],
          lastVersionNumber: 3,
        });
        expect(restored?.versions.map((v) => v.id)).toEqual(['v1', 'v2', 'v3']);
      });
    // next version continues the numbering
    given(history(deleted, backup()))
      .when(addVersion('app', 4))
      .thenSucceeds((_, state) => expect(findSecretByName(state, 'app')?.stages).toMatchObject({ SYSCURRENT: 'v4', SYSPREVIOUS: 'v2' }));
  });

  it('into a fresh project, under another id; quota applies', () => {
    given().when({ ...backup(), secretId: secretId(77) }).thenSucceeds((events) => expect(events).toHaveLength(1));
    const full = Array.from({ length: 200 }, (_, i) => created(i + 10));
    given(full).when(backup()).thenRefuses({ code: 'CSMS.1001' });
  });

  it('an inconsistent backup is refused (CSMS.0002)', () => {
    const b = backup();
    given().when({ ...b, versions: [] }).thenRefuses({ code: 'CSMS.0002', message: 'secret backup is invalid' });
    given().when({ ...b, stages: { custom: 'v3' } }).thenRefuses({ code: 'CSMS.0002', message: 'no version carries SYSCURRENT' });
    given().when({ ...b, stages: { SYSCURRENT: 'v9' } }).thenRefuses({ code: 'CSMS.0002', message: 'unknown version "v9"' });
    given()
      .when({ ...b, tags: Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: '' })) })
      .thenRefuses({ code: 'CSMS.0002', message: 'tag limit of 10' });
  });
});
