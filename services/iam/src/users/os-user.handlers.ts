import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsOptional, IsString, ValidateNested } from 'class-validator';
import { AccessModeUnsupported, ForcedPasswordChangeUnsupported, UserFieldNotKept } from '@dew/contracts';
import { requireUser } from '@dew/iam-domain';
import { HttpReply } from '@dew/messaging';
import { RpcRegistry } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { ACCESS_MODE, osUserView } from '../iam-views.js';
import { onRequest } from '../rpc-routes.js';
import { UserWrites } from './user-writes.js';
import { IsIamId } from '../iam-shape.js';

/** UpdateUserOption: what `PUT /v3.0/OS-USER/users/{id}` may change. */
class OsUserFields {
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsString() password?: string;
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsString() access_mode?: string;
  @IsOptional() @IsBoolean() pwd_status?: boolean;
  @IsOptional() @IsString() email?: string;
  @IsOptional() @IsString() areacode?: string;
  @IsOptional() @IsString() phone?: string;
  @IsOptional() @IsString() xuser_type?: string;
  @IsOptional() @IsString() xuser_id?: string;
}
/** CreateUserOption: name and domain_id are required. */
class OsCreateUserFields extends OsUserFields {
  @IsDefined() @IsString() declare name: string;
  @IsDefined() @IsString() domain_id!: string;
}
class OsCreateUserRequest {
  @IsDefined() @ValidateNested() @Type(() => OsCreateUserFields) user!: OsCreateUserFields;
}
class OsUpdateUserRequest {
  @IsIamId() @IsDefined() @IsString() user_id!: string;
  @IsDefined() @ValidateNested() @Type(() => OsUserFields) user!: OsUserFields;
}
class OsUserIdRequest {
  @IsIamId() @IsDefined() @IsString() user_id!: string;
}

const CONTACT_FIELDS = ['email', 'areacode', 'phone', 'xuser_type', 'xuser_id'] as const;

/**
 * DEW keeps no contact details or external identities, every user has the default access mode
 * (console and programmatic) and nobody is forced to change the password at first login: a
 * request asking for any of that is refused rather than silently dropped.
 */
function refuseUnkeptFields(user: OsUserFields): void {
  for (const field of CONTACT_FIELDS) {
    const value = user[field];
    if (value !== undefined && value !== '') throw UserFieldNotKept(field, value.length);
  }
  if (user.access_mode !== undefined && user.access_mode !== ACCESS_MODE) {
    throw AccessModeUnsupported(ACCESS_MODE, user.access_mode.slice(0, 32));
  }
  if (user.pwd_status === true) throw ForcedPasswordChangeUnsupported();
}

/** The recommended user API (`/v3.0/OS-USER/users`): same users, richer shapes. */
@Injectable()
export class OsUserHandlers implements OnModuleInit {
  constructor(
    private readonly commands: AccountCommands,
    private readonly writes: UserWrites,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    onRequest(this.rpc, 'iam.os-create-user', OsCreateUserRequest, async (r, ctx) => {
      this.commands.requireOwnDomain(ctx, r.user.domain_id);
      refuseUnkeptFields(r.user);
      const { state, user } = await this.writes.create(r.user, ctx);
      return new HttpReply({ user: osUserView(user, state) }, 201);
    });
    onRequest(this.rpc, 'iam.os-show-user', OsUserIdRequest, async (r, ctx) => {
      const state = this.commands.state(ctx);
      return { user: osUserView(requireUser(state, r.user_id), state) };
    });
    onRequest(this.rpc, 'iam.os-update-user', OsUpdateUserRequest, async (r, ctx) => {
      refuseUnkeptFields(r.user);
      const { state, user } = await this.writes.update(r.user_id, r.user, ctx);
      return { user: osUserView(user, state) };
    });
  }
}
