import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type AccessKeyRequest } from '@dew/contracts';
import { requireAccessKey } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { accessKeyView } from '../iam-views.js';

/** `GET /v3.0/OS-CREDENTIAL/credentials/{access_key}`; DEW keeps no last use time. */
@Controller()
export class ShowAccessKeyController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.showAccessKey)
  show(@Payload() r: AccessKeyRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.showAccessKey> {
    return { credential: { ...accessKeyView(requireAccessKey(this.commands.state(ctx), r.access_key)), last_use_time: '' } };
  }
}
