import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type ProjectIdRequest } from '@dew/contracts';
import { requireProject } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { projectView } from '../iam-views.js';

/** `GET /v3/projects/{project_id}`. */
@Controller()
export class ShowProjectController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.showProject)
  show(@Payload() r: ProjectIdRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.showProject> {
    return { project: projectView(requireProject(this.commands.state(ctx), r.project_id)) };
  }
}
