import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type AttachmentRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { PolicyAttachments } from './policy-attachments.js';

/** The policies a group holds on all projects of the domain. */
@Controller()
export class ListPoliciesAllProjectsController {
  constructor(private readonly attachments: PolicyAttachments) {}

  @Handles(iamOperations.listPoliciesAllProjects)
  list(@Payload() r: AttachmentRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.listPoliciesAllProjects> {
    return this.attachments.list('all-projects', r, ctx);
  }
}
