import { findUser } from '../index.js';
import { ADMIN_ID, HASH } from '../account.fixtures.spec.js';
import { PROJECT2_ID, PROJECT_ID, USER_ID, activeOf, run, world } from '../iam.fixtures.spec.js';
import { tokenRefusal } from './tokens.js';
import type { AccountState } from '../index.js';

const T_LOGIN = Date.parse('2026-11-28T10:30:00.000Z');
const T_CHANGE = '2026-11-28T11:00:00.000Z';
const T_LATER = Date.parse('2026-11-28T11:30:00.000Z');
const alice = (state: AccountState) => findUser(activeOf(state), USER_ID);

describe('tokenRefusal', () => {
  it('a token issued before a password reset: refused, naming the reset instant; one issued after: accepted', () => {
    const reset = run(world(), { type: 'UpdateUser', actorId: ADMIN_ID, userId: USER_ID, passwordHash: `${HASH}-new`, now: Date.parse(T_CHANGE) });
    expect(tokenRefusal(alice(reset), { issuedAt: T_LOGIN })).toContain(T_CHANGE);
    expect(tokenRefusal(alice(reset), { issuedAt: Date.parse(T_CHANGE) })).not.toBeNull();
    expect(tokenRefusal(alice(reset), { issuedAt: T_LATER })).toBeNull();
  });

  it('a token issued before a disable: refused while disabled and still refused once the user is enabled again', () => {
    const disabled = run(world(), { type: 'DisableUser', actorId: ADMIN_ID, userId: USER_ID, now: Date.parse(T_CHANGE) });
    expect(tokenRefusal(alice(disabled), { issuedAt: T_LOGIN })).toContain('disabled');
    const enabled = run(disabled, { type: 'EnableUser', actorId: ADMIN_ID, userId: USER_ID, now: Date.parse('2026-11-28T11:10:00.000Z') });
    expect(tokenRefusal(alice(enabled), { issuedAt: T_LOGIN })).toContain(T_CHANGE);
    expect(tokenRefusal(alice(enabled), { issuedAt: T_LATER })).toBeNull();
  });

  it('a project-scoped token: accepted for its project and for requests naming no project, refused for another project', () => {
    const user = alice(world());
    expect(tokenRefusal(user, { issuedAt: T_LOGIN, projectId: PROJECT_ID }, PROJECT_ID)).toBeNull();
    expect(tokenRefusal(user, { issuedAt: T_LOGIN, projectId: PROJECT_ID })).toBeNull();
    expect(tokenRefusal(user, { issuedAt: T_LOGIN, projectId: PROJECT_ID }, PROJECT2_ID)).toContain(`scoped to project ${PROJECT_ID}`);
  });

  it('a deleted user: refused', () => {
    expect(tokenRefusal(null, { issuedAt: T_LOGIN })).toContain('no longer exists');
  });
});
