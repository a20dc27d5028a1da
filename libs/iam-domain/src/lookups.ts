/** Lookups shared by the deciders: each answers the entity or throws the refusal (IAM.0002 / 0003). */
import { DewError } from '@dew/contracts';
import type { AccountState, ActiveAccount, Group, Project, User } from './account.state.js';
import { shown } from './limits.js';
import { assertNever, own } from './records.js';

export function active(state: AccountState): ActiveAccount {
  switch (state.status) {
    case 'Active':
      return state;
    case 'Absent':
      throw new DewError('IAM.0002', 'domain does not exist');
    default:
      return assertNever(state);
  }
}

export function existingUser(state: ActiveAccount, userId: string): User {
  const user = own(state.users, userId);
  if (user === undefined) throw new DewError('IAM.0002', `user ${shown(userId)} does not exist`);
  return user;
}

export function existingGroup(state: ActiveAccount, groupId: string): Group {
  const group = own(state.groups, groupId);
  if (group === undefined) throw new DewError('IAM.0002', `group ${shown(groupId)} does not exist`);
  return group;
}

export function existingProject(state: ActiveAccount, projectId: string): Project {
  const project = own(state.projects, projectId);
  if (project === undefined) throw new DewError('IAM.0002', `project ${shown(projectId)} does not exist in domain ${state.domainId}`);
  return project;
}

/** User names are unique in the domain (the user itself may keep its own name). */
export function checkUserNameFree(state: ActiveAccount, name: string, selfId?: string): void {
  if (Object.values(state.users).some((u) => u.name === name && u.id !== selfId)) {
    throw new DewError('IAM.0003', `user name ${shown(name)} already exists in domain ${state.domainId}`);
  }
}
