/** Where a group holds a policy: comparing scopes and finding one attachment. */
import type { ActiveAccount, Attachment, AttachmentScope } from './account.state.js';
import { assertNever } from './records.js';

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

/** The key of an attachment in `ActiveAccount.attachments` (ids hold no space). */
export function attachmentKey(groupId: string, policyId: string, scope: AttachmentScope): string {
  return `${groupId} ${policyId} ${scopeKey(scope)}`;
}

/** The attachment of this policy to this group in exactly this scope, if any. */
export function findAttachment(state: ActiveAccount, groupId: string, policyId: string, scope: AttachmentScope): Attachment | undefined {
  return state.attachments.get(attachmentKey(groupId, policyId, scope));
}

/** Attachments oldest first. */
export function oldestFirst(attachments: Iterable<Attachment>): readonly Attachment[] {
  return [...attachments].sort((a, b) => a.seq - b.seq);
}

/** The group's attachments, oldest first. */
export function attachmentsOfGroup(state: ActiveAccount, groupId: string): readonly Attachment[] {
  return oldestFirst(state.attachmentsByGroup.get(groupId)?.values() ?? []);
}

/** The policy's attachments, oldest first. */
export function attachmentsOfPolicy(state: ActiveAccount, policyId: string): readonly Attachment[] {
  return oldestFirst(state.attachmentsByPolicy.get(policyId)?.values() ?? []);
}

/** Every attachment of the account, oldest first. */
export function allAttachments(state: ActiveAccount): readonly Attachment[] {
  return oldestFirst(state.attachments.values());
}
