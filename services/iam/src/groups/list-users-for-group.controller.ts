import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type GroupIdRequest } from '@dew/contracts';
import { memberIds, requireGroup, requireUser } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { listLinks, userView } from '../iam-views.js';

/** `GET /v3/groups/{group_id}/users`: the members of a group. */
@Controller()
export class ListUsersForGroupController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.listUsersForGroup)
  list(@Payload() r: GroupIdRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.listUsersForGroup> {
    const state = this.commands.state(ctx);
    const group = requireGroup(state, r.group_id);
    return { users: memberIds(group).map((id) => userView(requireUser(state, id), state)), links: listLinks(`/v3/groups/${r.group_id}/users`) };
  }
}
