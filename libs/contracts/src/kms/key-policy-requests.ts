import { IsDefined, IsOptional, IsString } from 'class-validator';
import { IsKeyId, KeyOpRequest } from './requests.js';

/**
 * Key policies (docs/api-decisions.md, "Key policies"): one resource policy per key, sent as a
 * JSON text in `policy` (as Huawei's CreateKeyPolicy body carries it) and checked by kms.
 */
export class PutKeyPolicyRequest extends KeyOpRequest {
  @IsDefined() @IsString() policy!: string;
}

// The answers' shapes live with the other replies, which the console imports (wire-replies.ts).
export type { KeyPolicyView, KeyPolicyIdReply, ListKeyPoliciesReply } from './replies.js';

/** `re-encrypt` (docs/api-decisions.md, "re-encrypt"): a DEW encrypt-data ciphertext moved to another key. */
export class ReEncryptRequest extends KeyOpRequest {
  // key_id (KeyOpRequest) is the source key, set by the gateway from the ciphertext's header.
  @IsKeyId() @IsOptional() @IsString() source_key_id?: string;
  @IsOptional() @IsString() source_additional_authenticated_data?: string;
  @IsOptional() @IsString() source_encryption_algorithm?: string;
  @IsKeyId() @IsDefined() @IsString() destination_key_id!: string;
  @IsOptional() @IsString() destination_additional_authenticated_data?: string;
  @IsOptional() @IsString() destination_encryption_algorithm?: string;
  @IsOptional() @IsString() datakey_cipher_length?: string;
  @IsDefined() @IsString() cipher_text!: string;
}

export interface ReEncryptReply {
  readonly key_id: string;
  readonly source_key_id: string;
  readonly source_encryption_algorithm: string;
  readonly destination_encryption_algorithm: string;
  readonly cipher_text: string;
}
