import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsOptional, IsString, ValidateNested } from 'class-validator';
import { DewError } from '@dew/contracts';
import { findUser, type ActiveAccount } from '@dew/iam-domain';
import { HttpReply, type RequestContext } from '@dew/messaging';
import { RpcRegistry } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { groupView, listLinks, userView } from '../iam-views.js';
import { onRequest } from '../rpc-routes.js';
import { IsIamId } from '../iam-shape.js';
import { checkPasswordRules, hashPassword } from './passwords.js';

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

export const newId = () => randomBytes(16).toString('hex');

export function requireUser(state: ActiveAccount, userId: string) {
  const user = findUser(state, userId);
  if (!user) throw new DewError('IAM.0002', `user ${userId.slice(0, 64)} does not exist`);
  return user;
}

/** Users (API.md §7.1, Keystone shapes). Passwords are checked, then only their scrypt hash travels. */
@Injectable()
export class UserHandlers implements OnModuleInit {
  constructor(
    private readonly commands: AccountCommands,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    onRequest(this.rpc, 'iam.create-user', CreateUserRequest, (r, ctx) => this.create(r, ctx));
    onRequest(this.rpc, 'iam.list-users', ListUsersRequest, async (r, ctx) => this.list(r, ctx));
    onRequest(this.rpc, 'iam.show-user', UserIdRequest, async (r, ctx) => ({ user: userView(requireUser(this.commands.state(ctx), r.user_id)) }));
    onRequest(this.rpc, 'iam.update-user', UpdateUserRequest, (r, ctx) => this.update(r, ctx));
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
    if (r.user.password !== undefined) checkPasswordRules(r.user.password, r.user.name);
    const passwordHash = r.user.password !== undefined ? await hashPassword(r.user.password) : null;
    const userId = newId();
    const state = await this.commands.run(ctx, (now) => ({
      type: 'CreateUser',
      userId,
      name: r.user.name,
      passwordHash,
      isDomainAdmin: false,
      ...(r.user.description !== undefined ? { description: r.user.description } : {}),
      now,
    }));
    if (r.user.enabled === false) await this.commands.run(ctx, (now) => ({ type: 'DisableUser', actorId: ctx.userId, userId, now }));
    return new HttpReply({ user: userView(requireUser(r.user.enabled === false ? this.commands.state(ctx) : state, userId)) }, 201);
  }

  list(r: ListUsersRequest, ctx: RequestContext) {
    this.commands.requireOwnDomain(ctx, r.domain_id);
    const users = Object.values(this.commands.state(ctx).users)
      .filter((u) => (r.name === undefined || u.name === r.name) && (r.enabled === undefined || String(u.enabled) === r.enabled))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { users: users.map(userView), links: listLinks('/v3/users') };
  }

  async update(r: UpdateUserRequest, ctx: RequestContext) {
    this.commands.requireOwnDomain(ctx, r.user.domain_id);
    const current = requireUser(this.commands.state(ctx), r.user_id);
    if (r.user.password !== undefined) checkPasswordRules(r.user.password, r.user.name ?? current.name);
    const passwordHash = r.user.password !== undefined ? await hashPassword(r.user.password) : undefined;
    const state = await this.commands.run(ctx, (now) => ({
      type: 'UpdateUser',
      actorId: ctx.userId,
      userId: r.user_id,
      ...(r.user.name !== undefined ? { name: r.user.name } : {}),
      ...(r.user.description !== undefined ? { description: r.user.description } : {}),
      ...(r.user.enabled !== undefined ? { enabled: r.user.enabled } : {}),
      ...(passwordHash !== undefined ? { passwordHash } : {}),
      now,
    }));
    return { user: userView(requireUser(state, r.user_id)) };
  }
}
