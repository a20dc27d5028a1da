/** Who a verified request comes from, as IAM resolved it. */
export interface Identity {
  readonly accessKey: string;
  readonly userId: string;
  readonly userName: string;
  readonly domainId: string;
  readonly domainName: string;
  readonly isDomainAdmin: boolean;
  readonly projectIds: readonly string[];
}

/** Reply of `iam.resolve-access-key` (only the gateway may ask it). */
export interface ResolvedAccessKey {
  readonly secret: string;
  readonly user_id: string;
  readonly user_name: string;
  readonly domain_id: string;
  readonly domain_name: string;
  readonly is_domain_admin: boolean;
  readonly project_ids: readonly string[];
}
