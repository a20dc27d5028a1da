import type { ActiveAccount, CustomPolicy } from '../state/account.state.js';
import { findAttachment } from '../state/attachments.js';
import { assertNever, renamed, unnamed } from '../state/records.js';
import { withAttachment, withoutAttachment } from './attachments.evolve.js';
import type { PolicyEvent } from './events.js';

export function evolvePolicies(state: ActiveAccount, event: PolicyEvent): ActiveAccount {
  switch (event.type) {
    case 'PolicyCreated':
      return withPolicy({ ...state, made: state.made + 1 }, state.policies.get(event.policyId)?.displayName, {
        id: event.policyId,
        domainId: state.domainId,
        displayName: event.displayName,
        policyType: event.policyType,
        description: event.description,
        descriptionCn: event.descriptionCn ?? '',
        document: event.document,
        seq: state.made,
        createdAt: event.at,
        updatedAt: event.at,
      });
    case 'PolicyUpdated': {
      const before = state.policies.get(event.policyId);
      if (before === undefined) return state;
      const { displayName, policyType, description, document } = event;
      const descriptionCn = event.descriptionCn ?? '';
      return withPolicy(state, before.displayName, { ...before, displayName, policyType, description, descriptionCn, document, updatedAt: event.at });
    }
    case 'PolicyDeleted': {
      const policy = state.policies.get(event.policyId);
      if (policy === undefined) return state;
      return { ...state, policies: state.policies.delete(policy.id), policyIdsByName: unnamed(state.policyIdsByName, policy.id, policy.displayName) };
    }
    case 'PolicyAttached': {
      const { groupId, policyId, scope } = event;
      if (findAttachment(state, groupId, policyId, scope) !== undefined) return state;
      return withAttachment(state, { groupId, policyId, scope, attachedAt: event.at });
    }
    case 'PolicyDetached': {
      const found = findAttachment(state, event.groupId, event.policyId, event.scope);
      return found === undefined ? state : withoutAttachment(state, found);
    }
    default:
      return assertNever(event);
  }
}

function withPolicy(state: ActiveAccount, nameBefore: string | undefined, policy: CustomPolicy): ActiveAccount {
  return {
    ...state,
    policies: state.policies.set(policy.id, policy),
    policyIdsByName: renamed(state.policyIdsByName, policy.id, nameBefore, policy.displayName),
  };
}
