import { KEY, T0, created, given, history, sealed, secretId, stateAfter } from '../fixtures.spec.js';
import { findSecretByName } from '../state/queries.js';

const one = [created(1, 'app')];

describe('UpdateSecret', () => {
  it('changes key and description; unchanged fields yield nothing', () => {
    given(one)
      .when({ type: 'UpdateSecret', name: 'app', kmsKeyId: 'other-key', description: 'd', now: T0 + 5 })
      .then([{ type: 'SecretUpdated', secretId: secretId(1), kmsKeyId: 'other-key', description: 'd', at: T0 + 5 }]);
    given(one).when({ type: 'UpdateSecret', name: 'app', kmsKeyId: KEY, description: '', now: T0 + 5 }).then([]);
    given(one)
      .when({ type: 'UpdateSecret', name: 'app', description: 'new', now: T0 + 5 })
      .thenSucceeds((_, state) => expect(findSecretByName(state, 'app')).toMatchObject({ description: 'new', kmsKeyId: KEY, updatedAt: T0 + 5 }));
  });

  it('new versions carry the key of their value; old ones keep theirs', () => {
    const events = history(
      one,
      { type: 'UpdateSecret', name: 'app', kmsKeyId: 'k2', now: T0 + 5 },
      { type: 'AddSecretVersion', name: 'app', value: sealed(2, 'k2'), now: T0 + 6 },
    );
    expect(findSecretByName(stateAfter(events), 'app')?.versions.map((v) => v.kmsKeyId)).toEqual([KEY, 'k2']);
  });

  it('unknown name → CSMS.0005; description over 2048 bytes → CSMS.0002', () => {
    given(one).when({ type: 'UpdateSecret', name: 'nope', description: 'x', now: T0 }).thenRefuses({ code: 'CSMS.0005', status: 404 });
    given(one).when({ type: 'UpdateSecret', name: 'app', description: 'x'.repeat(2049), now: T0 }).thenRefuses({ code: 'CSMS.0002' });
  });
});
