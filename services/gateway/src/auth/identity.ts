/** Who a verified request comes from, as IAM resolved it. */
export interface Identity {
  readonly userId: string;
  readonly userName: string;
  readonly domainId: string;
  readonly domainName: string;
  readonly isDomainAdmin: boolean;
  readonly projectIds: readonly string[];
  /** The access key whose signature was verified; empty for a token. */
  readonly accessKeyId: string;
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'NoAllow';

/** What the gateway asks IAM to decide beside the credential (one round trip per request). */
export interface AuthorizationQuestion {
  readonly action: string;
  readonly project_id?: string;
  /** The key a KMS call names, so resource-scoped statements (`KMS:*:*:KeyId:<id>`) apply. */
  readonly key_id?: string;
  /** The second key of a two-key operation (re-encrypt's destination) and the action asked on it. */
  readonly second_action?: string;
  readonly second_key_id?: string;
}

/**
 * What the gateway shows IAM of a credential: a token, or an AK/SK signature with the strings it
 * signs (one, or two for the Node SDK's legacy path encoding); IAM checks the HMAC with the SK.
 */
export type Credential =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'aksk'; readonly access_key: string; readonly string_to_sign: readonly string[]; readonly signature: string; readonly single_use?: true };

/** Reply of `iam.authenticate` (only the gateway may ask it): identity and decision, never a secret. */
/** IAM's answer to `iam.authenticate` (declared with its row). */
import type { AuthenticationReply } from '@dew/contracts';
export type { AuthenticationReply };

export interface Authenticated {
  readonly identity: Identity;
  readonly decision: Decision;
  readonly reason: string;
  /** IAM's decision on the question's second key, when it had one. */
  readonly secondDecision?: Decision;
}

export function toAuthenticated(r: AuthenticationReply, accessKeyId = ''): Authenticated {
  return {
    identity: {
      userId: r.user_id,
      userName: r.user_name,
      domainId: r.domain_id,
      domainName: r.domain_name,
      isDomainAdmin: r.is_domain_admin,
      projectIds: r.project_ids,
      accessKeyId,
    },
    decision: r.decision,
    reason: r.reason,
    ...(r.second_decision ? { secondDecision: r.second_decision } : {}),
  };
}
