import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type MembershipRequest } from '@dew/contracts';
import { requireMembership } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';

/** `HEAD /v3/groups/{group_id}/users/{user_id}`: 204 when the user is a member. */
@Controller()
export class CheckUserInGroupController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.checkUserInGroup)
  check(@Payload() r: MembershipRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.checkUserInGroup> {
    requireMembership(this.commands.state(ctx), r.group_id, r.user_id);
    return {};
  }
}
