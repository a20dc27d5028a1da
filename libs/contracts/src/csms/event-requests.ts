import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsOptional, IsString, ValidateNested } from 'class-validator';

/**
 * Secret events (notification rules) and their notification records: the SDK's
 * CreateSecretEventRequestBody, UpdateSecretEventRequestBody and `Notification` models. Only types
 * and presence here; the rules (names, enums, the webhook URL) live in csms-domain's notify feature.
 */

/** The SDK's `Notification`: DEW delivers to a webhook, `target_type` WEBHOOK, `target_id` its URL (docs/api-decisions.md, "Secret events"). */
export class SecretEventTargetDto {
  @IsOptional() @IsString() target_type?: string;
  @IsOptional() @IsString() target_id?: string;
  @IsOptional() @IsString() target_name?: string;
}

export class SecretEventNameRequest {
  @IsDefined() @IsString() event_name!: string;
}

export class CreateSecretEventRequest {
  @IsDefined() @IsString() name!: string;
  @IsDefined() @IsArray() @ArrayMaxSize(64) @IsString({ each: true }) event_types!: string[];
  @IsDefined() @IsString() state!: string;
  @IsDefined() @ValidateNested() @Type(() => SecretEventTargetDto) notification!: SecretEventTargetDto;
}

export class UpdateSecretEventRequest extends SecretEventNameRequest {
  @IsOptional() @IsArray() @ArrayMaxSize(64) @IsString({ each: true }) event_types?: string[];
  @IsOptional() @IsString() state?: string;
  @IsOptional() @ValidateNested() @Type(() => SecretEventTargetDto) notification?: SecretEventTargetDto;
}
