import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsId } from '../ids.js';
import { NumericString } from '../validation.js';

/**
 * CSMS request shapes (a missing field or a bad type is CSMS.0004: docs/api-decisions.md, "Status
 * and error codes"). Only types and presence are checked here; business rules and their codes
 * live in csms-domain's decide().
 */

/** A malformed id is an invalid parameter (CSMS.0002), not an unknown secret or version. */
const IsSecretId = (): PropertyDecorator => IsId('uuid', 'CSMS.0002');
const IsVersionId = (): PropertyDecorator => IsId('secretVersion', 'CSMS.0002');
const IsKmsKeyId = (): PropertyDecorator => IsId('uuid', 'CSMS.0002');

export class SecretNameRequest {
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
  @IsOptional() @IsBoolean() auto_rotation?: boolean;
  @IsOptional() @IsString() rotation_period?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(64) @IsString({ each: true }) event_subscriptions?: string[];
}

export class ListSecretsRequest {
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @IsString() marker?: string;
}

export class UpdateSecretRequest extends SecretNameRequest {
  @IsKmsKeyId() @IsOptional() @IsString() kms_key_id?: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsBoolean() auto_rotation?: boolean;
  @IsOptional() @IsString() rotation_period?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(64) @IsString({ each: true }) event_subscriptions?: string[];
}

export class ScheduleSecretDeletionRequest extends SecretNameRequest {
  @IsOptional() @IsInt() recovery_window_in_days?: number;
}

export class CreateSecretVersionRequest extends SecretNameRequest {
  @IsOptional() @IsString() secret_string?: string;
  @IsOptional() @IsString() secret_binary?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(64) @IsString({ each: true }) version_stages?: string[];
  @IsOptional() @IsInt() expire_time?: number;
}

export class SecretVersionRequest extends SecretNameRequest {
  @IsVersionId() @IsDefined() @IsString() version_id!: string;
}

export class UpdateSecretVersionRequest extends SecretVersionRequest {
  @IsDefined() @IsInt() expire_time!: number;
}

export class SecretStageRequest extends SecretNameRequest {
  @IsDefined() @IsString() stage_name!: string;
}

export class UpdateSecretStageRequest extends SecretStageRequest {
  @IsVersionId() @IsDefined() @IsString() version_id!: string;
}

export class RestoreSecretRequest {
  @IsDefined() @IsString() secret_blob!: string;
}

export class SecretTagDto {
  @IsDefined() @IsString() key!: string;
  @IsOptional() @IsString() value?: string;
}

export class SecretIdRequest {
  @IsSecretId() @IsDefined() @IsString() secret_id!: string;
}

export class CreateSecretTagRequest extends SecretIdRequest {
  @IsDefined() @ValidateNested() @Type(() => SecretTagDto) tag!: SecretTagDto;
}

export class DeleteSecretTagRequest extends SecretIdRequest {
  @IsDefined() @IsString() tag_key!: string;
}

export class BatchSecretTagsRequest extends SecretIdRequest {
  @IsDefined() @IsArray() @ValidateNested({ each: true }) @Type(() => SecretTagDto) tags!: SecretTagDto[];
  @IsDefined() @IsString() action!: string;
}

export class SecretTagFilterDto {
  @IsDefined() @IsString() key!: string;
  @IsDefined() @IsArray() @IsString({ each: true }) values!: string[];
}

export class ListSecretsByTagsRequest {
  @IsDefined() @IsString() action!: string;
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @NumericString() @IsString() offset?: string;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => SecretTagFilterDto) tags?: SecretTagFilterDto[];
}

/** kms asks which secrets of the caller's project still need a KMS key (its deletion risk tips). */
export class KeyDependentsRequest {
  @IsDefined() @IsString() key_id!: string;
}

/** No fields: the body must still be a JSON object. */
export class ListProjectSecretTagsRequest {}

/** batch-import-secrets: the SDK's `ImportSecretsRequest` (create bodies; `total` their count if given). */
export class BatchImportSecretsRequest {
  @IsDefined() @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => CreateSecretRequest) secrets!: CreateSecretRequest[];
  @IsOptional() @IsInt() total?: number;
}

/** list-rotation-tasks: the SDK's `ListSecretTaskRequest` (query strings). */
export class ListRotationTasksRequest {
  @IsOptional() @IsString() secret_name?: string;
  @IsOptional() @IsIn(['SUCCESS', 'FAILED']) @IsString() status?: string;
  @IsOptional() @IsString() task_id?: string;
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @IsString() marker?: string;
}

/** generate-password: the SDK's `CreatePasswordRequestBody`. */
export class GeneratePasswordRequest {
  @IsOptional() @IsString() password_policy_name?: string;
  @IsOptional() @IsInt() length?: number;
  @IsOptional() @IsString() exclude_characters?: string;
  @IsOptional() @IsBoolean() exclude_lowercase?: boolean;
  @IsOptional() @IsBoolean() exclude_uppercase?: boolean;
  @IsOptional() @IsBoolean() exclude_numbers?: boolean;
  @IsOptional() @IsBoolean() exclude_punctuation?: boolean;
  @IsOptional() @IsBoolean() include_space?: boolean;
  @IsOptional() @IsBoolean() require_each_included_type?: boolean;
}
