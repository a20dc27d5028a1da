import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type AttachmentRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { PolicyAttachments } from './policy-attachments.js';

/** Detaches a group's policy on all projects of the domain. */
@Controller()
export class DetachPolicyAllProjectsController {
  constructor(private readonly attachments: PolicyAttachments) {}

  @Handles(iamOperations.detachPolicyAllProjects)
  detach(@Payload() r: AttachmentRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.detachPolicyAllProjects>> {
    return this.attachments.change('DetachPolicy', 'all-projects', r, ctx);
  }
}
