import { DewError } from '@dew/contracts';
import { KMS_KEY, USER_A, USER_B, bind, complete, created, history, hosted, manyCreated, pairName, registered, stateAfter } from '../fixtures.spec.js';
import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX } from '../rules/paging.js';
import { boundServerCount, keypairsUsingKmsKey } from '../state/queries.js';
import { listVisibleKeypairs } from './queries.js';

const names = (page: ReturnType<typeof listVisibleKeypairs>) => page.keypairs.map((p) => p.name);

describe('listVisibleKeypairs', () => {
  it('account-scoped pairs and the caller\'s own, sorted by name; another user\'s user pairs are left out', () => {
    const state = stateAfter(
      created(1, { name: 'charlie' }),
      created(2, { name: 'alpha', scope: 'user', userId: USER_A }),
      created(3, { name: 'bravo', scope: 'user', userId: USER_B }),
      created(4, { name: 'Zulu' }),
    );
    expect(names(listVisibleKeypairs(state, USER_A))).toEqual(['Zulu', 'alpha', 'charlie']);
    expect(names(listVisibleKeypairs(state, USER_B))).toEqual(['Zulu', 'bravo', 'charlie']);
  });

  it(`no limit: the first ${LIST_LIMIT_DEFAULT}, with the last name as the next marker; the marker's page follows it; the last page has no marker`, () => {
    const state = stateAfter(...manyCreated(120));
    const first = listVisibleKeypairs(state, USER_A);
    expect(first.keypairs).toHaveLength(LIST_LIMIT_DEFAULT);
    expect(first.nextMarker).toBe(pairName(50));
    const second = listVisibleKeypairs(state, USER_A, { marker: pairName(50), limit: 60 });
    expect(names(second)[0]).toBe(pairName(51));
    expect(second.nextMarker).toBe(pairName(110));
    const last = listVisibleKeypairs(state, USER_A, { marker: pairName(110), limit: 60 });
    expect(names(last)).toEqual(Array.from({ length: 10 }, (_, i) => pairName(111 + i)));
    expect(last.nextMarker).toBeNull();
  });

  it('a page exactly as long as what is left: no next marker', () => {
    const state = stateAfter(...manyCreated(3));
    expect(listVisibleKeypairs(state, USER_A, { limit: 3 })).toMatchObject({ nextMarker: null });
    expect(listVisibleKeypairs(state, USER_A, { limit: 2 })).toMatchObject({ nextMarker: pairName(2) });
  });

  it('a marker that names no pair: the page starts after where it would sort', () => {
    const state = stateAfter(created(1, { name: 'a' }), created(2, { name: 'c' }));
    expect(names(listVisibleKeypairs(state, USER_A, { marker: 'b' }))).toEqual(['c']);
  });

  it(`limit 1 and ${LIST_LIMIT_MAX} accepted; 0, ${LIST_LIMIT_MAX + 1} and 1.5 refused KPS.0002 naming the range`, () => {
    const state = stateAfter(...manyCreated(2));
    expect(listVisibleKeypairs(state, USER_A, { limit: 1 }).keypairs).toHaveLength(1);
    expect(listVisibleKeypairs(state, USER_A, { limit: LIST_LIMIT_MAX }).keypairs).toHaveLength(2);
    for (const limit of [0, LIST_LIMIT_MAX + 1, 1.5]) {
      expect(() => listVisibleKeypairs(state, USER_A, { limit })).toThrow(DewError);
      expect(() => listVisibleKeypairs(state, USER_A, { limit })).toThrow(`limit must be an integer 1..${LIST_LIMIT_MAX}`);
    }
  });
});

describe('boundServerCount and keypairsUsingKmsKey', () => {
  it('boundServerCount counts the servers bound to the pair, 0 for an unbound one', () => {
    const state = stateAfter(
      ...history([created(1), created(2), registered(1), registered(2)], bind(1, 1, 1), complete(1), bind(2, 1, 2), complete(2)),
    );
    expect(boundServerCount(state, 1)).toBe(2);
    expect(boundServerCount(state, 2)).toBe(0);
  });

  it('keypairsUsingKmsKey: name and id of each pair whose hosted private key that KMS key seals, by name; others and unhosted pairs left out', () => {
    const other = '99999999-2222-4333-8444-555555555555';
    const state = stateAfter(
      created(1, { name: 'zeta', privateKey: hosted(1) }),
      created(2, { name: 'alpha', scope: 'user', userId: USER_B, privateKey: hosted(2) }),
      created(3, { name: 'mid', privateKey: hosted(3, other) }),
      created(4, { name: 'none' }),
    );
    expect(keypairsUsingKmsKey(state, KMS_KEY)).toEqual([
      { name: 'alpha', id: 2 },
      { name: 'zeta', id: 1 },
    ]);
    expect(keypairsUsingKmsKey(state, other)).toEqual([{ name: 'mid', id: 3 }]);
    expect(keypairsUsingKmsKey(state, 'unused')).toEqual([]);
  });
});
