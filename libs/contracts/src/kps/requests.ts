import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { NumericString } from '../validation.js';

/**
 * KPS request shapes as Huawei's KpsClient v3 sends them (a missing field or a bad type is
 * KPS.0002: docs/api-decisions.md, "Error families"). Only types and presence are checked here;
 * the rules (name charset, key formats, server state) live in kps-domain and @dew/ssh-keys.
 */

export class EncryptionDto {
  @IsDefined() @IsString() @IsIn(['default', 'kms']) type!: string;
  @IsOptional() @IsString() kms_key_name?: string;
  @IsOptional() @IsString() kms_key_id?: string;
}

export class KeyProtectionDto {
  @IsOptional() @IsString() private_key?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => EncryptionDto) encryption?: EncryptionDto;
}

export class CreateKeypairDto {
  @IsDefined() @IsString() name!: string;
  @IsOptional() @IsString() @IsIn(['ssh', 'x509']) type?: string;
  @IsOptional() @IsString() public_key?: string;
  @IsOptional() @IsString() @IsIn(['domain', 'user']) scope?: string;
  @IsOptional() @IsString() user_id?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => KeyProtectionDto) key_protection?: KeyProtectionDto;
  /** DEW's addition (docs/api-decisions.md, "KPS key algorithms"): SSH_RSA_2048 when absent. */
  @IsOptional() @IsString() algorithm?: string;
}

export class CreateKeypairRequest {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CreateKeypairDto) keypair!: CreateKeypairDto;
}

/** batch-import: the JSON array travels as `items` (docs/api-decisions.md, "JSON array bodies"). */
export class BatchImportKeypairsRequest {
  @IsDefined() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => CreateKeypairRequest) items!: CreateKeypairRequest[];
}

export class ListKeypairsRequest {
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @IsString() marker?: string;
}

export class KeypairNameRequest {
  @IsDefined() @IsString() keypair_name!: string;
}

export class UpdateKeypairDescriptionDto {
  @IsOptional() @IsString() description?: string;
  /** DEW's addition: `domain` upgrades a user key pair to an account one (docs/api-decisions.md). */
  @IsOptional() @IsString() @IsIn(['domain']) scope?: string;
}

export class UpdateKeypairRequest extends KeypairNameRequest {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => UpdateKeypairDescriptionDto) keypair!: UpdateKeypairDescriptionDto;
}

export class ImportPrivateKeyProtectionDto {
  @IsDefined() @IsString() private_key!: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => EncryptionDto) encryption?: EncryptionDto;
}

export class ImportPrivateKeyDto {
  @IsDefined() @IsString() name!: string;
  @IsOptional() @IsString() user_id?: string;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ImportPrivateKeyProtectionDto) key_protection!: ImportPrivateKeyProtectionDto;
}

export class ImportPrivateKeyRequest {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ImportPrivateKeyDto) keypair!: ImportPrivateKeyDto;
}

export class KeypairBeanDto {
  @IsDefined() @IsString() name!: string;
}

export class ExportPrivateKeyRequest {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => KeypairBeanDto) keypair!: KeypairBeanDto;
}

export class BatchExportPrivateKeysRequest {
  @IsDefined() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ExportPrivateKeyRequest) items!: ExportPrivateKeyRequest[];
}

export class ServerAuthDto {
  @IsOptional() @IsString() @IsIn(['password', 'keypair']) type?: string;
  @IsOptional() @IsString() key?: string;
}

export class EcsServerInfoDto {
  @IsDefined() @IsString() id!: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ServerAuthDto) auth?: ServerAuthDto;
  @IsOptional() @IsBoolean() disable_password?: boolean;
  @IsOptional() @IsInt() port?: number;
}

export class AssociateKeypairRequest {
  @IsDefined() @IsString() keypair_name!: string;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => EcsServerInfoDto) server!: EcsServerInfoDto;
}

export class BatchAssociateKeypairRequest {
  @IsDefined() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => AssociateKeypairRequest) batch_keypairs!: AssociateKeypairRequest[];
}

export class DisassociateServerDto {
  @IsDefined() @IsString() id!: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ServerAuthDto) auth?: ServerAuthDto;
}

export class DisassociateKeypairRequest {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => DisassociateServerDto) server!: DisassociateServerDto;
}

export class TaskIdRequest {
  @IsDefined() @IsString() task_id!: string;
}

export class ListTasksRequest {
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @NumericString() @IsString() offset?: string;
}
