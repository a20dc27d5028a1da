import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { IsId } from '../ids.js';
import { NumericString } from '../validation.js';

/**
 * KMS request shapes. Only types and presence are checked here; business rules and
 * their codes (alias rules, pending days, quota …) live in the domain's decide().
 */
export class KmsRequest {
  @IsOptional()
  @IsString()
  @Length(36, 36, { context: { code: 'KMS.0206' }, message: 'sequence must be 36 characters, got $value' })
  sequence?: string;
}

/** A key id on a KMS route: a malformed one is KMS.0205 (invalid key id), not an unknown key. */
export const IsKeyId = (): PropertyDecorator => IsId('uuid', 'KMS.0205');

export class KeyOpRequest extends KmsRequest {
  @IsKeyId()
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

  /** DEW extension (docs/api-decisions.md, "Extensions"): up to 20 tags applied atomically with the key. */
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

/** Requests that bind additional authenticated data (≤128 bytes, checked by the service). */
export class WithAad extends KmsRequest {
  @IsOptional() @IsString() additional_authenticated_data?: string;
}

/** What encrypt-data and decrypt-data name: AES-GCM for symmetric keys, RSAES-OAEP for RSA keys, SM2_ENCRYPT for SM2 keys. */
export const ENCRYPTION_ALGORITHMS = ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1', 'SM2_ENCRYPT'] as const;

export class EncryptDataRequest extends WithAad {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
  @IsDefined() @IsString() plain_text!: string;
  @IsOptional() @IsIn(ENCRYPTION_ALGORITHMS) encryption_algorithm?: string;
}

export class DecryptDataRequest extends WithAad {
  @IsDefined() @IsString() cipher_text!: string;
  @IsKeyId() @IsOptional() @IsString() key_id?: string;
  @IsOptional() @IsIn(ENCRYPTION_ALGORITHMS) encryption_algorithm?: string;
}

export class CreateDatakeyRequest extends WithAad {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
  @IsOptional() @IsString() key_spec?: string;
  @IsOptional() @NumericString() @IsString() datakey_length?: string;
}

export class EncryptDatakeyRequest extends WithAad {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
  @IsDefined() @IsString() plain_text!: string;
  @IsDefined() @NumericString() @IsString() datakey_plain_length!: string;
}

export class DecryptDatakeyRequest extends WithAad {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
  @IsDefined() @IsString() cipher_text!: string;
  @IsDefined() @NumericString() @IsString() datakey_cipher_length!: string;
}

/** create-rsa-datakey-pair and create-ec-datakey-pair (Huawei's Create{Rsa,Ec}DatakeyPairRequestBody). */
export class CreateDatakeyPairRequest extends WithAad {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
  @IsOptional() @IsString() key_spec?: string;
  /** Absent: true (the private key is answered in plaintext too). */
  @IsOptional() @IsBoolean() with_plain_text?: boolean;
}

/** derive-shared-secret (Huawei's DeriveSharedSecretRequestBody); `recipient` is refused by the service. */
export class DeriveSharedSecretRequest extends KmsRequest {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
  @IsDefined() @IsString() key_agreement_algorithm!: string;
  @IsDefined() @IsString() public_key!: string;
  @IsOptional() @IsObject() recipient?: object;
}

export class SignRequest extends KmsRequest {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
  @IsDefined() @IsString() message!: string;
  @IsDefined() @IsString() signing_algorithm!: string;
  @IsOptional() @IsIn(['DIGEST', 'RAW']) message_type?: 'DIGEST' | 'RAW';
}

export class VerifyRequest extends SignRequest {
  @IsDefined() @IsString() signature!: string;
}

export class GenRandomRequest extends KmsRequest {
  @IsDefined() @NumericString() @IsString() random_data_length!: string;
}

/** DEW extension (docs/api-decisions.md, "Extensions"): moves a key to another enterprise project. */
export class UpdateKeyEnterpriseProjectRequest extends KeyOpRequest {
  @IsDefined() @IsString() enterprise_project_id!: string;
}

/** Bus only: another service's default key `<service>/default`, made on first use. */
export class EnsureDefaultKeyRequest extends KmsRequest {
  @IsDefined() @IsString() service!: string;
}

export class UpdateKeyRotationIntervalRequest extends KeyOpRequest {
  /** rotation_interval is an int on the wire (one of the few KMS numbers that are). */
  @IsDefined() @IsInt() rotation_interval!: number;
}
