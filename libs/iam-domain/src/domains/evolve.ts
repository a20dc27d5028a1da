import { PersistentMap } from '@dew/decider';
import type { ActiveAccount } from '../state/account.state.js';
import { assertNever } from '../state/records.js';
import type { DomainCreated, DomainEvent } from './events.js';

/** The account a domain starts as: nothing in it yet. */
export function startAccount(event: DomainCreated): ActiveAccount {
  return {
    status: 'Active',
    domainId: event.domainId,
    name: event.name,
    createdAt: event.at,
    projects: PersistentMap.empty(),
    projectIdsByName: PersistentMap.empty(),
    users: PersistentMap.empty(),
    userIdsByName: PersistentMap.empty(),
    accessKeys: PersistentMap.empty(),
    accessKeysByUser: PersistentMap.empty(),
    groups: PersistentMap.empty(),
    groupIdsByName: PersistentMap.empty(),
    groupsByUser: PersistentMap.empty(),
    policies: PersistentMap.empty(),
    policyIdsByName: PersistentMap.empty(),
    attachments: PersistentMap.empty(),
    attachmentsByGroup: PersistentMap.empty(),
    attachmentsByPolicy: PersistentMap.empty(),
    made: 0,
  };
}

export function evolveDomains(state: ActiveAccount, event: DomainEvent): ActiveAccount {
  switch (event.type) {
    case 'DomainCreated':
      return state;
    case 'ProjectCreated':
      return {
        ...state,
        projects: state.projects.set(event.projectId, {
          id: event.projectId,
          name: event.name,
          domainId: state.domainId,
          parentId: state.domainId,
          createdAt: event.at,
        }),
        projectIdsByName: state.projectIdsByName.set(event.name, event.projectId),
      };
    default:
      return assertNever(event);
  }
}
