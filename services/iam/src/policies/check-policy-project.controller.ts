import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type AttachmentRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { PolicyAttachments } from './policy-attachments.js';

/** 204 when the group holds the policy on a project. */
@Controller()
export class CheckPolicyProjectController {
  constructor(private readonly attachments: PolicyAttachments) {}

  @Handles(iamOperations.checkPolicyProject)
  check(@Payload() r: AttachmentRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.checkPolicyProject> {
    return this.attachments.check('project', r, ctx);
  }
}
