import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type MembershipRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';

/** `PUT /v3/groups/{group_id}/users/{user_id}`. */
@Controller()
export class AddUserToGroupController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.addUserToGroup)
  async add(@Payload() r: MembershipRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.addUserToGroup>> {
    await this.commands.run(ctx, (now) => ({ type: 'AddUserToGroup', groupId: r.group_id, userId: r.user_id, now }));
    return {};
  }
}
