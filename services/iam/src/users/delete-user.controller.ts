import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type UserIdRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';

/** `DELETE /v3/users/{user_id}`; the domain keeps the administrator. */
@Controller()
export class DeleteUserController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.deleteUser)
  async delete(@Payload() r: UserIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.deleteUser>> {
    await this.commands.run(ctx, (now) => ({ type: 'DeleteUser', actorId: ctx.userId, userId: r.user_id, now }));
    return {};
  }
}
