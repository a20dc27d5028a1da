/**
 * Cross-domain directory: which domain holds an access key, a project or a user, so the IAM
 * service finds the right account state without scanning (the gateway looks up the AK of every
 * request). A pure projection of the account events of every domain subject, in stream order;
 * rebuild it at any time by folding those events from `emptyDirectory()`.
 */
import type { AccountEvent } from '../account.evolve.js';
import { PersistentMap } from '@dew/decider';
import { assertNever } from '../state/records.js';

/** A persistent map (docs/architecture.md, "Event sourcing on JetStream"): one event sets one entry, never copies an index. */
type Index = PersistentMap<string>;

export interface Directory {
  /** domainId → domain name. */
  readonly domains: Index;
  /** domain name → domainId (first domain to take a name keeps it). */
  readonly domainIdsByName: Index;
  /** access key → domainId. */
  readonly accessKeys: Index;
  /** projectId → domainId. */
  readonly projects: Index;
  /** userId → domainId. */
  readonly users: Index;
}

export function emptyDirectory(): Directory {
  const none = PersistentMap.empty<string>();
  return { domains: none, domainIdsByName: none, accessKeys: none, projects: none, users: none };
}

export function evolveDirectory(dir: Directory, event: AccountEvent): Directory {
  switch (event.type) {
    case 'DomainCreated':
      if (dir.domains.has(event.domainId)) return dir;
      return {
        ...dir,
        domains: dir.domains.set(event.domainId, event.name),
        domainIdsByName: dir.domainIdsByName.has(event.name) ? dir.domainIdsByName : dir.domainIdsByName.set(event.name, event.domainId),
      };
    case 'ProjectCreated':
      return { ...dir, projects: dir.projects.set(event.projectId, event.domainId) };
    case 'UserCreated':
      return { ...dir, users: dir.users.set(event.userId, event.domainId) };
    case 'AccessKeyCreated': {
      // The key's domain is its user's; UserCreated precedes it on the same subject.
      const domainId = dir.users.get(event.userId);
      return domainId === undefined ? dir : { ...dir, accessKeys: dir.accessKeys.set(event.accessKey, domainId) };
    }
    case 'AccessKeyDeleted': {
      const accessKeys = dir.accessKeys.delete(event.accessKey);
      return accessKeys === dir.accessKeys ? dir : { ...dir, accessKeys };
    }
    case 'UserDeleted': {
      // Its access keys were deleted by the AccessKeyDeleted events just before.
      const users = dir.users.delete(event.userId);
      return users === dir.users ? dir : { ...dir, users };
    }
    case 'UserUpdated':
    case 'UserPasswordChanged':
    case 'UserEnabled':
    case 'UserDisabled':
    case 'AccessKeyStatusChanged':
    case 'AccessKeyDescriptionChanged':
    case 'AccessKeySecretRewrapped':
    case 'GroupCreated':
    case 'GroupUpdated':
    case 'GroupDeleted':
    case 'UserAddedToGroup':
    case 'UserRemovedFromGroup':
    case 'PolicyCreated':
    case 'PolicyUpdated':
    case 'PolicyDeleted':
    case 'PolicyAttached':
    case 'PolicyDetached':
      return dir;
    default:
      return assertNever(event);
  }
}

export function domainOfAccessKey(dir: Directory, accessKey: string): string | null {
  return dir.accessKeys.get(accessKey) ?? null;
}
export function domainOfProject(dir: Directory, projectId: string): string | null {
  return dir.projects.get(projectId) ?? null;
}
export function domainOfUser(dir: Directory, userId: string): string | null {
  return dir.users.get(userId) ?? null;
}
export function domainIdByName(dir: Directory, name: string): string | null {
  return dir.domainIdsByName.get(name) ?? null;
}
