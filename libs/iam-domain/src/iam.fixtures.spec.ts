// Fixtures for groups, policies and authorization tests (*.spec.ts: skipped by the build, not run by jest).
import type { AccountState, ActiveAccount } from './index.js';
import { evolve } from './index.js';
import { decide, type AccountCommand, type AccountEvent } from './index.js';
import { ADMIN_ID, AK1, DOMAIN_ID, PROJECT_ID, T0, USER_ID, WRAPPED, bootstrap, stateAfter } from './account.fixtures.spec.js';
import type { PolicyDocument } from './index.js';

export const PROJECT2_ID = '22222222222222222222222222222222';
export const USER2_ID = 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2';
export const GROUP_ID = 'c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1';
export const GROUP2_ID = 'c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2';
export const POLICY_ID = 'd1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1';
export const POLICY2_ID = 'd2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2';

export { ADMIN_ID, DOMAIN_ID, PROJECT_ID, T0, USER_ID };

/** Decides each command against the state the previous ones left, and folds the events. */
export function run(state: AccountState, ...commands: readonly AccountCommand[]): AccountState {
  return commands.reduce((s, c) => decide(s, c).reduce(evolve, s), state);
}

export function activeOf(state: AccountState): ActiveAccount {
  if (state.status !== 'Active') throw new Error(`expected Active, got ${state.status}`);
  return state;
}

export const allow = (...actions: string[]): PolicyDocument => ({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: actions }] });
export const deny = (...actions: string[]): PolicyDocument => ({ Version: '1.1', Statement: [{ Effect: 'Deny', Action: actions }] });

/**
 * `past` followed by the events of `commands` decided in turn: a history built through the decider,
 * for cases whose setup is easier to say as commands (a world, two hundred policies, attachments).
 */
export function history(past: readonly AccountEvent[], ...commands: readonly AccountCommand[]): AccountEvent[] {
  const events = [...past];
  let state = stateAfter(...past);
  for (const command of commands) {
    const decided = decide(state, command);
    state = decided.reduce(evolve, state);
    events.push(...decided);
  }
  return events;
}

/** Domain `dew` with project `dew-local` and a second project, admin (with AK), alice (with AK1), bob, and group `ops` holding alice. */
export const WORLD: readonly AccountEvent[] = history(
  [],
  bootstrap,
  { type: 'CreateProject', projectId: PROJECT2_ID, name: 'dew-other', now: T0 },
  { type: 'CreateUser', userId: USER_ID, name: 'alice', passwordHash: null, isDomainAdmin: false, now: T0 },
  { type: 'CreateUser', userId: USER2_ID, name: 'bob', passwordHash: null, isDomainAdmin: false, now: T0 },
  { type: 'CreateAccessKey', actorId: ADMIN_ID, accessKey: AK1, userId: USER_ID, wrappedSecret: WRAPPED, now: T0 },
  { type: 'CreateGroup', groupId: GROUP_ID, name: 'ops', description: 'operators', now: T0 },
  { type: 'AddUserToGroup', groupId: GROUP_ID, userId: USER_ID, now: T0 },
);

/** The state of WORLD. */
export function world(): AccountState {
  return stateAfter(...WORLD);
}

export const createPolicy = (document: unknown, extra: object = {}) =>
  ({ type: 'CreatePolicy', policyId: POLICY_ID, displayName: 'custom', policyType: 'XA', description: '', document, now: T0, ...extra }) as const;
