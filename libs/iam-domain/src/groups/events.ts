/** Events of a domain's user groups. Members are user ids. */
import type { Instant } from '@dew/decider';

export interface GroupCreated {
  readonly type: 'GroupCreated';
  readonly groupId: string;
  readonly domainId: string;
  readonly name: string;
  readonly description: string;
  readonly at: Instant;
}
/** Carries the group's name and description after the change. */
export interface GroupUpdated {
  readonly type: 'GroupUpdated';
  readonly groupId: string;
  readonly name: string;
  readonly description: string;
  readonly at: Instant;
}
/** Also ends the group's memberships and policy attachments. */
export interface GroupDeleted {
  readonly type: 'GroupDeleted';
  readonly groupId: string;
  readonly at: Instant;
}
export interface UserAddedToGroup {
  readonly type: 'UserAddedToGroup';
  readonly groupId: string;
  readonly userId: string;
  readonly at: Instant;
}
export interface UserRemovedFromGroup {
  readonly type: 'UserRemovedFromGroup';
  readonly groupId: string;
  readonly userId: string;
  readonly at: Instant;
}

export type GroupEvent = GroupCreated | GroupUpdated | GroupDeleted | UserAddedToGroup | UserRemovedFromGroup;
