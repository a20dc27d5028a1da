import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type ChangeOwnPasswordRequest } from '@dew/contracts';
import { HttpReply, type RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { OwnPasswordChanges } from './own-password-changes.js';

/** `POST /v3/users/{user_id}/password` (KeystoneUpdateUserPassword): 204 once changed. */
@Controller()
export class ChangeOwnPasswordController {
  constructor(private readonly passwords: OwnPasswordChanges) {}

  @Handles(iamOperations.changeOwnPassword)
  async change(@Payload() r: ChangeOwnPasswordRequest, @Caller() ctx: RequestContext): Promise<HttpReply<ReplyOf<typeof iamOperations.changeOwnPassword>>> {
    await this.passwords.change(r, ctx);
    return new HttpReply({}, 204);
  }
}
