import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import { NumericString } from '../validation.js';
import { IsKeyId, KmsRequest } from './requests.js';

/** KMS grant requests (docs/authorization.md, "Grants"). */
export class CreateGrantRequest extends KmsRequest {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
  @IsDefined() @IsString() grantee_principal!: string;
  @IsDefined() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) operations!: string[];
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsString() retiring_principal?: string;
  @IsOptional() @IsIn(['user', 'domain']) grantee_principal_type?: 'user' | 'domain';
}

/** revoke-grant and retire-grant: one grant of one key. */
export class GrantIdRequest extends KmsRequest {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
  @IsDefined() @IsString() grant_id!: string;
}

/** A page of grants: list-retirable-grants as it is, list-grants with its key. */
export class GrantPageRequest extends KmsRequest {
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @NumericString() @IsString() marker?: string;
}

export class ListGrantsRequest extends GrantPageRequest {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
}
