import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type UserIdRequest } from '@dew/contracts';
import { requireUser } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { osUserView } from '../iam-views.js';

/** `GET /v3.0/OS-USER/users/{user_id}`. */
@Controller()
export class OsShowUserController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.osShowUser)
  show(@Payload() r: UserIdRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.osShowUser> {
    const state = this.commands.state(ctx);
    return { user: osUserView(requireUser(state, r.user_id), state) };
  }
}
