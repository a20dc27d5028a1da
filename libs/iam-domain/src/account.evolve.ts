/**
 * The account (domain) aggregate's evolve, composed from its features' (docs/architecture.md,
 * "Event sourcing on JetStream"). One event subject per domain (`evt.iam.<domainId>.account`)
 * guards the uniqueness of project, user, group and policy names and the quotas. Events never
 * hold secrets in clear: `passwordHash` is an opaque hash, `wrappedSecret` the SK wrapped by the
 * root key.
 */
import type { AccessKeyEvent } from './access-keys/events.js';
import { evolveAccessKeys } from './access-keys/evolve.js';
import type { DomainEvent } from './domains/events.js';
import { evolveDomains, startAccount } from './domains/evolve.js';
import type { GroupEvent } from './groups/events.js';
import { evolveGroups } from './groups/evolve.js';
import type { PolicyEvent } from './policies/events.js';
import { evolvePolicies } from './policies/evolve.js';
import type { AccountState, ActiveAccount } from './state/account.state.js';
import { assertNever } from './state/records.js';
import type { UserEvent } from './users/events.js';
import { evolveUsers } from './users/evolve.js';
import { withEpochAt } from './account.upcast.js';

export type AccountEvent = DomainEvent | UserEvent | AccessKeyEvent | GroupEvent | PolicyEvent;

/**
 * Applies one event. Total: an event that does not fit the state (which a valid stream never
 * holds) leaves the state unchanged, so a replay never stops half-way.
 */
export function evolve(state: AccountState, stored: AccountEvent): AccountState {
  const event = withEpochAt(stored);
  switch (state.status) {
    case 'Absent':
      return event.type === 'DomainCreated' ? startAccount(event) : state;
    case 'Active':
      return evolveActive(state, event);
    default:
      return assertNever(state);
  }
}

function evolveActive(state: ActiveAccount, event: AccountEvent): ActiveAccount {
  switch (event.type) {
    case 'DomainCreated':
    case 'ProjectCreated':
      return evolveDomains(state, event);
    case 'UserCreated':
    case 'UserUpdated':
    case 'UserPasswordChanged':
    case 'UserDeleted':
    case 'UserEnabled':
    case 'UserDisabled':
      return evolveUsers(state, event);
    case 'AccessKeyCreated':
    case 'AccessKeyStatusChanged':
    case 'AccessKeyDescriptionChanged':
    case 'AccessKeyDeleted':
    case 'AccessKeySecretRewrapped':
      return evolveAccessKeys(state, event);
    case 'GroupCreated':
    case 'GroupUpdated':
    case 'GroupDeleted':
    case 'UserAddedToGroup':
    case 'UserRemovedFromGroup':
      return evolveGroups(state, event);
    case 'PolicyCreated':
    case 'PolicyUpdated':
    case 'PolicyDeleted':
    case 'PolicyAttached':
    case 'PolicyDetached':
      return evolvePolicies(state, event);
    default:
      return assertNever(event);
  }
}
