/**
 * When a password token answers for a request (docs/iam-security.md "Tokens"): its user still
 * exists and is enabled, it was issued after the user's last password change and last disable
 * (re-enabling revives nothing), and a project-scoped token answers only for its own project.
 */
import type { Instant } from '@dew/decider';
import type { User } from '../state/account.state.js';

/** What the rule needs of a token's sealed claims. */
export interface TokenFacts {
  /** When the login read the user it checked the password against. */
  readonly issuedAt: Instant;
  /** The project the token is scoped to; absent for a domain-scoped token. */
  readonly projectId?: string;
}

/** Why the token does not answer for a request naming `requestProjectId`, or null when it does. */
export function tokenRefusal(user: User | null, token: TokenFacts, requestProjectId?: string): string | null {
  if (user === null) return 'its user no longer exists';
  if (!user.enabled) return `user ${user.id} is disabled`;
  if (user.tokensValidAfter !== null && token.issuedAt <= user.tokensValidAfter) {
    return `it was issued before user ${user.id}'s password was changed or the user was disabled (${new Date(user.tokensValidAfter).toISOString()})`;
  }
  if (token.projectId !== undefined && requestProjectId !== undefined && requestProjectId !== token.projectId) {
    return `it is scoped to project ${token.projectId}, not to ${requestProjectId.slice(0, 64)}`;
  }
  return null;
}
