import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type ListUsersRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { byName } from '@dew/iam-domain';
import { AccountCommands } from '../accounts/account-commands.js';
import { listLinks, userView } from '../iam-views.js';

/** `GET /v3/users`, by name, filtered by `name` and `enabled`. */
@Controller()
export class ListUsersController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.listUsers)
  list(@Payload() r: ListUsersRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.listUsers> {
    this.commands.requireOwnDomain(ctx, r.domain_id);
    const state = this.commands.state(ctx);
    const named = r.name === undefined ? [...state.users.values()] : byName(state.users, state.userIdsByName, r.name);
    const users = named
      .filter((u) => r.enabled === undefined || String(u.enabled) === r.enabled)
      .sort((a, b) => a.name.localeCompare(b.name));
    return { users: users.map((u) => userView(u, state)), links: listLinks('/v3/users') };
  }
}
