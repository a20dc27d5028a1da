import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type ListProjectsRequest } from '@dew/contracts';
import { listProjects } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { listLinks, projectView } from '../iam-views.js';

/** `GET /v3/projects`; the SDKs look a project up by region name here. */
@Controller()
export class ListProjectsController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.listProjects)
  list(@Payload() r: ListProjectsRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.listProjects> {
    this.commands.requireOwnDomain(ctx, r.domain_id);
    const projects = listProjects(this.commands.state(ctx), r.name !== undefined ? { name: r.name } : {});
    return { projects: projects.map(projectView), links: listLinks('/v3/projects') };
  }
}
