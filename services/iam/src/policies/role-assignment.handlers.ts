import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IsDefined, IsOptional, IsString } from 'class-validator';
import { RpcRegistry } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { onRequest } from '../rpc-routes.js';
import { listRoleAssignments, type RoleAssignmentQuery } from './role-assignments.js';

class RoleAssignmentsRequest implements RoleAssignmentQuery {
  @IsDefined() @IsString() domain_id!: string;
  @IsOptional() @IsString() role_id?: string;
  @IsOptional() @IsString() subject?: string;
  @IsOptional() @IsString() 'subject.user_id'?: string;
  @IsOptional() @IsString() 'subject.group_id'?: string;
  @IsOptional() @IsString() 'subject.agency_id'?: string;
  @IsOptional() @IsString() scope?: string;
  @IsOptional() @IsString() 'scope.project_id'?: string;
  @IsOptional() @IsString() 'scope.domain_id'?: string;
  @IsOptional() @IsString() 'scope.enterprise_projects_id'?: string;
  @IsOptional() @IsString() is_inherited?: string;
  @IsOptional() @IsString() include_group?: string;
  @IsOptional() @IsString() page?: string;
  @IsOptional() @IsString() per_page?: string;
}

/** `GET /v3.0/OS-PERMISSION/role-assignments` (ShowDomainRoleAssignments): the domain's policy grants. */
@Injectable()
export class RoleAssignmentHandlers implements OnModuleInit {
  constructor(
    private readonly commands: AccountCommands,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    onRequest(this.rpc, 'iam.list-role-assignments', RoleAssignmentsRequest, async (r, ctx) => {
      this.commands.requireOwnDomain(ctx, r.domain_id);
      return listRoleAssignments(this.commands.state(ctx), r);
    });
  }
}
