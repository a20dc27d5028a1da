// Shared test fixtures (named *.spec.ts so the build skips it; not *.unit.spec.ts, so jest does not run it).
import { DewError } from '@dew/contracts';
import type { AccountState } from './index.js';
import { evolve, initialAccount, type AccountEvent, type DomainCreated, type UserCreated } from './index.js';
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

export function given(...events: readonly AccountEvent[]): AccountState {
  return events.reduce(evolve, initialAccount());
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
