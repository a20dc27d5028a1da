import type { Instant } from '@dew/decider';

/**
 * A key policy (docs/authorization.md, "Key policies"): the IAM policy grammar on one key, each
 * statement naming who it is about. `Principal.IAM` entries are `domain:<domain id>` (every user
 * of that account) or `user:<user id>`. No `Resource` (the policy is the key's own) and no
 * `Condition` (DEW evaluates none, so a conditional Allow never acts as an unconditional one).
 */
export interface KeyPolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  /** `service:resource:action` patterns, matched as IAM matches them (aliases, coarse names, globs). */
  readonly Action: readonly string[];
  readonly Principal: { readonly IAM: readonly string[] };
}

export interface KeyPolicyDocument {
  readonly Version: '1.1';
  readonly Statement: readonly KeyPolicyStatement[];
}

export interface KeyPolicy {
  readonly document: KeyPolicyDocument;
  readonly updatedAt: Instant;
}

/** The caller a key policy is asked about. */
export interface PolicyPrincipal {
  readonly userId: string;
  readonly domainId: string;
}

/** What the key policy says about one caller and action: an explicit Deny beats an Allow. */
export type KeyPolicyVerdict = 'Allow' | 'Deny' | 'None';

function names(statement: KeyPolicyStatement, who: PolicyPrincipal): boolean {
  return statement.Principal.IAM.some((p) => p === `user:${who.userId}` || p === `domain:${who.domainId}`);
}

/**
 * The policy's verdict on `action` for `who`. `actionMatches` is IAM's matcher (a pattern against
 * the action, through its aliases and coarse names), passed in so this library stays pure.
 */
export function keyPolicyVerdict(
  policy: KeyPolicyDocument | undefined,
  who: PolicyPrincipal,
  action: string,
  actionMatches: (pattern: string, action: string) => boolean,
): KeyPolicyVerdict {
  if (!policy) return 'None';
  let allowed = false;
  for (const statement of policy.Statement) {
    if (!names(statement, who) || !statement.Action.some((pattern) => actionMatches(pattern, action))) continue;
    if (statement.Effect === 'Deny') return 'Deny';
    allowed = true;
  }
  return allowed ? 'Allow' : 'None';
}
