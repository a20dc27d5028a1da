/**
 * Subject naming (docs/architecture.md, "Streams and subjects"): requests are `<ctx>.<verb>`, events `evt.<ctx>.<project>.<agg>`,
 * keyring entries `keyring.<ctx>.<owner>`, health `sys.health.<service>`.
 */
export const streams = {
  kmsEvents: { name: 'EVT_KMS', subjects: ['evt.kms.>'] },
  iamEvents: { name: 'EVT_IAM', subjects: ['evt.iam.>'] },
  kmsKeyring: { name: 'KEYRING_KMS', subjects: ['keyring.kms.>'] },
  iamKeyring: { name: 'KEYRING_IAM', subjects: ['keyring.iam.>'] },
  audit: { name: 'AUDIT', subjects: ['audit.>'] },
  csmsEvents: { name: 'EVT_CSMS', subjects: ['evt.csms.>'] },
  csmsKeyring: { name: 'KEYRING_CSMS', subjects: ['keyring.csms.>'] },
  kpsEvents: { name: 'EVT_KPS', subjects: ['evt.kps.>'] },
  kpsKeyring: { name: 'KEYRING_KPS', subjects: ['keyring.kps.>'] },
  hsmEvents: { name: 'EVT_HSM', subjects: ['evt.hsm.>'] },
  /** Dedicated HSM nodes' mirrored keys, `hsm.<instance>.mirror`, written by the control plane (docs/hsm-appliance.md, "Control plane"). */
  hsmMirror: { name: 'HSM_MIRROR', subjects: ['hsm.*.mirror'] },
  /** The root key ring: versions, holders' re-wrap reports, retirements (docs/architecture.md, "Root of trust"). */
  rootKey: { name: 'ROOT_KEY', subjects: ['rootkey.events', 'rootkey.events.*'] },
} as const;

/**
 * The KV buckets DEW keeps, with their entries' lifetime: the runner creates them with the streams
 * (so no service can create one first with other subjects), the services open them.
 */
export const kvBuckets = {
  /** Scheduler leases of kms (one active scheduler among replicas). */
  kmsLeases: { name: 'KMS_LEASES', ttlMs: 30_000 },
  /**
   * Single-use signatures already seen (create-access-key). A signature stays valid while its
   * X-Sdk-Date is within 15 minutes of the clock, so a first use may come up to 30 minutes before
   * its last possible reuse: remember it that long.
   */
  iamSignatures: { name: 'IAM_SIGNATURES', ttlMs: 2 * 15 * 60 * 1000 },
  /** Dedicated HSM leases, key `<instance>`: which node is active (the nodes' HSM_LEASE_TTL_MS default). */
  hsmLease: { name: 'HSM_LEASE', ttlMs: 1500 },
  /** Dedicated HSM instances' shared state, keys `<instance>.<name>`; kept until deleted (0: no TTL). */
  hsmState: { name: 'HSM_STATE', ttlMs: 0 },
} as const;

export const subjects = {
  kms: (verb: string) => `kms.${verb}`,
  iam: (verb: string) => `iam.${verb}`,
  health: (service: string) => `sys.health.${service}`,
  clockAdvance: (service: string) => `sys.clock.advance.${service}`,
  /** A service's read models at a cut, for the replay tool. */
  models: (service: string) => `sys.models.${service}`,
  /** Which of these requests a service's replicas are working on (docs/architecture.md, "A replica killed mid-request"). */
  inflight: (service: string) => `sys.inflight.${service}`,
  kmsKeyring: (projectId: string) => `evt.kms.${projectId}.keyring`,
  iamAccount: (domainId: string) => `evt.iam.${domainId}.account`,
  csmsSecrets: (projectId: string) => `evt.csms.${projectId}.secrets`,
  /** The account's key-pair set (KPS's aggregate: key pairs, servers and bind tasks). */
  kpsKeypairs: (domainId: string) => `evt.kps.${domainId}.keypairs`,
  /** The project's Dedicated HSM instance set. */
  hsmInstances: (projectId: string) => `evt.hsm.${projectId}.instances`,
  keyringEntry: (context: string, ownerId: string) => `keyring.${context}.${ownerId}`,
  auditRecord: (context: string, projectId: string) => `audit.${context}.${projectId || '_'}`,
  /**
   * The root key ring, one aggregate over the stream ROOT_KEY: the rotation tool writes versions
   * here, each holder its reports on `rootKeyReports(<holder>)` — the subject names the writer,
   * since each NATS user may publish only its own (permissions.ts).
   */
  rootKeyRing: 'rootkey.events',
  rootKeyReports: (holder: string) => `rootkey.events.${holder}`,
} as const;
