/** Group membership, kept on both sides: the group's members and the user's groups. */
import type { ActiveAccount, Group } from './account.state.js';
import { indexed } from './records.js';

/** The group's member ids in joining order. */
export function memberIds(group: Group): readonly string[] {
  return [...group.members.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
}

export function isMember(group: Group, userId: string): boolean {
  return group.members.has(userId);
}

/** Ids of the groups the user belongs to, unordered. */
export function groupIdsOfUser(state: ActiveAccount, userId: string): readonly string[] {
  return indexed(state.groupsByUser, userId);
}

/** Entities in the account's creation order (as a list answers them). */
export function inCreationOrder<T extends { readonly seq: number }>(entities: Iterable<T>): T[] {
  return [...entities].sort((a, b) => a.seq - b.seq);
}
