import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type UserIdRequest } from '@dew/contracts';
import { requireUser } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { userView } from '../iam-views.js';

/** `GET /v3/users/{user_id}`. */
@Controller()
export class ShowUserController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.showUser)
  show(@Payload() r: UserIdRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.showUser> {
    const state = this.commands.state(ctx);
    return { user: userView(requireUser(state, r.user_id), state) };
  }
}
