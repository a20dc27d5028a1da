import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsId, NumericString, type ShapeErrorCodes } from '@dew/contracts';

/** docs/api-decisions.md, "Status and error codes": a missing field or a bad type is CSMS.0004 on CSMS routes. */
export const CSMS_SHAPE: ShapeErrorCodes = { missing: 'CSMS.0004', invalid: 'CSMS.0004' };

/** A malformed id is an invalid parameter (CSMS.0002), not an unknown secret or version. */
const IsSecretId = (): PropertyDecorator => IsId('uuid', 'CSMS.0002');
const IsVersionId = (): PropertyDecorator => IsId('secretVersion', 'CSMS.0002');
const IsKmsKeyId = (): PropertyDecorator => IsId('uuid', 'CSMS.0002');

export class SecretName {
  @IsDefined() @IsString() secret_name!: string;
}

export class CreateSecretRequest {
  @IsDefined() @IsString() name!: string;
  @IsKmsKeyId() @IsOptional() @IsString() kms_key_id?: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsString() secret_string?: string;
  @IsOptional() @IsString() secret_binary?: string;
  @IsOptional() @IsString() secret_type?: string;
  @IsOptional() @IsInt() expire_time?: number;
}

export class ListSecretsRequest {
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @IsString() marker?: string;
}

export class UpdateSecretRequest extends SecretName {
  @IsKmsKeyId() @IsOptional() @IsString() kms_key_id?: string;
  @IsOptional() @IsString() description?: string;
}

export class ScheduleDeletionRequest extends SecretName {
  @IsOptional() @IsInt() recovery_window_in_days?: number;
}

export class CreateVersionRequest extends SecretName {
  @IsOptional() @IsString() secret_string?: string;
  @IsOptional() @IsString() secret_binary?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(64) @IsString({ each: true }) version_stages?: string[];
  @IsOptional() @IsInt() expire_time?: number;
}

export class VersionRequest extends SecretName {
  @IsVersionId() @IsDefined() @IsString() version_id!: string;
}

export class UpdateVersionRequest extends VersionRequest {
  @IsDefined() @IsInt() expire_time!: number;
}

export class StageRequest extends SecretName {
  @IsDefined() @IsString() stage_name!: string;
}

export class UpdateStageRequest extends StageRequest {
  @IsVersionId() @IsDefined() @IsString() version_id!: string;
}

export class RestoreRequest {
  @IsDefined() @IsString() secret_blob!: string;
}

export class TagDto {
  @IsDefined() @IsString() key!: string;
  @IsOptional() @IsString() value?: string;
}

export class SecretIdRequest {
  @IsSecretId() @IsDefined() @IsString() secret_id!: string;
}

export class AddTagRequest extends SecretIdRequest {
  @IsDefined() @ValidateNested() @Type(() => TagDto) tag!: TagDto;
}

export class DeleteTagRequest extends SecretIdRequest {
  @IsDefined() @IsString() tag_key!: string;
}

export class BatchTagsRequest extends SecretIdRequest {
  @IsDefined() @IsArray() @ValidateNested({ each: true }) @Type(() => TagDto) tags!: TagDto[];
  @IsDefined() @IsString() action!: string;
}

export class TagFilter {
  @IsDefined() @IsString() key!: string;
  @IsDefined() @IsArray() @IsString({ each: true }) values!: string[];
}

export class ResourceInstancesRequest {
  @IsDefined() @IsString() action!: string;
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @NumericString() @IsString() offset?: string;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => TagFilter) tags?: TagFilter[];
}
