import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type CreateUserRequest } from '@dew/contracts';
import { HttpReply, type RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { userView } from '../iam-views.js';
import { UserWrites } from './user-writes.js';

/** `POST /v3/users`: passwords are checked, then only their scrypt hash travels. */
@Controller()
export class CreateUserController {
  constructor(
    private readonly commands: AccountCommands,
    private readonly writes: UserWrites,
  ) {}

  @Handles(iamOperations.createUser)
  async create(@Payload() r: CreateUserRequest, @Caller() ctx: RequestContext): Promise<HttpReply<ReplyOf<typeof iamOperations.createUser>>> {
    this.commands.requireOwnDomain(ctx, r.user.domain_id);
    const { state, user } = await this.writes.create(r.user, ctx);
    return new HttpReply({ user: userView(user, state) }, 201);
  }
}
