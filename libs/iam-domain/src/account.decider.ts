/** The account (domain) aggregate's decider: its features' commands and decisions, composed. */
import type { Decider } from '@dew/decider';
import { decideAccessKey, type AccessKeyCommand } from './access-keys/decide.js';
import { bootstrapDomain, type BootstrapDomain } from './bootstrap/decide.js';
import { createDomain, createProject, type CreateDomain, type CreateProject } from './domains/decide.js';
import { decideGroup, type GroupCommand } from './groups/decide.js';
import { decidePolicy, type PolicyCommand } from './policies/decide.js';
import { initialAccount, type AccountState } from './state/account.state.js';
import { active } from './state/lookups.js';
import { assertNever } from './state/records.js';
import { decideUser, type UserCommand } from './users/decide.js';
import { evolve, type AccountEvent } from './account.evolve.js';

export type AccountCommand = CreateDomain | BootstrapDomain | CreateProject | UserCommand | AccessKeyCommand | GroupCommand | PolicyCommand;

/** The events a command produces (possibly none), or a thrown `DewError`. */
export function decide(state: AccountState, command: AccountCommand): readonly AccountEvent[] {
  switch (command.type) {
    case 'CreateDomain':
      return [createDomain(state, command)];
    case 'BootstrapDomain':
      return bootstrapDomain(state, command);
    case 'CreateProject':
      return createProject(active(state), command);
    case 'CreateUser':
    case 'EnableUser':
    case 'DisableUser':
    case 'UpdateUser':
    case 'DeleteUser':
      return decideUser(active(state), command);
    case 'CreateAccessKey':
    case 'SetAccessKeyStatus':
    case 'SetAccessKeyDescription':
    case 'DeleteAccessKey':
      return decideAccessKey(active(state), command);
    case 'CreateGroup':
    case 'UpdateGroup':
    case 'DeleteGroup':
    case 'AddUserToGroup':
    case 'RemoveUserFromGroup':
      return decideGroup(active(state), command);
    case 'CreatePolicy':
    case 'UpdatePolicy':
    case 'DeletePolicy':
    case 'AttachPolicy':
    case 'DetachPolicy':
      return decidePolicy(active(state), command);
    default:
      return assertNever(command);
  }
}

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: initialAccount(),
  evolve,
  decide,
};
