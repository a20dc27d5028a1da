import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type UserIdRequest } from '@dew/contracts';
import { groupsOfUser, inCreationOrder, requireUser } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { groupView, listLinks } from '../iam-views.js';

/** `GET /v3/users/{user_id}/groups`: the groups the user is a member of. */
@Controller()
export class ListGroupsForUserController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.listGroupsForUser)
  list(@Payload() r: UserIdRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.listGroupsForUser> {
    const state = this.commands.state(ctx);
    requireUser(state, r.user_id);
    const groups = inCreationOrder(groupsOfUser(state, r.user_id));
    return { groups: groups.map((g) => groupView(g, state.domainId)), links: listLinks(`/v3/users/${r.user_id}/groups`) };
  }
}
