/**
 * IAM decision for one request of one user (docs/architecture.md, "Authorization"; docs/authorization.md): the
 * policies of every group the user belongs to, taken from the attachments whose scope covers the
 * request, evaluated together (an explicit Deny beats any Allow; nothing allows → NoAllow).
 * Project-level requests (with a project id) take `project` attachments of that project and
 * `all-projects` attachments; requests without one (global IAM actions) take `domain` attachments.
 */
import type { PolicyDocument } from '../policy-documents/policy-document.js';
import { findSystemPolicy } from '../policy-documents/system-policies.js';
import type { AccountState, ActiveAccount, AttachmentScope } from '../state/account.state.js';
import { attachmentsOfGroup } from '../state/attachments.js';
import { groupIdsOfUser } from '../state/members.js';
import { assertNever } from '../state/records.js';
import { evaluate, type Decision } from './evaluate.js';

export interface AuthorizationRequest {
  readonly userId: string;
  /** e.g. `kms:cmk:create`. */
  readonly action: string;
  /** The project of a project-level request; absent for global (domain-level) actions. */
  readonly projectId?: string;
  /** e.g. `keyResourceUrn(region, domainId, keyId)` for key-scoped operations. */
  readonly resource?: string;
}
export interface AuthorizationResult {
  readonly decision: Decision;
  /** Why, for logs and the 403 message (names the policy or the action; never a secret). */
  readonly reason: string;
}
/** A policy that applies to a user's request, through some group attachment. */
export interface EffectivePolicy {
  readonly id: string;
  readonly displayName: string;
  readonly source: 'custom' | 'system';
  readonly document: PolicyDocument;
}

function covers(scope: AttachmentScope, projectId: string | undefined): boolean {
  switch (scope.kind) {
    case 'project':
      return projectId !== undefined && scope.projectId === projectId;
    case 'all-projects':
      return projectId !== undefined;
    case 'domain':
      return projectId === undefined;
    default:
      return assertNever(scope);
  }
}

/** Each policy once, sorted by display name then id (so reasons are stable). */
export function effectivePolicies(state: ActiveAccount, userId: string, projectId?: string): readonly EffectivePolicy[] {
  const attachments = groupIdsOfUser(state, userId).flatMap((groupId) => attachmentsOfGroup(state, groupId));
  const found = new Map<string, EffectivePolicy>();
  for (const attachment of attachments) {
    if (!covers(attachment.scope, projectId) || found.has(attachment.policyId)) continue;
    const custom = state.policies.get(attachment.policyId);
    const system = findSystemPolicy(attachment.policyId);
    const policy: EffectivePolicy | null =
      custom !== undefined
        ? { id: custom.id, displayName: custom.displayName, source: 'custom', document: custom.document }
        : system !== null
          ? { id: system.id, displayName: system.displayName, source: 'system', document: system.document }
          : null;
    if (policy !== null) found.set(policy.id, policy);
  }
  return [...found.values()].sort((a, b) => compare(a.displayName, b.displayName) || compare(a.id, b.id));
}

export function authorize(state: AccountState, request: AuthorizationRequest): AuthorizationResult {
  if (state.status !== 'Active') return { decision: 'NoAllow', reason: 'domain does not exist' };
  const user = state.users.get(request.userId);
  if (user === undefined) return { decision: 'NoAllow', reason: `user ${request.userId} does not exist in domain ${state.domainId}` };
  if (!user.enabled) return { decision: 'NoAllow', reason: `user ${user.id} is disabled` };
  if (user.isDomainAdmin) return { decision: 'Allow', reason: `user ${user.id} is the domain administrator` };
  if (request.projectId !== undefined && state.projects.get(request.projectId) === undefined) {
    return { decision: 'NoAllow', reason: `project ${request.projectId} is not in domain ${state.domainId}` };
  }
  const policies = effectivePolicies(state, user.id, request.projectId);
  const access = { action: request.action, ...(request.resource === undefined ? {} : { resource: request.resource }) };
  const denying = policies.find((p) => evaluate([p.document], access) === 'ExplicitDeny');
  if (denying !== undefined) {
    return { decision: 'ExplicitDeny', reason: `policy ${JSON.stringify(denying.displayName)} (${denying.id}) denies ${request.action}` };
  }
  const allowing = policies.find((p) => evaluate([p.document], access) === 'Allow');
  if (allowing !== undefined) {
    return { decision: 'Allow', reason: `policy ${JSON.stringify(allowing.displayName)} (${allowing.id}) allows ${request.action}` };
  }
  return { decision: 'NoAllow', reason: `no policy allows ${request.action}` };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
