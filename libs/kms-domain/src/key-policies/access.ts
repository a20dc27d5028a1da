import type { KeyPolicyVerdict } from './document.js';

/** IAM's decision on the action and key, as the gateway (or `iam.decide`) got it. */
export type IamVerdict = 'Allow' | 'NoAllow' | 'ExplicitDeny';

/** Everything that decides whether a caller may perform one operation on one key. */
export interface KeyAccessQuestion {
  readonly iam: IamVerdict;
  /** The key belongs to the caller's project (never true for a caller of another domain). */
  readonly ownProject: boolean;
  /** One of the caller's grants on the key lists the operation. */
  readonly grantCovers: boolean;
  readonly keyPolicy: KeyPolicyVerdict;
}

export type KeyAccessAnswer =
  | { readonly allowed: true; readonly by: 'iam' | 'key-policy' | 'grant' }
  | { readonly allowed: false; readonly why: 'iam-deny' | 'key-policy-deny' | 'no-allow' };

/**
 * The combined decision (docs/authorization.md, "Key policies"): an explicit Deny anywhere wins;
 * otherwise an IAM Allow (on a key of the caller's own project only), the key policy's Allow or a
 * grant suffices. A caller of another domain therefore needs the key policy or a grant. Without a
 * key policy this is exactly the decision IAM and grants made before key policies existed.
 */
export function decideKeyAccess(q: KeyAccessQuestion): KeyAccessAnswer {
  if (q.keyPolicy === 'Deny') return { allowed: false, why: 'key-policy-deny' };
  if (q.iam === 'ExplicitDeny') return { allowed: false, why: 'iam-deny' };
  if (q.iam === 'Allow' && q.ownProject) return { allowed: true, by: 'iam' };
  if (q.keyPolicy === 'Allow') return { allowed: true, by: 'key-policy' };
  if (q.grantCovers) return { allowed: true, by: 'grant' };
  return { allowed: false, why: 'no-allow' };
}
