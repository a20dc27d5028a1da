import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { NumericString } from '../validation.js';

/**
 * KMS request shapes (API.md §1.1). Only types and presence are checked here; business rules and
 * their codes (alias rules, pending days, quota …) live in the domain's decide().
 */
export class KmsRequest {
  @IsOptional()
  @IsString()
  @Length(36, 36, { context: { code: 'KMS.0206' }, message: 'sequence must be 36 characters, got $value' })
  sequence?: string;
}

export class KeyOpRequest extends KmsRequest {
  @IsDefined()
  @IsString()
  key_id!: string;
}

export class TagDto {
  @IsDefined()
  @IsString()
  key!: string;

  @IsOptional()
  @IsString()
  value?: string;
}

export class CreateKeyRequest extends KmsRequest {
  @IsDefined()
  @IsString()
  key_alias!: string;

  @IsOptional() @IsString() key_spec?: string;
  @IsOptional() @IsString() key_usage?: string;
  @IsOptional() @IsString() key_description?: string;
  @IsOptional() @IsIn(['kms', 'external']) origin?: 'kms' | 'external';
  @IsOptional() @IsString() enterprise_project_id?: string;
  @IsOptional() @IsString() keystore_id?: string;

  /** DEW extension (API.md §10): up to 20 tags applied atomically with the key. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TagDto)
  tags?: TagDto[];
}

export class ListKeysRequest extends KmsRequest {
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @NumericString() @IsString() marker?: string;
  @IsOptional() @NumericString() @IsString() key_state?: string;
  @IsOptional() @IsString() key_spec?: string;
  @IsOptional() @IsString() enterprise_project_id?: string;
}

export class ScheduleKeyDeletionRequest extends KeyOpRequest {
  @IsDefined()
  @NumericString()
  @IsString()
  pending_days!: string;
}

export class UpdateKeyAliasRequest extends KeyOpRequest {
  @IsDefined()
  @IsString()
  key_alias!: string;
}

export class UpdateKeyDescriptionRequest extends KeyOpRequest {
  @IsDefined()
  @IsString()
  key_description!: string;
}
