import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsDefined, IsOptional, IsString, ValidateNested } from 'class-validator';

export class NamedRef {
  @IsOptional() @IsString() id?: string;
  @IsOptional() @IsString() name?: string;
}
export class PasswordUser {
  @IsDefined() @IsString() name!: string;
  @IsDefined() @IsString() password!: string;
  @IsDefined() @ValidateNested() @Type(() => NamedRef) domain!: NamedRef;
}
export class PasswordMethod {
  @IsDefined() @ValidateNested() @Type(() => PasswordUser) user!: PasswordUser;
}
export class LoginIdentity {
  @IsArray() @ArrayNotEmpty() @IsString({ each: true }) methods!: string[];
  @IsDefined() @ValidateNested() @Type(() => PasswordMethod) password!: PasswordMethod;
}
export class TokenScope {
  @IsOptional() @ValidateNested() @Type(() => NamedRef) project?: NamedRef;
  @IsOptional() @ValidateNested() @Type(() => NamedRef) domain?: NamedRef;
}
export class TokenAuth {
  @IsDefined() @ValidateNested() @Type(() => LoginIdentity) identity!: LoginIdentity;
  @IsDefined() @ValidateNested() @Type(() => TokenScope) scope!: TokenScope;
}
/** `POST /v3/auth/tokens` (KeystoneCreateUserTokenByPassword). */
export class CreateTokenRequest {
  @IsDefined() @ValidateNested() @Type(() => TokenAuth) auth!: TokenAuth;
  @IsOptional() @IsString() nocatalog?: string;
}
/** `GET /v3/auth/tokens`: the token to check travels as `subject_token`. */
export class ValidateTokenRequest {
  @IsDefined() @IsString() subject_token!: string;
  @IsOptional() @IsString() nocatalog?: string;
}
