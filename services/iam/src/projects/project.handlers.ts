import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IsDefined, IsOptional, IsString } from 'class-validator';
import { listProjects, requireProject } from '@dew/iam-domain';
import { RpcRegistry } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { listLinks, projectView } from '../iam-views.js';
import { onRequest } from '../rpc-routes.js';
import { IsIamId } from '../iam-shape.js';

class ListProjectsRequest {
  @IsOptional() @IsString() name?: string;
  @IsIamId() @IsOptional() @IsString() domain_id?: string;
}
class ProjectIdRequest {
  @IsIamId() @IsDefined() @IsString() project_id!: string;
}

/** Projects; the SDKs look a project up by region name here. */
@Injectable()
export class ProjectHandlers implements OnModuleInit {
  constructor(
    private readonly commands: AccountCommands,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    onRequest(this.rpc, 'iam.list-projects', ListProjectsRequest, async (r, ctx) => {
      this.commands.requireOwnDomain(ctx, r.domain_id);
      return { projects: listProjects(this.commands.state(ctx), r.name !== undefined ? { name: r.name } : {}).map(projectView), links: listLinks('/v3/projects') };
    });
    onRequest(this.rpc, 'iam.show-project', ProjectIdRequest, async (r, ctx) => {
      return { project: projectView(requireProject(this.commands.state(ctx), r.project_id)) };
    });
  }
}
