import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsIamId } from './ids.js';

export class RoleOption {
  @IsDefined() @IsString() display_name!: string;
  @IsDefined() @IsIn(['AX', 'XA']) type!: 'AX' | 'XA';
  @IsDefined() @IsString() description!: string;
  @IsOptional() @IsString() description_cn?: string;
  /** Checked by the domain, which names the bad statement. */
  @IsDefined() policy!: unknown;
}
export class CreatePolicyRequest {
  @IsDefined() @ValidateNested() @Type(() => RoleOption) role!: RoleOption;
}
export class RoleIdRequest {
  @IsIamId() @IsDefined() @IsString() role_id!: string;
}
export class UpdatePolicyRequest extends CreatePolicyRequest {
  @IsIamId() @IsDefined() @IsString() role_id!: string;
}
export class ListRolesRequest {
  @IsIamId() @IsOptional() @IsString() domain_id?: string;
  @IsOptional() @IsString() display_name?: string;
  @IsOptional() @IsString() catalog?: string;
  @IsOptional() @IsString() type?: string;
  @IsOptional() @IsString() page?: string;
  @IsOptional() @IsString() per_page?: string;
}
/** A group's policy on a project, the domain or all projects (the path names the scope). */
export class AttachmentRequest {
  @IsIamId() @IsDefined() @IsString() group_id!: string;
  @IsIamId() @IsOptional() @IsString() role_id?: string;
  @IsIamId() @IsOptional() @IsString() project_id?: string;
  @IsIamId() @IsOptional() @IsString() domain_id?: string;
}
/** The query of `GET /v3.0/OS-PERMISSION/role-assignments` (ShowDomainRoleAssignments). */
export class RoleAssignmentsRequest {
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
