import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { NullMeansClear, NumericString } from '../validation.js';

/** DEW's server inventory (docs/api-decisions.md, "Servers"): what Huawei's ECS list is to KPS. */

export class ServerFieldsDto {
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsString() address?: string;
  @IsOptional() @IsString() public_ip?: string;
  @IsOptional() @IsInt() port?: number;
  @IsOptional() @IsString() os?: string;
  @IsOptional() @IsString() status?: string;
  @IsOptional() @IsString() login_user?: string;
  @IsOptional() @IsString() sshd_config_path?: string;
  @IsOptional() @IsString() sshd_pid_file?: string;
  @IsOptional() @IsString() encrypted_password?: string;
  /** The host key to trust (`type base64`); on update, null forgets the pin (a reinstalled server). */
  @IsOptional() @NullMeansClear() @IsString() host_key?: string | null;
}

export class CreateServerFieldsDto extends ServerFieldsDto {
  @IsDefined() @IsString() declare name: string;
  @IsDefined() @IsString() declare address: string;
}

export class CreateServerRequest {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CreateServerFieldsDto) server!: CreateServerFieldsDto;
}

export class ServerIdRequest {
  @IsDefined() @IsString() server_id!: string;
}

export class UpdateServerRequest extends ServerIdRequest {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ServerFieldsDto) server!: ServerFieldsDto;
}

export class ListServersRequest {
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @NumericString() @IsString() offset?: string;
}

export class WindowsPasswordRequest extends ServerIdRequest {
  /** The private key to decrypt with (never stored)… */
  @IsOptional() @IsString() private_key?: string;
  /** …or the key pair whose hosted private key decrypts; without either, the bound pair's. */
  @IsOptional() @IsString() keypair_name?: string;
}

export type { ServerReplyBody, ServerReply, ListServersReply, WindowsPasswordReply } from './server-replies.js';
