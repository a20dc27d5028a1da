import type { AccountState, ActiveAccount } from './index.js';
import { evolve, initialAccount, type AccountEvent } from './index.js';
import { withEpochAt } from './account.upcast.js';
import { AK1, DOMAIN_ID, PROJECT_ID, T0, T1, USER_ID, WRAPPED, akCreated, domainCreated, stateAfter, userCreated } from './account.fixtures.spec.js';

function activeOf(state: AccountState): ActiveAccount {
  if (state.status !== 'Active') throw new Error(`expected Active, got ${state.status}`);
  return state;
}

describe('account evolve', () => {
  it('initialAccount: no events → Absent', () => {
    expect(initialAccount()).toEqual({ status: 'Absent' });
  });

  it('DomainCreated: on Absent → Active with no projects, users or keys', () => {
    const state = activeOf(stateAfter(domainCreated));
    expect(state).toMatchObject({ status: 'Active', domainId: DOMAIN_ID, name: 'dew', createdAt: T0, made: 0 });
    for (const map of [state.projects, state.users, state.accessKeys, state.groups, state.policies, state.attachments]) expect(map.size).toBe(0);
  });

  it('any other event: on Absent → state unchanged', () => {
    const absent = initialAccount();
    expect(evolve(absent, userCreated)).toBe(absent);
  });

  it('DomainCreated: repeated on Active → state unchanged', () => {
    const state = stateAfter(domainCreated);
    expect(evolve(state, { type: 'DomainCreated', domainId: DOMAIN_ID, name: 'other', at: T1 })).toBe(state);
  });

  it('ProjectCreated: → project whose parent is the domain', () => {
    const state = activeOf(stateAfter(domainCreated, { type: 'ProjectCreated', projectId: PROJECT_ID, domainId: DOMAIN_ID, name: 'dew-local', at: T0 }));
    expect(state.projects.get(PROJECT_ID)).toEqual({ id: PROJECT_ID, name: 'dew-local', domainId: DOMAIN_ID, parentId: DOMAIN_ID, createdAt: T0 });
  });

  it('UserCreated: → user with its hash, flags and times', () => {
    const state = activeOf(stateAfter(domainCreated, userCreated));
    expect(state.users.get(USER_ID)).toEqual({
      id: USER_ID, name: 'alice', domainId: DOMAIN_ID, passwordHash: null, passwordStrength: null, isDomainAdmin: false, enabled: true, description: '', tokensValidAfter: null, createdAt: T0, updatedAt: T0,
    });
  });

  it('UserDisabled then UserEnabled: → enabled false then true, updatedAt moves', () => {
    const disabled = activeOf(stateAfter(domainCreated, userCreated, { type: 'UserDisabled', userId: USER_ID, at: T1 }));
    expect(disabled.users.get(USER_ID)).toMatchObject({ enabled: false, updatedAt: T1 });
    const enabled = activeOf(evolve(disabled, { type: 'UserEnabled', userId: USER_ID, at: T1 }));
    expect(enabled.users.get(USER_ID)).toMatchObject({ enabled: true });
  });

  it('AccessKeyCreated: → active key holding the wrapped secret', () => {
    const state = activeOf(stateAfter(domainCreated, userCreated, akCreated(AK1)));
    expect(state.accessKeys.get(AK1)).toEqual({
      accessKey: AK1, userId: USER_ID, wrappedSecret: WRAPPED, description: '', status: 'active', createdAt: T0, updatedAt: T0,
    });
  });

  it('AccessKeyStatusChanged then AccessKeyDeleted: → inactive, then gone', () => {
    const inactive = activeOf(stateAfter(domainCreated, userCreated, akCreated(AK1), { type: 'AccessKeyStatusChanged', accessKey: AK1, status: 'inactive', at: T1 }));
    expect(inactive.accessKeys.get(AK1)).toMatchObject({ status: 'inactive', updatedAt: T1 });
    const deleted = activeOf(evolve(inactive, { type: 'AccessKeyDeleted', accessKey: AK1, at: T1 }));
    expect(deleted.accessKeys.size).toBe(0);
    expect(deleted.accessKeysByUser.size).toBe(0);
  });

  it('events naming an unknown user or key: → state unchanged', () => {
    const state = stateAfter(domainCreated);
    expect(evolve(state, { type: 'UserEnabled', userId: USER_ID, at: T1 })).toBe(state);
    expect(evolve(state, { type: 'AccessKeyStatusChanged', accessKey: AK1, status: 'inactive', at: T1 })).toBe(state);
    expect(evolve(state, { type: 'AccessKeyDeleted', accessKey: 'constructor', at: T1 })).toBe(state);
  });

  it('copy-on-write: evolving → the earlier state is left as it was', () => {
    const before = activeOf(stateAfter(domainCreated, userCreated));
    const snapshot = JSON.stringify(before);
    const after = activeOf(evolve(before, { type: 'UserDisabled', userId: USER_ID, at: T1 }));
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(after.users).not.toBe(before.users);
    expect(after.projects).toBe(before.projects);
  });
});

describe('account evolve: events stored before epoch milliseconds', () => {
  const legacy = (event: object) => event as AccountEvent;

  it('events whose `at` is an ISO 8601 string → read as the same instant in epoch ms', () => {
    const state = activeOf(
      stateAfter(
        legacy({ type: 'DomainCreated', domainId: DOMAIN_ID, name: 'dew', at: '2026-11-28T10:00:00.000Z' }),
        legacy({ ...userCreated, at: '2026-11-28T10:00:00.000Z' }),
        legacy({ type: 'UserDisabled', userId: USER_ID, at: '2026-11-28T11:00:00.000Z' }),
      ),
    );
    expect(state.createdAt).toBe(T0);
    expect(state.users.get(USER_ID)).toMatchObject({ createdAt: T0, updatedAt: T1, tokensValidAfter: T1 });
  });

  it('legacy and current events folded together → the same state as current events alone', () => {
    const current = stateAfter(domainCreated, userCreated, akCreated(AK1));
    const mixed = stateAfter(legacy({ ...domainCreated, at: new Date(T0).toISOString() }), userCreated, legacy({ ...akCreated(AK1), at: new Date(T0).toISOString() }));
    expect(mixed).toEqual(current);
  });

  it('withEpochAt: an event already in epoch ms → the same object', () => {
    expect(withEpochAt(userCreated)).toBe(userCreated);
  });
});
