/**
 * Cross-domain directory: which domain holds an access key, a project or a user, so the IAM
 * service finds the right account state without scanning (the gateway looks up the AK of every
 * request). A pure projection of the account events of every domain subject, in stream order;
 * rebuild it at any time by folding those events from `emptyDirectory()`.
 */
import type { AccountEvent } from '../account.evolve.js';
import { assertNever, own, withEntry, withoutEntry } from '../state/records.js';

type Index = Readonly<Record<string, string>>;

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
  return { domains: {}, domainIdsByName: {}, accessKeys: {}, projects: {}, users: {} };
}

export function evolveDirectory(dir: Directory, event: AccountEvent): Directory {
  switch (event.type) {
    case 'DomainCreated':
      if (own(dir.domains, event.domainId) !== undefined) return dir;
      return {
        ...dir,
        domains: withEntry(dir.domains, event.domainId, event.name),
        domainIdsByName:
          own(dir.domainIdsByName, event.name) === undefined
            ? withEntry(dir.domainIdsByName, event.name, event.domainId)
            : dir.domainIdsByName,
      };
    case 'ProjectCreated':
      return { ...dir, projects: withEntry(dir.projects, event.projectId, event.domainId) };
    case 'UserCreated':
      return { ...dir, users: withEntry(dir.users, event.userId, event.domainId) };
    case 'AccessKeyCreated': {
      // The key's domain is its user's; UserCreated precedes it on the same subject.
      const domainId = own(dir.users, event.userId);
      return domainId === undefined ? dir : { ...dir, accessKeys: withEntry(dir.accessKeys, event.accessKey, domainId) };
    }
    case 'AccessKeyDeleted': {
      const accessKeys = withoutEntry(dir.accessKeys, event.accessKey);
      return accessKeys === dir.accessKeys ? dir : { ...dir, accessKeys };
    }
    case 'UserDeleted': {
      // Its access keys were deleted by the AccessKeyDeleted events just before.
      const users = withoutEntry(dir.users, event.userId);
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
  return own(dir.accessKeys, accessKey) ?? null;
}
export function domainOfProject(dir: Directory, projectId: string): string | null {
  return own(dir.projects, projectId) ?? null;
}
export function domainOfUser(dir: Directory, userId: string): string | null {
  return own(dir.users, userId) ?? null;
}
export function domainIdByName(dir: Directory, name: string): string | null {
  return own(dir.domainIdsByName, name) ?? null;
}
