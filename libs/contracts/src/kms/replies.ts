/** KeyDetails as the wire carries it: every field a string. */
export interface KeyDetails {
  readonly key_id: string;
  readonly domain_id: string;
  readonly key_alias: string;
  readonly realm: string;
  readonly key_spec: string;
  readonly key_usage: string;
  readonly key_description: string;
  readonly creation_date: string;
  readonly scheduled_deletion_date: string;
  readonly key_state: string;
  readonly default_key_flag: string;
  readonly key_type: string;
  readonly expiration_time: string;
  readonly origin: string;
  readonly key_rotation_enabled: string;
  readonly sys_enterprise_project_id: string;
  readonly keystore_id: string;
}

export interface ListKeysReply {
  readonly keys: string[];
  readonly key_details: KeyDetails[];
  readonly next_marker: string;
  readonly truncated: 'true' | 'false';
  readonly total: number;
}
