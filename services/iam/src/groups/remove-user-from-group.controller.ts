import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type MembershipRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';

/** `DELETE /v3/groups/{group_id}/users/{user_id}`. */
@Controller()
export class RemoveUserFromGroupController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.removeUserFromGroup)
  async remove(@Payload() r: MembershipRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.removeUserFromGroup>> {
    await this.commands.run(ctx, (now) => ({ type: 'RemoveUserFromGroup', groupId: r.group_id, userId: r.user_id, now }));
    return {};
  }
}
