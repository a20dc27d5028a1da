import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type RoleIdRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { anyPolicy } from './policy-lookups.js';

/** `GET /v3/roles/{role_id}`: a built-in policy, or a custom one of the account. */
@Controller()
export class ShowPermissionController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.showPermission)
  show(@Payload() r: RoleIdRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.showPermission> {
    return { role: anyPolicy(r.role_id, () => this.commands.state(ctx)) };
  }
}
