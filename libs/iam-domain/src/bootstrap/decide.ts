/** First start of a domain: domain, region project, administrator and its access key in one message. */
import type { Instant } from '@dew/decider';
import { createAccessKey } from '../access-keys/decide.js';
import type { AccessKeyEvent } from '../access-keys/events.js';
import { createDomain, createProject } from '../domains/decide.js';
import type { DomainEvent } from '../domains/events.js';
import { evolveDomains, startAccount } from '../domains/evolve.js';
import type { AccountState } from '../state/account.state.js';
import { createUser } from '../users/decide.js';
import type { UserEvent } from '../users/events.js';
import { evolveUsers } from '../users/evolve.js';

export interface BootstrapDomain {
  readonly type: 'BootstrapDomain';
  readonly domainId: string;
  readonly domainName: string;
  readonly projectId: string;
  readonly projectName: string;
  readonly userId: string;
  readonly userName: string;
  readonly passwordHash: string | null;
  readonly accessKey: string;
  readonly wrappedSecret: string;
  readonly now: Instant;
}

/** Decides the four steps in turn against the state each one leaves, so every rule applies. */
export function bootstrapDomain(state: AccountState, c: BootstrapDomain): readonly (DomainEvent | UserEvent | AccessKeyEvent)[] {
  const domainCreated = createDomain(state, { type: 'CreateDomain', domainId: c.domainId, name: c.domainName, now: c.now });
  let account = startAccount(domainCreated);
  const projectCreated = createProject(account, { type: 'CreateProject', projectId: c.projectId, name: c.projectName, now: c.now });
  account = projectCreated.reduce(evolveDomains, account);
  const userCreated = createUser(account, { type: 'CreateUser', userId: c.userId, name: c.userName, passwordHash: c.passwordHash, isDomainAdmin: true, now: c.now });
  account = userCreated.reduce(evolveUsers, account);
  const keyCreated = createAccessKey(account, { type: 'CreateAccessKey', actorId: c.userId, accessKey: c.accessKey, userId: c.userId, wrappedSecret: c.wrappedSecret, now: c.now });
  return [domainCreated, ...projectCreated, ...userCreated, ...keyCreated];
}
