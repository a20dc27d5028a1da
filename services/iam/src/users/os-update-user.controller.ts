import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type OsUpdateUserRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { osUserView } from '../iam-views.js';
import { refuseUnkeptFields } from './os-user-fields.js';
import { UserWrites } from './user-writes.js';

/** `PUT /v3.0/OS-USER/users/{user_id}`. */
@Controller()
export class OsUpdateUserController {
  constructor(private readonly writes: UserWrites) {}

  @Handles(iamOperations.osUpdateUser)
  async update(@Payload() r: OsUpdateUserRequest, @Caller() ctx: RequestContext) {
    refuseUnkeptFields(r.user);
    const { state, user } = await this.writes.update(r.user_id, r.user, ctx);
    return { user: osUserView(user, state) };
  }
}
