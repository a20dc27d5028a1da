import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type OsCreateUserRequest } from '@dew/contracts';
import { HttpReply, type RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { osUserView } from '../iam-views.js';
import { refuseUnkeptFields } from './os-user-fields.js';
import { UserWrites } from './user-writes.js';

/** `POST /v3.0/OS-USER/users`: the recommended user API, same users, richer shapes. */
@Controller()
export class OsCreateUserController {
  constructor(
    private readonly commands: AccountCommands,
    private readonly writes: UserWrites,
  ) {}

  @Handles(iamOperations.osCreateUser)
  async create(@Payload() r: OsCreateUserRequest, @Caller() ctx: RequestContext): Promise<HttpReply> {
    this.commands.requireOwnDomain(ctx, r.user.domain_id);
    refuseUnkeptFields(r.user);
    const { state, user } = await this.writes.create(r.user, ctx);
    return new HttpReply({ user: osUserView(user, state) }, 201);
  }
}
