import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type AttachmentRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { PolicyAttachments } from './policy-attachments.js';

/** The policies a group holds on a project. */
@Controller()
export class ListPoliciesProjectController {
  constructor(private readonly attachments: PolicyAttachments) {}

  @Handles(iamOperations.listPoliciesProject)
  list(@Payload() r: AttachmentRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.listPoliciesProject> {
    return this.attachments.list('project', r, ctx);
  }
}
