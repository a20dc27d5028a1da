import { IsDefined, IsInt, IsOptional, IsString } from 'class-validator';
import { IsKeyId, KeyOpRequest, KmsRequest } from './requests.js';

/** Bring your own key (docs/features.md, "Bring your own key"). */
export class GetParametersForImportRequest extends KeyOpRequest {
  @IsDefined() @IsString() wrapping_algorithm!: string;
}

export class ImportKeyMaterialRequest extends KmsRequest {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
  @IsDefined() @IsString() import_token!: string;
  @IsDefined() @IsString() encrypted_key_material!: string;
  @IsOptional() @IsString() encrypted_privatekey?: string;
  /** int64 seconds: the material is deleted within 24 h after it. */
  @IsOptional() @IsInt() expiration_time?: number;
}
