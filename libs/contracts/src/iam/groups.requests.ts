import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsIamId } from './ids.js';

export class GroupFields {
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsString() description?: string;
  @IsIamId() @IsOptional() @IsString() domain_id?: string;
}
export class CreateGroupFields extends GroupFields {
  @IsDefined() @IsString() declare name: string;
}
export class CreateGroupRequest {
  @IsDefined() @ValidateNested() @Type(() => CreateGroupFields) group!: CreateGroupFields;
}
export class UpdateGroupRequest {
  @IsIamId() @IsDefined() @IsString() group_id!: string;
  @IsDefined() @ValidateNested() @Type(() => GroupFields) group!: GroupFields;
}
export class GroupIdRequest {
  @IsIamId() @IsDefined() @IsString() group_id!: string;
}
export class MembershipRequest extends GroupIdRequest {
  @IsIamId() @IsDefined() @IsString() user_id!: string;
}
export class ListGroupsRequest {
  @IsOptional() @IsString() name?: string;
  @IsIamId() @IsOptional() @IsString() domain_id?: string;
}
