import { IsBoolean, IsDefined, IsInt, IsOptional, IsString } from 'class-validator';
import { NumericString } from '../validation.js';

/**
 * Dedicated HSM request shapes (DEW's own API: docs/api-decisions.md, "Dedicated HSM"). Only
 * types and presence are checked here; the rules (name characters, durations, states) live in
 * hsm-domain.
 */

/** Purchase (guide §4.2.1): the region defaults to the deployment's, the edition to Platinum. */
export class CreateHsmRequest {
  @IsOptional() @IsString() region?: string;
  @IsOptional() @IsString() edition?: string;
  /** Where the UKey goes: free text. */
  @IsDefined() @IsString() contact!: string;
}

export class HsmInstanceIdRequest {
  @IsDefined() @IsString() instance_id!: string;
}

/** Activation (guide table 4-3, and the platinum edition's duration and auto-renewal). */
export class ActivateHsmRequest extends HsmInstanceIdRequest {
  @IsDefined() @IsString() availability_zone!: string;
  @IsDefined() @IsString() name!: string;
  @IsDefined() @IsString() hsm_type!: string;
  @IsDefined() @IsString() vpc_id!: string;
  @IsDefined() @IsString() subnet_id!: string;
  @IsDefined() @IsString() security_group_id!: string;
  /** Months, 1..12. */
  @IsDefined() @IsInt() period_num!: number;
  @IsOptional() @IsBoolean() auto_renew?: boolean;
}

export class RenewHsmRequest extends HsmInstanceIdRequest {
  @IsDefined() @IsInt() period_num!: number;
}

export class ListHsmRequest {
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @NumericString() @IsString() offset?: string;
}

/**
 * KMS's access certificate for a key store (bus only, kms's): the public half of a P-256 key pair
 * KMS generated, certified by the instance CA as `dew-kms:<keystore_id>` (docs/hsm-appliance.md,
 * "KMS's access certificate").
 */
export class IssueKmsCertificateRequest extends HsmInstanceIdRequest {
  @IsDefined() @IsString() keystore_id!: string;
  /** SPKI PEM. */
  @IsDefined() @IsString() public_key!: string;
}
