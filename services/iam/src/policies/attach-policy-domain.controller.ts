import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type AttachmentRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { PolicyAttachments } from './policy-attachments.js';

/** Attaches a policy to a group on the domain. */
@Controller()
export class AttachPolicyDomainController {
  constructor(private readonly attachments: PolicyAttachments) {}

  @Handles(iamOperations.attachPolicyDomain)
  attach(@Payload() r: AttachmentRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.attachPolicyDomain>> {
    return this.attachments.change('AttachPolicy', 'domain', r, ctx);
  }
}
