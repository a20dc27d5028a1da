import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type AttachmentRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { PolicyAttachments } from './policy-attachments.js';

/** The policies a group holds on the domain. */
@Controller()
export class ListPoliciesDomainController {
  constructor(private readonly attachments: PolicyAttachments) {}

  @Handles(iamOperations.listPoliciesDomain)
  list(@Payload() r: AttachmentRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.listPoliciesDomain> {
    return this.attachments.list('domain', r, ctx);
  }
}
