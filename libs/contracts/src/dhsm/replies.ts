/** Dedicated HSM answers (docs/api-decisions.md, "Dedicated HSM"): field names in Huawei's snake case. */

/** A list row: every column of guide table 4-4. */
export interface HsmListItem {
  readonly id: string;
  readonly name: string;
  /** Installing, To be activated, Creating, Creation failed, Running, Frozen. */
  readonly status: string;
  readonly edition: string;
  readonly availability_zone: string | null;
  readonly vendor: string;
  readonly model: string;
  /** The floating address; null until Running. */
  readonly ip_address: string | null;
  /** ISO 8601; null until activated. */
  readonly expire_time: string | null;
}

export interface ListHsmReply {
  readonly instances: readonly HsmListItem[];
  readonly total_count: number;
}

/** The detail: every field of guide table 4-5, and what DEW adds (algorithms, node addresses, failure cause). */
export interface HsmDetail extends HsmListItem {
  readonly region: string;
  readonly hsm_type: string | null;
  readonly vpc_id: string | null;
  readonly subnet_id: string | null;
  /** The subnet's loopback range (docs/hsm.md, "Addresses"). */
  readonly subnet_cidr: string | null;
  readonly security_group_id: string | null;
  readonly create_time: string;
  readonly order_id: string;
  readonly billing_mode: string;
  readonly algorithms: readonly string[];
  readonly certification: string;
  readonly contact: string;
  readonly period_num: number | null;
  readonly auto_renew: boolean | null;
  readonly node_addresses: readonly string[];
  readonly failure_cause: string | null;
  /** The UKey issued at activation (docs/hsm.md, "UKey"): `SHA256:…`; null before activation. */
  readonly ukey_fingerprint: string | null;
  /** Whether its private half was downloaded (it is handed out once). */
  readonly ukey_downloaded: boolean;
}

export interface HsmInstanceReply {
  readonly instance: HsmDetail;
}

/** One sample of the monitoring series (guide §4.3 step 6); a figure the nodes did not report is null. */
export interface HsmMonitoringPoint {
  readonly time: string;
  /** Both nodes answer: `healthy`; one: `degraded`; none: `unhealthy`. */
  readonly instance_health: string;
  readonly network_health: string | null;
  readonly network_latency_ms: number | null;
  readonly cpu_usage_percent: number | null;
  readonly memory_usage_mb: number | null;
  readonly current_connections: number | null;
}

export interface HsmMonitoringReply {
  readonly instance_id: string;
  /** Samples of the last hour, oldest first. */
  readonly series: readonly HsmMonitoringPoint[];
}

/** The UKey's one download: the private half is in no other answer, event or log. */
export interface HsmUkeyReply {
  readonly instance_id: string;
  readonly algorithm: 'ED25519';
  /** SPKI PEM. */
  readonly public_key: string;
  /** PKCS#8 PEM, unencrypted: the administrator keeps it (on a UKey device in Huawei's cloud). */
  readonly private_key: string;
  readonly fingerprint: string;
}

/** The instance's own CA: applications and the admin client trust the floating address through it. */
export interface HsmCaCertificateReply {
  readonly instance_id: string;
  /** PEM, self-signed P-256 (docs/hsm-appliance.md, "PKI"). */
  readonly ca_certificate: string;
  /** `SHA256:` and the unpadded base64 of the certificate DER's SHA-256. */
  readonly fingerprint: string;
}

/** KMS's access certificate, the CA it chains to and the application port of the instance's floating address. */
export interface KmsCertificateReply {
  readonly certificate: string;
  /** Hex, as RevokeCertificate takes it. */
  readonly serial: string;
  readonly ca_certificate: string;
  /** `<floating address>:<application port>`. */
  readonly address: string;
}

/** Where KMS reaches a key store's instance and whether it serves (bus only, kms's). */
export interface KmsEndpointReply {
  readonly instance_id: string;
  /** As the console shows it; only Running serves. */
  readonly status: string;
  /** `<floating address>:<application port>`; null when the instance has no floating address. */
  readonly address: string | null;
  /** The instance CA; null until its first active node made it. */
  readonly ca_certificate: string | null;
}
