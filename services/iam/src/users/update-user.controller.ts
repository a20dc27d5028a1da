import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type UpdateUserRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { userView } from '../iam-views.js';
import { UserWrites } from './user-writes.js';

/** `PATCH /v3/users/{user_id}`. */
@Controller()
export class UpdateUserController {
  constructor(
    private readonly commands: AccountCommands,
    private readonly writes: UserWrites,
  ) {}

  @Handles(iamOperations.updateUser)
  async update(@Payload() r: UpdateUserRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.updateUser>> {
    this.commands.requireOwnDomain(ctx, r.user.domain_id);
    const { state, user } = await this.writes.update(r.user_id, r.user, ctx);
    return { user: userView(user, state) };
  }
}
