/** The account aggregate's state and the records it holds; it imports no feature of the account. */
import type { Instant, PersistentMap } from '@dew/decider';
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
  /** Member user id → its place in joining order (see `memberIds`). */
  readonly members: PersistentMap<number>;
  /** How many joins the group has seen: the next member's place. */
  readonly joins: number;
  /** Its place in the account's creation order (see `ActiveAccount.made`). */
  readonly seq: number;
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
  /** Its place in the account's creation order (see `ActiveAccount.made`). */
  readonly seq: number;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}
export interface Attachment {
  readonly groupId: string;
  readonly policyId: string;
  readonly scope: AttachmentScope;
  readonly attachedAt: Instant;
  /** Its place in the account's creation order (see `ActiveAccount.made`). */
  readonly seq: number;
}

export interface AbsentAccount {
  readonly status: 'Absent';
}
export interface ActiveAccount {
  readonly status: 'Active';
  readonly domainId: string;
  readonly name: string;
  readonly createdAt: Instant;
  /**
   * Persistent maps and indexes (docs/architecture.md, "Event sourcing on JetStream"): one event
   * sets a few entries, never copies a whole collection; lookups by id, name or access key
   * are map lookups.
   */
  readonly projects: PersistentMap<Project>;
  /** project name → project id. */
  readonly projectIdsByName: PersistentMap<string>;
  readonly users: PersistentMap<User>;
  /** user name → user id. */
  readonly userIdsByName: PersistentMap<string>;
  readonly accessKeys: PersistentMap<AccessKey>;
  /** user id → its access keys. */
  readonly accessKeysByUser: PersistentMap<PersistentMap<true>>;
  readonly groups: PersistentMap<Group>;
  /** group name → group id. */
  readonly groupIdsByName: PersistentMap<string>;
  /** user id → the groups it is a member of. */
  readonly groupsByUser: PersistentMap<PersistentMap<true>>;
  /** The domain's custom policies (system policies live in `SYSTEM_POLICIES`). */
  readonly policies: PersistentMap<CustomPolicy>;
  /** policy display name → policy id. */
  readonly policyIdsByName: PersistentMap<string>;
  /** Policy attachments to groups by `attachmentKey`; at most one per group, policy and scope. */
  readonly attachments: PersistentMap<Attachment>;
  /** group id → its attachments by `attachmentKey`. */
  readonly attachmentsByGroup: PersistentMap<PersistentMap<Attachment>>;
  /** policy id → its attachments by `attachmentKey`. */
  readonly attachmentsByPolicy: PersistentMap<PersistentMap<Attachment>>;
  /** How many groups, custom policies and attachments the account has made: the next one's `seq` (lists keep creation order). */
  readonly made: number;
}
export type AccountState = AbsentAccount | ActiveAccount;

export function initialAccount(): AccountState {
  return { status: 'Absent' };
}
