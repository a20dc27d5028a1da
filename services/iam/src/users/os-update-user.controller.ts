import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type OsUpdateUserRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { osUserView } from '../iam-views.js';
import { OsUserWrites } from './os-user-writes.js';

/** `PUT /v3.0/OS-USER/users/{user_id}`. */
@Controller()
export class OsUpdateUserController {
  constructor(private readonly osWrites: OsUserWrites) {}

  @Handles(iamOperations.osUpdateUser)
  async update(@Payload() r: OsUpdateUserRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.osUpdateUser>> {
    const { state, user } = await this.osWrites.update(r.user_id, r.user, ctx);
    return { user: osUserView(user, state) };
  }
}
