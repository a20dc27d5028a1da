/**
 * Custom policies of a domain and policy attachments to groups: events and
 * their evolve. An attachment names a custom policy of the domain or a system policy.
 */
import type { ActiveAccount, Attachment, AttachmentScope, Instant, PolicyType } from './account.state.js';
import type { PolicyDocument } from './policy-document.js';
import { assertNever, own, withEntry, withoutEntry } from './records.js';

export interface PolicyCreated {
  readonly type: 'PolicyCreated';
  readonly policyId: string;
  readonly domainId: string;
  readonly displayName: string;
  readonly policyType: PolicyType;
  readonly description: string;
  /** Absent in events written before policies had one (read as ""). */
  readonly descriptionCn?: string;
  /** Validated by `validatePolicyDocument`. */
  readonly document: PolicyDocument;
  readonly at: Instant;
}
/** The whole policy after the change. */
export interface PolicyUpdated {
  readonly type: 'PolicyUpdated';
  readonly policyId: string;
  readonly displayName: string;
  readonly policyType: PolicyType;
  readonly description: string;
  readonly descriptionCn?: string;
  readonly document: PolicyDocument;
  readonly at: Instant;
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

export function scopeKey(scope: AttachmentScope): string {
  switch (scope.kind) {
    case 'project':
      return `project:${scope.projectId}`;
    case 'domain':
    case 'all-projects':
      return scope.kind;
    default:
      return assertNever(scope);
  }
}

export function sameScope(a: AttachmentScope, b: AttachmentScope): boolean {
  return scopeKey(a) === scopeKey(b);
}

/** The attachment of this policy to this group in exactly this scope, if any. */
export function findAttachment(state: ActiveAccount, groupId: string, policyId: string, scope: AttachmentScope): Attachment | undefined {
  return state.attachments.find((a) => a.groupId === groupId && a.policyId === policyId && sameScope(a.scope, scope));
}

export function evolvePolicyEvent(state: ActiveAccount, event: PolicyEvent): ActiveAccount {
  switch (event.type) {
    case 'PolicyCreated':
      return {
        ...state,
        policies: withEntry(state.policies, event.policyId, {
          id: event.policyId,
          domainId: state.domainId,
          displayName: event.displayName,
          policyType: event.policyType,
          description: event.description,
          descriptionCn: event.descriptionCn ?? '',
          document: event.document,
          createdAt: event.at,
          updatedAt: event.at,
        }),
      };
    case 'PolicyUpdated': {
      const policy = own(state.policies, event.policyId);
      if (policy === undefined) return state;
      const { displayName, policyType, description, document } = event;
      const descriptionCn = event.descriptionCn ?? '';
      return { ...state, policies: withEntry(state.policies, policy.id, { ...policy, displayName, policyType, description, descriptionCn, document, updatedAt: event.at }) };
    }
    case 'PolicyDeleted': {
      const policies = withoutEntry(state.policies, event.policyId);
      return policies === state.policies ? state : { ...state, policies };
    }
    case 'PolicyAttached': {
      const { groupId, policyId, scope } = event;
      if (findAttachment(state, groupId, policyId, scope) !== undefined) return state;
      return { ...state, attachments: [...state.attachments, { groupId, policyId, scope, attachedAt: event.at }] };
    }
    case 'PolicyDetached': {
      const found = findAttachment(state, event.groupId, event.policyId, event.scope);
      return found === undefined ? state : { ...state, attachments: state.attachments.filter((a) => a !== found) };
    }
    default:
      return assertNever(event);
  }
}
