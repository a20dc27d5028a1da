/**
 * Custom policy commands and attaching policies to groups. Display names are
 * unique among the domain's custom policies; at most 200 custom policies per domain; a policy
 * cannot be deleted while attached. System policies can be attached, never changed or deleted.
 */
import type { Instant } from '@dew/decider';
import {
  AttachmentScopeInvalid,
  CustomPolicyQuotaReached,
  NameTaken,
  PolicyExists,
  PolicyNotAttached,
  PolicyNotFound,
  PolicyStillAttached,
  PolicyTypeInvalid,
  SystemPolicyUnchangeable,
} from '@dew/contracts';
import {
  CUSTOM_POLICIES_PER_DOMAIN,
  POLICY_DESCRIPTION_MAX_LENGTH,
  POLICY_DISPLAY_NAME_MAX_LENGTH,
  checkFreeName,
  checkId,
  checkLongDescription,
  shown,
} from '../fields/limits.js';
import { validatePolicyDocument, type PolicyDocument } from '../policy-documents/policy-document.js';
import { findSystemPolicy } from '../policy-documents/system-policies.js';
import type { ActiveAccount, AttachmentScope, CustomPolicy, PolicyType } from '../state/account.state.js';
import { attachmentsOfPolicy, findAttachment } from '../state/attachments.js';
import { existingGroup, existingProject } from '../state/lookups.js';
import { assertNever } from '../state/records.js';
import type { PolicyEvent } from './events.js';

interface PolicyFields {
  readonly policyId: string;
  /** 1–128 characters, unique among the domain's custom policies. */
  readonly displayName: string;
  /** The API's `type` (renamed: `type` names the command). */
  readonly policyType: PolicyType;
  /** ≤1000 characters. */
  readonly description: string;
  /** The Chinese description (`description_cn`), ≤1000 characters; defaults to "". */
  readonly descriptionCn?: string;
  /** Raw parsed JSON; validated by `validatePolicyDocument`. */
  readonly document: unknown;
  readonly now: Instant;
}
export interface CreatePolicy extends PolicyFields {
  readonly type: 'CreatePolicy';
}
/** Replaces the whole policy (same rules as create). */
export interface UpdatePolicy extends PolicyFields {
  readonly type: 'UpdatePolicy';
}
/** Refused (IAM.0001, naming the groups) while the policy is attached. */
export interface DeletePolicy {
  readonly type: 'DeletePolicy';
  readonly policyId: string;
  readonly now: Instant;
}
/** A custom policy of the domain or a system policy; idempotent. */
export interface AttachPolicy {
  readonly type: 'AttachPolicy';
  readonly groupId: string;
  readonly policyId: string;
  readonly scope: AttachmentScope;
  readonly now: Instant;
}
/** Not attached (in that scope) → IAM.0002. */
export interface DetachPolicy {
  readonly type: 'DetachPolicy';
  readonly groupId: string;
  readonly policyId: string;
  readonly scope: AttachmentScope;
  readonly now: Instant;
}

export type PolicyCommand = CreatePolicy | UpdatePolicy | DeletePolicy | AttachPolicy | DetachPolicy;

export function decidePolicy(state: ActiveAccount, command: PolicyCommand): readonly PolicyEvent[] {
  switch (command.type) {
    case 'CreatePolicy':
      return createPolicy(state, command);
    case 'UpdatePolicy':
      return updatePolicy(state, command);
    case 'DeletePolicy':
      return deletePolicy(state, command);
    case 'AttachPolicy':
      return attachPolicy(state, command);
    case 'DetachPolicy':
      return detachPolicy(state, command);
    default:
      return assertNever(command);
  }
}

interface CheckedFields {
  readonly displayName: string;
  readonly policyType: PolicyType;
  readonly description: string;
  readonly descriptionCn: string;
  readonly document: PolicyDocument;
}

function checkFields(state: ActiveAccount, c: PolicyFields): CheckedFields {
  checkFreeName('display_name', c.displayName, POLICY_DISPLAY_NAME_MAX_LENGTH);
  if (c.policyType !== 'AX' && c.policyType !== 'XA') {
    throw PolicyTypeInvalid(shown(c.policyType));
  }
  checkLongDescription('description', c.description, POLICY_DESCRIPTION_MAX_LENGTH);
  const descriptionCn = c.descriptionCn ?? '';
  checkLongDescription('description_cn', descriptionCn, POLICY_DESCRIPTION_MAX_LENGTH);
  const document = validatePolicyDocument(c.document);
  const holder = state.policyIdsByName.get(c.displayName);
  if (holder !== undefined && holder !== c.policyId) {
    throw NameTaken('policy display name', shown(c.displayName), state.domainId);
  }
  return { displayName: c.displayName, policyType: c.policyType, description: c.description, descriptionCn, document };
}

function createPolicy(state: ActiveAccount, c: CreatePolicy): readonly PolicyEvent[] {
  checkId('policy_id', c.policyId);
  const fields = checkFields(state, c);
  if (state.policies.get(c.policyId) !== undefined || findSystemPolicy(c.policyId) !== null) {
    throw PolicyExists(c.policyId);
  }
  const count = state.policies.size;
  if (count >= CUSTOM_POLICIES_PER_DOMAIN) {
    throw CustomPolicyQuotaReached(state.domainId, count, CUSTOM_POLICIES_PER_DOMAIN);
  }
  return [{ type: 'PolicyCreated', policyId: c.policyId, domainId: state.domainId, ...fields, at: c.now }];
}

/** A custom policy of the domain; system policies are refused with IAM.0001. */
function customPolicy(state: ActiveAccount, policyId: string, doing: string): CustomPolicy {
  const system = findSystemPolicy(policyId);
  if (system !== null) throw SystemPolicyUnchangeable(shown(system.displayName), doing);
  const policy = state.policies.get(policyId);
  if (policy === undefined) throw PolicyNotFound(shown(policyId));
  return policy;
}

function updatePolicy(state: ActiveAccount, c: UpdatePolicy): readonly PolicyEvent[] {
  const policy = customPolicy(state, c.policyId, 'changed');
  const fields = checkFields(state, c);
  const same =
    fields.displayName === policy.displayName &&
    fields.policyType === policy.policyType &&
    fields.description === policy.description &&
    fields.descriptionCn === policy.descriptionCn &&
    JSON.stringify(fields.document) === JSON.stringify(policy.document);
  return same ? [] : [{ type: 'PolicyUpdated', policyId: policy.id, ...fields, at: c.now }];
}

function deletePolicy(state: ActiveAccount, c: DeletePolicy): readonly PolicyEvent[] {
  const policy = customPolicy(state, c.policyId, 'deleted');
  const groupIds = new Set(attachmentsOfPolicy(state, policy.id).map((a) => a.groupId));
  if (groupIds.size > 0) {
    const groups = [...groupIds]
      .map((id) => `${shown(state.groups.get(id)?.name ?? id)} (${id})`)
      .sort()
      .join(', ');
    const noun = groupIds.size === 1 ? 'group' : 'groups';
    throw PolicyStillAttached(policy.id, noun, groups);
  }
  return [{ type: 'PolicyDeleted', policyId: policy.id, at: c.now }];
}

/** Checks the scope's shape (it may come from a request) and that its project is the domain's. */
function checkScope(state: ActiveAccount, scope: AttachmentScope): AttachmentScope {
  const raw: { readonly kind?: unknown; readonly projectId?: unknown } = typeof scope === 'object' && scope !== null ? scope : {};
  if (raw.kind === 'domain' || raw.kind === 'all-projects') return { kind: raw.kind };
  if (raw.kind !== 'project') {
    throw AttachmentScopeInvalid(shown(raw.kind));
  }
  checkId('project_id', raw.projectId);
  return { kind: 'project', projectId: existingProject(state, String(raw.projectId)).id };
}

function describeScope(scope: AttachmentScope): string {
  switch (scope.kind) {
    case 'project':
      return `in project ${scope.projectId}`;
    case 'domain':
      return 'at domain level';
    case 'all-projects':
      return 'in all projects';
    default:
      return assertNever(scope);
  }
}

function attachPolicy(state: ActiveAccount, c: AttachPolicy): readonly PolicyEvent[] {
  const group = existingGroup(state, c.groupId);
  if (state.policies.get(c.policyId) === undefined && findSystemPolicy(c.policyId) === null) {
    throw PolicyNotFound(shown(c.policyId));
  }
  const scope = checkScope(state, c.scope);
  if (findAttachment(state, group.id, c.policyId, scope) !== undefined) return [];
  return [{ type: 'PolicyAttached', groupId: group.id, policyId: c.policyId, scope, at: c.now }];
}

function detachPolicy(state: ActiveAccount, c: DetachPolicy): readonly PolicyEvent[] {
  const group = existingGroup(state, c.groupId);
  const scope = checkScope(state, c.scope);
  if (findAttachment(state, group.id, c.policyId, scope) === undefined) {
    throw PolicyNotAttached(shown(c.policyId), group.id, describeScope(scope));
  }
  return [{ type: 'PolicyDetached', groupId: group.id, policyId: c.policyId, scope, at: c.now }];
}
