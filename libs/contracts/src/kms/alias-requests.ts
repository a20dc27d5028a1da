import { IsArray, IsDefined, IsOptional, IsString } from 'class-validator';
import { NumericString } from '../validation.js';
import { IsKeyId, KeyOpRequest, KmsRequest } from './requests.js';

/** Huawei's v2 key aliases (KmsClient CreateAlias, AssociateAlias, DeleteAlias, ListAliases). Name rules live in the domain. */
export class CreateAliasRequest extends KeyOpRequest {
  @IsDefined() @IsString() alias!: string;
}

export class AssociateAliasRequest extends KmsRequest {
  @IsDefined() @IsString() alias!: string;
  @IsKeyId() @IsDefined() @IsString() target_key_id!: string;
}

export class DeleteAliasRequest extends KeyOpRequest {
  @IsDefined() @IsArray() @IsString({ each: true }) aliases!: string[];
}

export class ListAliasesRequest extends KmsRequest {
  @IsOptional() @IsKeyId() @IsString() key_id?: string;
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @IsString() marker?: string;
}

/** Bus only (gateway → kms): the key an alias names in the caller's project (docs/authorization.md). */
export class ResolveAliasRequest {
  @IsDefined() @IsString() alias!: string;
}

/** GET /v2/{project_id}/kms/regions (ListSupportRegions). */
export class ListSupportRegionsRequest {
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @NumericString() @IsString() offset?: string;
}

/**
 * Every v2 alias name starts with this (docs/api-decisions.md, "Aliases"), so a `key_id` field
 * tells an alias from a key id by its first characters, and a malformed key id stays KMS.0205.
 */
export const KEY_ALIAS_PREFIX = 'alias/';

export function namesAlias(keyIdField: string): boolean {
  return keyIdField.startsWith(KEY_ALIAS_PREFIX);
}
