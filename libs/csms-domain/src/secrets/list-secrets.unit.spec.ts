import { T0, created, manyCreated, stateAfter } from '../fixtures.spec.js';
import { evolve } from '../secret-set.decider.js';
import { findSecretById, findSecretByName, secretCount } from '../state/queries.js';
import { listSecrets } from './queries.js';

describe('listSecrets', () => {
  it('sorted by name, pages by marker, default limit 50', () => {
    const state = stateAfter([created(1, 'charlie'), created(2, 'alpha'), created(3, 'bravo')]);
    const first = listSecrets(state, { limit: 2 });
    expect(first.secrets.map((s) => s.name)).toEqual(['alpha', 'bravo']);
    expect(first.nextMarker).toBe('bravo');
    const second = listSecrets(state, { limit: 2, marker: 'bravo' });
    expect(second.secrets.map((s) => s.name)).toEqual(['charlie']);
    expect(second.nextMarker).toBeNull();
    const big = listSecrets(stateAfter(manyCreated(60)));
    expect(big.secrets).toHaveLength(50);
    expect(big.nextMarker).not.toBeNull();
  });

  it('limit 1..200; 0 and 201 refused (CSMS.0002)', () => {
    const state = stateAfter(manyCreated(3));
    expect(listSecrets(state, { limit: 200 }).secrets).toHaveLength(3);
    expect(listSecrets(state, { limit: 1 }).secrets).toHaveLength(1);
    expect(() => listSecrets(state, { limit: 0 })).toThrow(expect.objectContaining({ code: 'CSMS.0002', message: 'limit must be an integer 1..200, got "0"' }));
    expect(() => listSecrets(state, { limit: 201 })).toThrow(expect.objectContaining({ code: 'CSMS.0002' }));
  });

  it('deleted secrets are not listed, found or counted', () => {
    const state = evolve(stateAfter([created(1, 'a'), created(2, 'b')]), { type: 'SecretDeleted', secretId: created(1, 'a').secretId, at: T0 + 1 });
    expect(listSecrets(state).secrets.map((s) => s.name)).toEqual(['b']);
    expect(findSecretByName(state, 'a')).toBeUndefined();
    expect(findSecretById(state, created(1, 'a').secretId)).toBeUndefined();
    expect(secretCount(state)).toBe(1);
  });
});
