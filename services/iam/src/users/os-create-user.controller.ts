import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type OsCreateUserRequest } from '@dew/contracts';
import { HttpReply, type RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { osUserView } from '../iam-views.js';
import { OsUserWrites } from './os-user-writes.js';

/** `POST /v3.0/OS-USER/users`: the recommended user API, same users, richer shapes. */
@Controller()
export class OsCreateUserController {
  constructor(private readonly osWrites: OsUserWrites) {}

  @Handles(iamOperations.osCreateUser)
  async create(@Payload() r: OsCreateUserRequest, @Caller() ctx: RequestContext): Promise<HttpReply<ReplyOf<typeof iamOperations.osCreateUser>>> {
    const { state, user } = await this.osWrites.create(r.user, ctx);
    return new HttpReply({ user: osUserView(user, state) }, 201);
  }
}
