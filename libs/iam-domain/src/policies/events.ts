/**
 * Events of a domain's custom policies and of policy attachments to groups. An attachment names a
 * custom policy of the domain or a system policy.
 */
import type { Instant } from '@dew/decider';
import type { PolicyDocument } from '../policy-documents/policy-document.js';
import type { AttachmentScope, PolicyType } from '../state/account.state.js';

/** What a custom policy says: carried whole by its creation and by every change. */
interface PolicyContent {
  readonly policyId: string;
  readonly displayName: string;
  readonly policyType: PolicyType;
  readonly description: string;
  /** Absent in events written before policies had one (read as ""). */
  readonly descriptionCn?: string;
  /** Validated by `validatePolicyDocument`. */
  readonly document: PolicyDocument;
  readonly at: Instant;
}
export interface PolicyCreated extends PolicyContent {
  readonly type: 'PolicyCreated';
  readonly domainId: string;
}
/** The whole policy after the change. */
export interface PolicyUpdated extends PolicyContent {
  readonly type: 'PolicyUpdated';
}
export interface PolicyDeleted {
  readonly type: 'PolicyDeleted';
  readonly policyId: string;
  readonly at: Instant;
}
export interface PolicyAttached {
  readonly type: 'PolicyAttached';
  readonly groupId: string;
  readonly policyId: string;
  readonly scope: AttachmentScope;
  readonly at: Instant;
}
export interface PolicyDetached {
  readonly type: 'PolicyDetached';
  readonly groupId: string;
  readonly policyId: string;
  readonly scope: AttachmentScope;
  readonly at: Instant;
}

export type PolicyEvent = PolicyCreated | PolicyUpdated | PolicyDeleted | PolicyAttached | PolicyDetached;
