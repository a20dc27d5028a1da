/** The account aggregate's state and the records it holds; it imports no feature of the account. */
import type { Instant } from '@dew/decider';
import type { PolicyDocument } from '../policy-documents/policy-document.js';

/** The strength IAM reports for a user's password (`pwd_strength`): low, mid or high. */
export type PasswordStrength = 'low' | 'mid' | 'high';
export type AccessKeyStatus = 'active' | 'inactive';

export interface Project {
  readonly id: string;
  readonly name: string;
  readonly domainId: string;
  /** Region projects hang directly under the domain. */
  readonly parentId: string;
  readonly createdAt: Instant;
}
export interface User {
  readonly id: string;
  readonly name: string;
  readonly domainId: string;
  /** Never render this; it is here only to verify a password. */
  readonly passwordHash: string | null;
  /** null without a password, or when the event that set it predates strengths. */
  readonly passwordStrength: PasswordStrength | null;
  readonly isDomainAdmin: boolean;
  readonly enabled: boolean;
  readonly description: string;
  /** Tokens issued at or before this instant are revoked (last password change or disable); null: none. */
  readonly tokensValidAfter: Instant | null;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}
export interface AccessKey {
  readonly accessKey: string;
  readonly userId: string;
  readonly wrappedSecret: string;
  readonly description: string;
  readonly status: AccessKeyStatus;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

export interface Group {
  readonly id: string;
  readonly name: string;
  readonly domainId: string;
  readonly description: string;
  /** User ids in the order they joined. */
  readonly members: readonly string[];
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

/** `AX`: shown at domain (account) level; `XA`: project level. */
export type PolicyType = 'AX' | 'XA';

/**
 * Where a group holds a policy: one project; the domain (global services such as IAM itself);
 * or every project of the domain, present and future (`inherited_to_projects`).
 */
export type AttachmentScope =
  | { readonly kind: 'project'; readonly projectId: string }
  | { readonly kind: 'domain' }
  | { readonly kind: 'all-projects' };

export interface CustomPolicy {
  readonly id: string;
  readonly domainId: string;
  readonly displayName: string;
  readonly policyType: PolicyType;
  readonly description: string;
  readonly descriptionCn: string;
  readonly document: PolicyDocument;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}
export interface Attachment {
  readonly groupId: string;
  readonly policyId: string;
  readonly scope: AttachmentScope;
  readonly attachedAt: Instant;
}

export interface AbsentAccount {
  readonly status: 'Absent';
}
export interface ActiveAccount {
  readonly status: 'Active';
  readonly domainId: string;
  readonly name: string;
  readonly createdAt: Instant;
  readonly projects: Readonly<Record<string, Project>>;
  readonly users: Readonly<Record<string, User>>;
  readonly accessKeys: Readonly<Record<string, AccessKey>>;
  readonly groups: Readonly<Record<string, Group>>;
  /** The domain's custom policies (system policies live in `SYSTEM_POLICIES`). */
  readonly policies: Readonly<Record<string, CustomPolicy>>;
  /** Policy attachments to groups, oldest first; at most one per group, policy and scope. */
  readonly attachments: readonly Attachment[];
}
export type AccountState = AbsentAccount | ActiveAccount;

export function initialAccount(): AccountState {
  return { status: 'Absent' };
}
