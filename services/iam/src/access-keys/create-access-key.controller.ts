import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type CreateCredentialRequest } from '@dew/contracts';
import { HttpReply, type RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { accessKeyView } from '../iam-views.js';
import { AccessKeyWrites } from './access-key-writes.js';

/** `POST /v3.0/OS-CREDENTIAL/credentials`: the only answer that carries the SK. */
@Controller()
export class CreateAccessKeyController {
  constructor(private readonly writes: AccessKeyWrites) {}

  @Handles(iamOperations.createAccessKey)
  async create(@Payload() r: CreateCredentialRequest, @Caller() ctx: RequestContext): Promise<HttpReply<ReplyOf<typeof iamOperations.createAccessKey>>> {
    const { key, secret } = await this.writes.create(r.credential, ctx);
    return new HttpReply({ credential: { ...accessKeyView(key), secret } }, 201);
  }
}
