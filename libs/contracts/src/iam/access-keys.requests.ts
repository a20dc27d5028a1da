import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsAccessKeyId, IsIamId } from './ids.js';

export class CreateCredentialFields {
  @IsIamId() @IsDefined() @IsString() user_id!: string;
  @IsOptional() @IsString() description?: string;
}
export class CreateCredentialRequest {
  @IsDefined() @ValidateNested() @Type(() => CreateCredentialFields) credential!: CreateCredentialFields;
}
export class UpdateCredentialFields {
  @IsOptional() @IsIn(['active', 'inactive']) status?: 'active' | 'inactive';
  @IsOptional() @IsString() description?: string;
}
export class UpdateCredentialRequest {
  @IsAccessKeyId() @IsDefined() @IsString() access_key!: string;
  @IsDefined() @ValidateNested() @Type(() => UpdateCredentialFields) credential!: UpdateCredentialFields;
}
export class AccessKeyRequest {
  @IsAccessKeyId() @IsDefined() @IsString() access_key!: string;
}
export class ListCredentialsRequest {
  @IsIamId() @IsOptional() @IsString() user_id?: string;
}
