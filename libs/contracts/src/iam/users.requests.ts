import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsIamId } from './ids.js';

/** The fields of a Keystone user (`/v3/users`). */
export class UserFields {
  @IsOptional() @IsString() name?: string;
  @IsIamId() @IsOptional() @IsString() domain_id?: string;
  @IsOptional() @IsString() password?: string;
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsString() description?: string;
}
export class CreateUserFields extends UserFields {
  @IsDefined() @IsString() declare name: string;
}
export class CreateUserRequest {
  @IsDefined() @ValidateNested() @Type(() => CreateUserFields) user!: CreateUserFields;
}
export class UpdateUserRequest {
  @IsIamId() @IsDefined() @IsString() user_id!: string;
  @IsDefined() @ValidateNested() @Type(() => UserFields) user!: UserFields;
}
export class UserIdRequest {
  @IsIamId() @IsDefined() @IsString() user_id!: string;
}
export class ListUsersRequest {
  @IsOptional() @IsString() name?: string;
  @IsIamId() @IsOptional() @IsString() domain_id?: string;
  @IsOptional() @IsString() enabled?: string;
}

export class PasswordChange {
  @IsDefined() @IsString() password!: string;
  @IsDefined() @IsString() original_password!: string;
}
/** `POST /v3/users/{user_id}/password` (KeystoneUpdateUserPassword). */
export class ChangeOwnPasswordRequest {
  @IsIamId() @IsDefined() @IsString() user_id!: string;
  @IsDefined() @ValidateNested() @Type(() => PasswordChange) user!: PasswordChange;
}

/** UpdateUserOption: what `PUT /v3.0/OS-USER/users/{id}` may change. */
export class OsUserFields {
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
export class OsCreateUserFields extends OsUserFields {
  @IsDefined() @IsString() declare name: string;
  @IsDefined() @IsString() domain_id!: string;
}
export class OsCreateUserRequest {
  @IsDefined() @ValidateNested() @Type(() => OsCreateUserFields) user!: OsCreateUserFields;
}
export class OsUpdateUserRequest {
  @IsIamId() @IsDefined() @IsString() user_id!: string;
  @IsDefined() @ValidateNested() @Type(() => OsUserFields) user!: OsUserFields;
}
