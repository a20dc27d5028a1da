import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type AttachmentRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { PolicyAttachments } from './policy-attachments.js';

/** Detaches a group's policy on a project. */
@Controller()
export class DetachPolicyProjectController {
  constructor(private readonly attachments: PolicyAttachments) {}

  @Handles(iamOperations.detachPolicyProject)
  detach(@Payload() r: AttachmentRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.detachPolicyProject>> {
    return this.attachments.change('DetachPolicy', 'project', r, ctx);
  }
}
