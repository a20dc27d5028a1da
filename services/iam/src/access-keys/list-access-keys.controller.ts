import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type ListCredentialsRequest } from '@dew/contracts';
import { listAccessKeys } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { accessKeyView } from '../iam-views.js';

/** `GET /v3.0/OS-CREDENTIAL/credentials`, of one user when `user_id` is given. */
@Controller()
export class ListAccessKeysController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.listAccessKeys)
  list(@Payload() r: ListCredentialsRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.listAccessKeys> {
    return { credentials: listAccessKeys(this.commands.state(ctx), r.user_id).map(accessKeyView) };
  }
}
