// Shared test fixtures (named *.spec.ts so the build skips it; not *.unit.spec.ts, so jest does not run it).
import { foldEvents } from '@dew/decider';
import { DewError } from '@dew/contracts';
import { DeciderSpecification } from '@dew/testing/decider';
import type { AccountState } from './index.js';
import { accountDecider, type AccountEvent, type DomainCreated, type UserCreated } from './index.js';
import type { BootstrapDomain } from './index.js';

export const T0 = Date.parse('2026-11-28T10:00:00.000Z');
export const T1 = Date.parse('2026-11-28T11:00:00.000Z');
export const DOMAIN_ID = '0123456789abcdef0123456789abcdef';
export const PROJECT_ID = '11111111111111111111111111111111';
export const ADMIN_ID = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
export const USER_ID = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
export const AK_ADMIN = 'ADMINAK0000000000001';
export const AK1 = 'AK1AAAAAAAAAAAAAAAAA';
export const AK2 = 'AK2BBBBBBBBBBBBBBBBB';
export const AK3 = 'AK3CCCCCCCCCCCCCCCCC';
export const WRAPPED = 'v1:wrapped:c2VjcmV0LW5ldmVyLWluLWNsZWFy';
export const HASH = 'scrypt$N=16384$salt$hash';

export const bootstrap: BootstrapDomain = {
  type: 'BootstrapDomain',
  domainId: DOMAIN_ID,
  domainName: 'dew',
  projectId: PROJECT_ID,
  projectName: 'dew-local',
  userId: ADMIN_ID,
  userName: 'admin',
  passwordHash: HASH,
  accessKey: AK_ADMIN,
  wrappedSecret: WRAPPED,
  now: T0,
};

export const domainCreated: DomainCreated = { type: 'DomainCreated', domainId: DOMAIN_ID, name: 'dew', at: T0 };
export const userCreated: UserCreated = {
  type: 'UserCreated',
  userId: USER_ID,
  domainId: DOMAIN_ID,
  name: 'alice',
  passwordHash: null,
  isDomainAdmin: false,
  enabled: true,
  at: T0,
};
export function akCreated(accessKey: string, userId = USER_ID): AccountEvent {
  return { type: 'AccessKeyCreated', accessKey, userId, wrappedSecret: WRAPPED, description: '', at: T0 };
}

/** given(past events).when(command).then(…): every decide case of this domain. */
export const given = DeciderSpecification.for(accountDecider);

/** The state after `events`: for evolve and the read helpers, which are plain functions. */
export function stateAfter(...events: readonly AccountEvent[]): AccountState {
  return foldEvents(accountDecider, events);
}

/**
 * A refusal message matched as a whole: `thenRefuses` matches a string `message` as a part of the
 * message, and these specs pin the complete wording (it reaches clients unchanged).
 */
export function exactly(message: string): RegExp {
  return new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** The DewError `fn` throws (fails the test when it returns or throws something else). */
export function refusal(fn: () => unknown): DewError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DewError) return err;
    throw err;
  }
  throw new Error('expected a DewError refusal, got a result');
}
