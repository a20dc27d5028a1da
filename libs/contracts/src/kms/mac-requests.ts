import { IsDefined, IsString } from 'class-validator';
import { IsKeyId, KmsRequest } from './requests.js';

/** generate-mac (Huawei's GenerateMacRequestBody): message and answer's mac are base64. */
export class GenerateMacRequest extends KmsRequest {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
  @IsDefined() @IsString() mac_algorithm!: string;
  @IsDefined() @IsString() message!: string;
}

/** verify-mac (Huawei's VerifyMacRequestBody): generate-mac's fields and the mac to check. */
export class VerifyMacRequest extends GenerateMacRequest {
  @IsDefined() @IsString() mac!: string;
}
