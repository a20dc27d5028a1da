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

/** The attachment of this policy to this group in exactly this scope, if any. */
export function findAttachment(state: ActiveAccount, groupId: string, policyId: string, scope: AttachmentScope): Attachment | undefined {
  return state.attachments.find((a) => a.groupId === groupId && a.policyId === policyId && sameScope(a.scope, scope));
}
