import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type GroupIdRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';

/** `DELETE /v3/groups/{group_id}`. */
@Controller()
export class DeleteGroupController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.deleteGroup)
  async delete(@Payload() r: GroupIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.deleteGroup>> {
    await this.commands.run(ctx, (now) => ({ type: 'DeleteGroup', groupId: r.group_id, now }));
    return {};
  }
}
