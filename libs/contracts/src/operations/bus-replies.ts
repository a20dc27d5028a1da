/** IAM's answer on an action: an explicit Deny beats every Allow; without an Allow it is NoAllow. */
export type ActionDecision = 'Allow' | 'ExplicitDeny' | 'NoAllow';

/** `iam.authenticate`: who signed (or whose token it is) and IAM's decision on the route's action. */
export interface AuthenticationReply {
  readonly user_id: string;
  readonly user_name: string;
  readonly domain_id: string;
  readonly domain_name: string;
  readonly is_domain_admin: boolean;
  readonly project_ids: readonly string[];
  readonly decision: ActionDecision;
  readonly reason: string;
  /** The decision on `second_action` for `second_key_id`, when the question had one. */
  readonly second_decision?: ActionDecision;
}

/** `iam.decide`: IAM's decision on each action asked. */
export interface DecideReply {
  readonly decisions: Readonly<Record<string, ActionDecision>>;
}

/** A resource protected by a KMS key, as its service reports it for deletion risk tips. */
export interface KeyDependent {
  readonly service: string;
  readonly resource_type: string;
  readonly resource_id: string;
  readonly resource_name: string;
}

/** `csms.key-dependents`. */
export interface KeyDependentsReply {
  readonly dependents: readonly KeyDependent[];
}

/** `kms.create-datakey` (and without plaintext: no `plain_text`); hex strings as Huawei's API. */
export interface CreateDatakeyReply {
  readonly key_id: string;
  readonly plain_text?: string;
  readonly cipher_text: string;
}

/** `kms.decrypt-datakey`. */
export interface DecryptDatakeyReply {
  readonly data_key: string;
  readonly datakey_length: string;
  readonly datakey_dgst: string;
}

/** `kms.ensure-default-key`: the service's default key, made on first use. */
export interface EnsureDefaultKeyReply {
  readonly key_id: string;
}
