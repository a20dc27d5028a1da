import type { ActiveAccount } from '../state/account.state.js';
import { findAttachment } from '../state/attachments.js';
import { assertNever, withChangedEntry, withEntry, withoutEntry } from '../state/records.js';
import type { PolicyEvent } from './events.js';

export function evolvePolicies(state: ActiveAccount, event: PolicyEvent): ActiveAccount {
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
      const { displayName, policyType, description, document } = event;
      const descriptionCn = event.descriptionCn ?? '';
      const policies = withChangedEntry(state.policies, event.policyId, (p) => ({ ...p, displayName, policyType, description, descriptionCn, document, updatedAt: event.at }));
      return policies === state.policies ? state : { ...state, policies };
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
