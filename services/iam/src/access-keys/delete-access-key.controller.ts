import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type AccessKeyRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';

/** `DELETE /v3.0/OS-CREDENTIAL/credentials/{access_key}`. */
@Controller()
export class DeleteAccessKeyController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.deleteAccessKey)
  async delete(@Payload() r: AccessKeyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.deleteAccessKey>> {
    await this.commands.run(ctx, (now) => ({ type: 'DeleteAccessKey', actorId: ctx.userId, accessKey: r.access_key, now }));
    return {};
  }
}
