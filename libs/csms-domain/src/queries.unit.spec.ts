import { T0, created, given, manySecrets, refusal } from './fixtures.spec.js';
import { findSecretById, findSecretByName, listSecrets, secretCount } from './queries.js';
import { evolve } from './secrets.js';

describe('listSecrets', () => {
  it('sorted by name, pages by marker, default limit 50', () => {
    const state = given(created(1, 'charlie'), created(2, 'alpha'), created(3, 'bravo'));
    const first = listSecrets(state, { limit: 2 });
    expect(first.secrets.map((s) => s.name)).toEqual(['alpha', 'bravo']);
    expect(first.nextMarker).toBe('bravo');
    const second = listSecrets(state, { limit: 2, marker: 'bravo' });
    expect(second.secrets.map((s) => s.name)).toEqual(['charlie']);
    expect(second.nextMarker).toBeNull();
    const big = listSecrets(manySecrets(60));
    expect(big.secrets).toHaveLength(50);
    expect(big.nextMarker).not.toBeNull();
  });

  it('limit 1..200; 0 and 201 refused (CSMS.0002)', () => {
    const state = manySecrets(3);
    expect(listSecrets(state, { limit: 200 }).secrets).toHaveLength(3);
    expect(listSecrets(state, { limit: 1 }).secrets).toHaveLength(1);
    expect(refusal(() => listSecrets(state, { limit: 0 })).code).toBe('CSMS.0002');
    expect(refusal(() => listSecrets(state, { limit: 201 })).code).toBe('CSMS.0002');
  });

  it('deleted secrets are not listed, found or counted', () => {
    const state = evolve(given(created(1, 'a'), created(2, 'b')), { type: 'SecretDeleted', secretId: created(1, 'a').secretId, at: T0 + 1 });
    expect(listSecrets(state).secrets.map((s) => s.name)).toEqual(['b']);
    expect(findSecretByName(state, 'a')).toBeUndefined();
    expect(findSecretById(state, created(1, 'a').secretId)).toBeUndefined();
    expect(secretCount(state)).toBe(1);
  });
});
