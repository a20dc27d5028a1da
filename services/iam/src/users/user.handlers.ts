import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsOptional, IsString, ValidateNested } from 'class-validator';
import { HttpReply, type RequestContext } from '@dew/messaging';
import { RpcRegistry } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { groupView, listLinks, userView } from '../iam-views.js';
import { onRequest } from '../rpc-routes.js';
import { IsIamId } from '../iam-shape.js';
import { requireUser } from '@dew/iam-domain';
import { UserWrites } from './user-writes.js';

export { newId } from './user-writes.js';

class UserFields {
  @IsOptional() @IsString() name?: string;
  @IsIamId() @IsOptional() @IsString() domain_id?: string;
  @IsOptional() @IsString() password?: string;
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsString() description?: string;
}
class CreateUserFields extends UserFields {
  @IsDefined() @IsString() declare name: string;
}
class CreateUserRequest {
  @IsDefined() @ValidateNested() @Type(() => CreateUserFields) user!: CreateUserFields;
}
class UpdateUserRequest {
  @IsIamId() @IsDefined() @IsString() user_id!: string;
  @IsDefined() @ValidateNested() @Type(() => UserFields) user!: UserFields;
}
class UserIdRequest {
  @IsIamId() @IsDefined() @IsString() user_id!: string;
}
class ListUsersRequest {
  @IsOptional() @IsString() name?: string;
  @IsIamId() @IsOptional() @IsString() domain_id?: string;
  @IsOptional() @IsString() enabled?: string;
}

/** Users. Passwords are checked, then only their scrypt hash travels. */
@Injectable()
export class UserHandlers implements OnModuleInit {
  constructor(
    private readonly commands: AccountCommands,
    private readonly writes: UserWrites,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    onRequest(this.rpc, 'iam.create-user', CreateUserRequest, (r, ctx) => this.create(r, ctx));
    onRequest(this.rpc, 'iam.list-users', ListUsersRequest, async (r, ctx) => this.list(r, ctx));
    onRequest(this.rpc, 'iam.show-user', UserIdRequest, async (r, ctx) => {
      const state = this.commands.state(ctx);
      return { user: userView(requireUser(state, r.user_id), state) };
    });
    onRequest(this.rpc, 'iam.update-user', UpdateUserRequest, async (r, ctx) => {
      this.commands.requireOwnDomain(ctx, r.user.domain_id);
      const { state, user } = await this.writes.update(r.user_id, r.user, ctx);
      return { user: userView(user, state) };
    });
    onRequest(this.rpc, 'iam.delete-user', UserIdRequest, async (r, ctx) => {
      await this.commands.run(ctx, (now) => ({ type: 'DeleteUser', actorId: ctx.userId, userId: r.user_id, now }));
      return {};
    });
    onRequest(this.rpc, 'iam.list-groups-for-user', UserIdRequest, async (r, ctx) => {
      const state = this.commands.state(ctx);
      requireUser(state, r.user_id);
      const groups = Object.values(state.groups).filter((g) => g.members.includes(r.user_id));
      return { groups: groups.map((g) => groupView(g, state.domainId)), links: listLinks(`/v3/users/${r.user_id}/groups`) };
    });
  }

  async create(r: CreateUserRequest, ctx: RequestContext): Promise<HttpReply> {
    this.commands.requireOwnDomain(ctx, r.user.domain_id);
    const { state, user } = await this.writes.create(r.user, ctx);
    return new HttpReply({ user: userView(user, state) }, 201);
  }

  list(r: ListUsersRequest, ctx: RequestContext) {
    this.commands.requireOwnDomain(ctx, r.domain_id);
    const state = this.commands.state(ctx);
    const users = Object.values(state.users)
      .filter((u) => (r.name === undefined || u.name === r.name) && (r.enabled === undefined || String(u.enabled) === r.enabled))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { users: users.map((u) => userView(u, state)), links: listLinks('/v3/users') };
  }
}
