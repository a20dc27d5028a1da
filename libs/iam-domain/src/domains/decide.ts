/** Creating the domain (the account itself) and its region projects. */
import type { Instant } from '@dew/decider';
import { DomainExists, NameTaken, ProjectExists } from '@dew/contracts';
import { checkId, checkResourceName, shown } from '../fields/limits.js';
import type { AccountState, ActiveAccount } from '../state/account.state.js';
import { assertNever } from '../state/records.js';
import type { DomainCreated, ProjectCreated } from './events.js';

export interface CreateDomain {
  readonly type: 'CreateDomain';
  readonly domainId: string;
  readonly name: string;
  readonly now: Instant;
}
export interface CreateProject {
  readonly type: 'CreateProject';
  readonly projectId: string;
  readonly name: string;
  readonly now: Instant;
}

/** One event: the domain created (the bootstrap starts its account from it). */
export function createDomain(state: AccountState, c: CreateDomain): DomainCreated {
  switch (state.status) {
    case 'Active':
      throw DomainExists(state.domainId);
    case 'Absent':
      checkId('domain_id', c.domainId);
      checkResourceName('domain name', c.name);
      return { type: 'DomainCreated', domainId: c.domainId, name: c.name, at: c.now };
    default:
      return assertNever(state);
  }
}

export function createProject(state: ActiveAccount, c: CreateProject): readonly ProjectCreated[] {
  checkId('project_id', c.projectId);
  checkResourceName('project name', c.name);
  if (state.projects.get(c.projectId) !== undefined) throw ProjectExists(c.projectId);
  if (state.projectIdsByName.has(c.name)) throw NameTaken('project name', shown(c.name), state.domainId);
  return [{ type: 'ProjectCreated', projectId: c.projectId, domainId: state.domainId, name: c.name, at: c.now }];
}
