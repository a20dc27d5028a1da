/**
 * The fields of an unauthenticated password login, checked before IAM looks anything up or
 * remembers anything about the attempt (docs/iam-security.md "Login limits"): names follow the
 * rules they were created under, so an over-long or odd name is refused, never stored.
 */
import { LoginDomainMissing, LoginPasswordLength } from '@dew/contracts';
import { checkId, checkResourceName, checkUserName } from '../fields/limits.js';

/** Longer than any password IAM accepts (6–32), short enough to keep hashing cheap. */
export const LOGIN_PASSWORD_MAX_LENGTH = 128;

export interface LoginDomainRef {
  readonly id?: string;
  readonly name?: string;
}

export function checkLoginFields(userName: string, domain: LoginDomainRef, password: string): void {
  checkUserName(userName);
  if (domain.id === undefined && domain.name === undefined) throw LoginDomainMissing();
  if (domain.id !== undefined) checkId('domain id', domain.id);
  if (domain.name !== undefined) checkResourceName('domain name', domain.name);
  if (password.length < 1 || password.length > LOGIN_PASSWORD_MAX_LENGTH) {
    throw LoginPasswordLength(LOGIN_PASSWORD_MAX_LENGTH, password.length);
  }
}
