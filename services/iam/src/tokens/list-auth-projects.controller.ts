import { Controller } from '@nestjs/common';
import { iamOperations, type ReplyOf } from '@dew/contracts';
import { listProjects } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { projectView } from '../iam-views.js';

/** `GET /v3/auth/projects`: the projects of the caller's account. */
@Controller()
export class ListAuthProjectsController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.listAuthProjects)
  list(@Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.listAuthProjects> {
    return { projects: listProjects(this.commands.state(ctx)).map(projectView), links: { self: '/v3/auth/projects' } };
  }
}
