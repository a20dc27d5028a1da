import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type RoleAssignmentsRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { listRoleAssignments } from './role-assignments.js';

/** `GET /v3.0/OS-PERMISSION/role-assignments` (ShowDomainRoleAssignments): the domain's policy grants. */
@Controller()
export class ListRoleAssignmentsController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.listRoleAssignments)
  list(@Payload() r: RoleAssignmentsRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.listRoleAssignments> {
    this.commands.requireOwnDomain(ctx, r.domain_id);
    return listRoleAssignments(this.commands.state(ctx), r);
  }
}
