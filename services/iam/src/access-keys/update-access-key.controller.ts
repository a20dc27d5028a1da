import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type UpdateCredentialRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { accessKeyView } from '../iam-views.js';
import { AccessKeyWrites } from './access-key-writes.js';

/** `PUT /v3.0/OS-CREDENTIAL/credentials/{access_key}`. */
@Controller()
export class UpdateAccessKeyController {
  constructor(private readonly writes: AccessKeyWrites) {}

  @Handles(iamOperations.updateAccessKey)
  async update(@Payload() r: UpdateCredentialRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.updateAccessKey>> {
    return { credential: accessKeyView(await this.writes.update(r, ctx)) };
  }
}
