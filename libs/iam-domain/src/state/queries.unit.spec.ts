import { initialAccount } from '../index.js';
import { findAccessKey, findProject, findUser, findUserByName, listAccessKeys, listProjects } from './queries.js';
import { AK1, AK2, DOMAIN_ID, PROJECT_ID, T0, T1, USER_ID, WRAPPED, akCreated, domainCreated, stateAfter, userCreated } from '../account.fixtures.spec.js';

const P2 = '22222222222222222222222222222222';
const projects = [
  { type: 'ProjectCreated', projectId: P2, domainId: DOMAIN_ID, name: 'zeta', at: T0 },
  { type: 'ProjectCreated', projectId: PROJECT_ID, domainId: DOMAIN_ID, name: 'dew-local', at: T0 },
] as const;

describe('findAccessKey', () => {
  it('findAccessKey: active key of an enabled user → usable, with user, domain and wrapped secret', () => {
    expect(findAccessKey(stateAfter(domainCreated, userCreated, akCreated(AK1)), AK1)).toEqual({
      accessKey: AK1, userId: USER_ID, status: 'active', description: '', createdAt: T0, wrappedSecret: WRAPPED,
      user: { id: USER_ID, name: 'alice', enabled: true, isDomainAdmin: false },
      domain: { id: DOMAIN_ID, name: 'dew' },
      usable: true, reason: null,
    });
  });

  it('findAccessKey: user disabled → not usable, reason UserDisabled', () => {
    const state = stateAfter(domainCreated, userCreated, akCreated(AK1), { type: 'UserDisabled', userId: USER_ID, at: T1 });
    expect(findAccessKey(state, AK1)).toMatchObject({ usable: false, reason: 'UserDisabled', user: { enabled: false } });
  });

  it('findAccessKey: key inactive → not usable, reason AccessKeyInactive', () => {
    const state = stateAfter(domainCreated, userCreated, akCreated(AK1), { type: 'AccessKeyStatusChanged', accessKey: AK1, status: 'inactive', at: T1 });
    expect(findAccessKey(state, AK1)).toMatchObject({ usable: false, reason: 'AccessKeyInactive', status: 'inactive' });
  });

  it('findAccessKey: unknown, deleted, inherited name or Absent domain → null', () => {
    const state = stateAfter(domainCreated, userCreated, akCreated(AK1));
    expect(findAccessKey(state, AK2)).toBeNull();
    expect(findAccessKey(state, 'constructor')).toBeNull();
    expect(findAccessKey(stateAfter(domainCreated, userCreated, akCreated(AK1), { type: 'AccessKeyDeleted', accessKey: AK1, at: T1 }), AK1)).toBeNull();
    expect(findAccessKey(initialAccount(), AK1)).toBeNull();
  });
});

describe('other queries', () => {
  it('listAccessKeys: a user\'s keys → oldest first, without the wrapped secret', () => {
    const later = { ...akCreated(AK1), at: T1 };
    const keys = listAccessKeys(stateAfter(domainCreated, userCreated, later, akCreated(AK2)), USER_ID);
    expect(keys.map((k) => k.accessKey)).toEqual([AK2, AK1]);
    expect(keys[0]).not.toHaveProperty('wrappedSecret');
    expect(listAccessKeys(stateAfter(domainCreated, userCreated, akCreated(AK1)), 'cccccccccccccccccccccccccccccccc')).toEqual([]);
  });

  it('findProject / listProjects: → by id; sorted by name; filtered by exact name', () => {
    const state = stateAfter(domainCreated, ...projects);
    expect(findProject(state, PROJECT_ID)).toMatchObject({ name: 'dew-local', parentId: DOMAIN_ID });
    expect(findProject(state, 'toString')).toBeNull();
    expect(listProjects(state).map((p) => p.name)).toEqual(['dew-local', 'zeta']);
    expect(listProjects(state, { name: 'zeta' }).map((p) => p.id)).toEqual([P2]);
    expect(listProjects(initialAccount())).toEqual([]);
  });

  it('findUserByName / findUser: exact name or id → user; other case or Absent → null', () => {
    const state = stateAfter(domainCreated, userCreated);
    expect(findUserByName(state, 'alice')).toMatchObject({ id: USER_ID });
    expect(findUserByName(state, 'Alice')).toBeNull();
    expect(findUser(state, USER_ID)).toMatchObject({ name: 'alice' });
    expect(findUserByName(initialAccount(), 'alice')).toBeNull();
  });
});
