import type { Instant } from '@dew/decider';

export interface DomainCreated {
  readonly type: 'DomainCreated';
  readonly domainId: string;
  readonly name: string;
  readonly at: Instant;
}
/** A region project (e.g. `dew-local`) whose parent is the domain. */
export interface ProjectCreated {
  readonly type: 'ProjectCreated';
  readonly projectId: string;
  readonly domainId: string;
  readonly name: string;
  readonly at: Instant;
}

export type DomainEvent = DomainCreated | ProjectCreated;
