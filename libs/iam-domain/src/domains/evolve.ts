import type { ActiveAccount } from '../state/account.state.js';
import { assertNever, withEntry } from '../state/records.js';
import type { DomainCreated, DomainEvent } from './events.js';

/** The account a domain starts as: nothing in it yet. */
export function startAccount(event: DomainCreated): ActiveAccount {
  return {
    status: 'Active',
    domainId: event.domainId,
    name: event.name,
    createdAt: event.at,
    projects: {},
    users: {},
    accessKeys: {},
    groups: {},
    policies: {},
    attachments: [],
  };
}

export function evolveDomains(state: ActiveAccount, event: DomainEvent): ActiveAccount {
  switch (event.type) {
    case 'DomainCreated':
      return state;
    case 'ProjectCreated':
      return {
        ...state,
        projects: withEntry(state.projects, event.projectId, {
          id: event.projectId,
          name: event.name,
          domainId: state.domainId,
          parentId: state.domainId,
          createdAt: event.at,
        }),
      };
    default:
      return assertNever(event);
  }
}
