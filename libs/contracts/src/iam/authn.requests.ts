import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayNotEmpty, IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';

const STRING_TO_SIGN = /^SDK-HMAC-SHA256\n\d{8}T\d{6}Z\n[0-9a-f]{64}$/;

/** A credential the gateway saw: an AK/SK signature or a token (docs/bus-security.md). */
export class AuthenticateCredential {
  @IsIn(['aksk', 'token']) kind!: 'aksk' | 'token';
  @IsOptional() @IsString() access_key?: string;
  @IsOptional() @IsString() token?: string;
  /** AK/SK: what the client signed, as the gateway rebuilt it (one, or two for the Node SDK's legacy path form). */
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2) @Matches(STRING_TO_SIGN, { each: true }) string_to_sign?: string[];
  @IsOptional() @Matches(/^[0-9a-f]{64}$/) signature?: string;
  /** The call's answer is a credential: each signature is accepted once. */
  @IsOptional() @IsBoolean() single_use?: boolean;
}

/** `iam.authenticate`: who holds the credential, and IAM's decision on the route's action. */
export class AuthenticateRequest {
  @IsDefined() @ValidateNested() @Type(() => AuthenticateCredential) credential!: AuthenticateCredential;
  @IsDefined() @IsString() action!: string;
  @IsOptional() @IsString() project_id?: string;
  @IsOptional() @IsString() key_id?: string;
  /** A second key the operation touches (the row's `secondKey`) and the action asked on it. */
  @IsOptional() @IsString() second_action?: string;
  @IsOptional() @IsString() second_key_id?: string;
}

/** A grant names at most nine operations; a little room for other callers. */
const ACTIONS_MAX = 20;

/** `iam.decide`: IAM's decision per action for a user of a domain, in a project, on a key. */
export class DecideRequest {
  @IsDefined() @IsString() user_id!: string;
  // Names the account's stream subject: 32 hex, never a wildcard.
  @IsDefined() @IsString() @Matches(/^[0-9a-f]{32}$/) domain_id!: string;
  @IsDefined() @IsString() project_id!: string;
  @IsDefined() @IsArray() @ArrayNotEmpty() @ArrayMaxSize(ACTIONS_MAX) @IsString({ each: true }) actions!: string[];
  @IsOptional() @IsString() key_id?: string;
}

/** `iam.bootstrap`: the first account's name and its administrator's. */
export class BootstrapRequest {
  @IsDefined() @IsString() domain_name!: string;
  @IsDefined() @IsString() user_name!: string;
}
