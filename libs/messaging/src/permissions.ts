import { operationOf, operationsAnsweredBy, patternsCallableBy, type ServiceName } from '@dew/contracts';
import { kvBuckets, streams, subjects } from './subjects.js';

/**
 * Who may publish and subscribe to what on the bus (docs/bus-security.md). Services trust context
 * headers only because nothing but the gateway (and the runner, for bootstrap and the test clock)
 * may publish requests to them, and they answer only requests whose reply subject is a private
 * inbox of such a caller (request-callers.ts); only a context's own service may write its event
 * and keyring streams.
 */
export interface SubjectPermissions {
  readonly publish: { readonly allow: readonly string[]; readonly deny?: readonly string[] };
  readonly subscribe: { readonly allow: readonly string[] };
  /** Reply to requests received, without a publish grant on `_INBOX.>`. */
  readonly allowResponses: boolean;
}

/**
 * A connection's private reply subjects (the nats.js `inboxPrefix` option): `_INBOX.<user>.…`.
 * Only that NATS user may subscribe below it, so no other user can read the replies it gets.
 */
export const inboxPrefixOf = (user: string): string => `_INBOX.${user}`;

const ownInbox = (user: string): string => `${inboxPrefixOf(user)}.>`;

/**
 * JetStream API subjects touching only the named streams (2.9 API layout): read, append, create
 * the stream when it is missing, erase single messages (crypto-shredding) — never change a
 * stream's configuration, delete or purge it. A user who could update its stream would add other
 * users' subjects to it (their inboxes, request subjects) and read or answer them
 * (docs/bus-security.md "Stream configuration"); the runner provisions configurations.
 */
function jetStreamApi(streamNames: readonly string[]): string[] {
  return [
    '$JS.API.INFO',
    ...streamNames.flatMap((s) => [
      `$JS.API.STREAM.INFO.${s}`,
      `$JS.API.STREAM.CREATE.${s}`,
      `$JS.API.STREAM.MSG.GET.${s}`,
      `$JS.API.STREAM.MSG.DELETE.${s}`,
      // Each consumer verb by name, the stream right after it: a wildcard verb (`CONSUMER.*.*.<s>.>`)
      // also matched `CONSUMER.CREATE.<any stream>.<s>.<filter>`, a consumer named like this
      // user's stream on someone else's.
      `$JS.API.CONSUMER.CREATE.${s}`,
      `$JS.API.CONSUMER.CREATE.${s}.>`,
      `$JS.API.CONSUMER.DURABLE.CREATE.${s}.>`,
      `$JS.API.CONSUMER.INFO.${s}.>`,
      `$JS.API.CONSUMER.DELETE.${s}.>`,
      `$JS.API.CONSUMER.NAMES.${s}`,
      `$JS.API.CONSUMER.LIST.${s}`,
      `$JS.API.CONSUMER.MSG.NEXT.${s}.>`,
      `$JS.ACK.${s}.>`,
      `$JS.API.DIRECT.GET.${s}`,
      `$JS.API.DIRECT.GET.${s}.>`,
    ]),
  ];
}

interface ServiceGrant {
  /** Streams the service owns: full JetStream API on them. */
  readonly streams: readonly string[];
  /** Streams it may only create and append to (the AUDIT log: never read, delete or purge). */
  readonly appendOnly?: readonly string[];
  /** Other contexts' streams it may read (the audit service builds traces from all of them). */
  readonly reads?: readonly string[];
  readonly writes: readonly string[];
  /** A root key holder: follows the ring and reports its re-wrap (rootKeyRingApi). */
  readonly rootKeyHolder?: boolean;
}

/**
 * The root key ring (stream ROOT_KEY): followed by the holders and `dew root-key rotate`, each
 * appending only to its own subject (`rootkey.events` the tool, `rootkey.events.<holder>` a
 * holder), so a report names its writer and nobody reports for another; nobody deletes from it.
 */
function rootKeyRingApi(appendTo: string): string[] {
  return [...readOnlyApi([streams.rootKey.name]), `$JS.API.STREAM.MSG.GET.${streams.rootKey.name}`, appendTo];
}

/** Reading a stream through consumers, without any right to change it. */
function readOnlyApi(streamNames: readonly string[]): string[] {
  return streamNames.flatMap((s) => [
    `$JS.API.STREAM.INFO.${s}`,
    `$JS.API.CONSUMER.CREATE.${s}`,
    `$JS.API.CONSUMER.CREATE.${s}.>`,
    `$JS.API.CONSUMER.INFO.${s}.>`,
    `$JS.API.CONSUMER.DELETE.${s}.>`,
    `$JS.API.CONSUMER.MSG.NEXT.${s}.>`,
  ]);
}

function appendOnlyApi(streamNames: readonly string[]): string[] {
  return streamNames.flatMap((s) => [`$JS.API.STREAM.INFO.${s}`, `$JS.API.STREAM.CREATE.${s}`]);
}

/**
 * Each service's streams. The subjects it answers and the subjects it may call come from the
 * operation table (a row's `service` and `callers`): a service subscribes to its own rows only.
 */
/** The streams traces and read models are built from: the audit service and the replay tool read them all. */
export const REPLAYED_STREAMS = ['EVT_IAM', 'EVT_KMS', 'EVT_CSMS', 'EVT_KPS', 'EVT_HSM', 'AUDIT'] as const;

const SERVICES: Readonly<Partial<Record<ServiceName, ServiceGrant>>> = {
  kms: {
    rootKeyHolder: true,
    streams: ['EVT_KMS', 'KEYRING_KMS', 'KV_KMS_LEASES'],
    appendOnly: ['AUDIT'],
    writes: ['evt.kms.>', 'keyring.kms.>', 'audit.kms.>', '$KV.KMS_LEASES.>'],
  },
  csms: {
    rootKeyHolder: true,
    streams: ['EVT_CSMS', 'KEYRING_CSMS'],
    appendOnly: ['AUDIT'],
    writes: ['evt.csms.>', 'keyring.csms.>', 'audit.csms.>'],
  },
  kps: {
    rootKeyHolder: true,
    streams: ['EVT_KPS', 'KEYRING_KPS'],
    appendOnly: ['AUDIT'],
    writes: ['evt.kps.>', 'keyring.kps.>', 'audit.kps.>'],
  },
  // The HSM buckets and mirror: its control plane does the nodes' lease, state and mirror
  // operations, each within the instance a node's certificate names (docs/hsm-appliance.md).
  'hsm-provisioning': {
    rootKeyHolder: true,
    streams: ['EVT_HSM', streams.hsmMirror.name, `KV_${kvBuckets.hsmLease.name}`, `KV_${kvBuckets.hsmState.name}`],
    appendOnly: ['AUDIT'],
    writes: ['evt.hsm.>', 'audit.hsm-provisioning.>', ...streams.hsmMirror.subjects, `$KV.${kvBuckets.hsmLease.name}.>`, `$KV.${kvBuckets.hsmState.name}.>`],
  },
  // The audit service answers trace queries on `cts.*` (never `audit.*`: those subjects are the
  // AUDIT stream's, and a request there would be stored and acked by JetStream).
  // Nobody at run time changes a stream's configuration: the runner sets the AUDIT stream's max
  // age (the trail's retention) when it provisions the streams.
  audit: { streams: [], appendOnly: ['AUDIT'], reads: REPLAYED_STREAMS, writes: [] },
  // KV_IAM_SIGNATURES: signatures of single-use calls (create-access-key) already seen.
  iam: { rootKeyHolder: true, streams: ['EVT_IAM', 'KEYRING_IAM', 'KV_IAM_SIGNATURES'], writes: ['evt.iam.>', 'keyring.iam.>', '$KV.IAM_SIGNATURES.>'] },
};

export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

/** Whom a caller may ask which of its requests they hold: the services whose rows it may call (lost-requests.ts). */
function probesCallableBy(caller: string): string[] {
  const services = new Set(patternsCallableBy(caller).map((pattern) => operationOf(pattern)!.service));
  return [...services].map(subjects.inflight);
}

/** Whether the service holds the root key (its grant follows the key ring); audit does not. */
export const holdsRootKey = (service: string): boolean => SERVICES[service as ServiceName]?.rootKeyHolder === true;

export function servicePermissions(service: string): SubjectPermissions {
  const grant = SERVICES[service as ServiceName];
  if (!grant) throw new Error(`no NATS permissions defined for service ${service}`);
  return {
    publish: { allow: [...grant.writes, ...jetStreamApi(grant.streams), ...appendOnlyApi(grant.appendOnly ?? []), ...readOnlyApi(grant.reads ?? []), ...(grant.rootKeyHolder ? rootKeyRingApi(subjects.rootKeyReports(service)) : []), '$JS.API.INFO', ...patternsCallableBy(service), ...probesCallableBy(service)] },
    subscribe: { allow: [...operationsAnsweredBy(service as ServiceName).map((o) => o.pattern as string), `sys.health.${service}`, `sys.clock.advance.${service}`, `sys.models.${service}`, subjects.inflight(service), ownInbox(service)] },
    allowResponses: true,
  };
}

/** The NATS user a service reads and writes its streams with (see serviceStreamsPermissions). */
export const streamsUserOf = (service: string): string => `${service}-streams`;

/**
 * A service's second connection, for its streams: the same JetStream rights, no request subjects,
 * and no `allow_responses`. nats-server 2.9 remembers every reply subject delivered to a user
 * with `allow_responses` (each stream message carries one) and rescans that table on every new
 * message past 10 000 entries: consuming a busy stream on the request connection costs the server
 * O(n) per message (measured: 60 000 messages, 3 s of server CPU without, 49.5 s with).
 */
export function serviceStreamsPermissions(service: string): SubjectPermissions {
  return { publish: servicePermissions(service).publish, subscribe: { allow: [ownInbox(streamsUserOf(service))] }, allowResponses: false };
}

/** The gateway sends the rows it routes (and `iam.authenticate`), never an internal one. */
export const gatewayPermissions: SubjectPermissions = {
  publish: {
    allow: [...patternsCallableBy('gateway'), ...probesCallableBy('gateway'), 'sys.health.>', 'audit.gateway.>', '$JS.API.INFO', '$JS.API.STREAM.INFO.AUDIT', '$JS.API.STREAM.CREATE.AUDIT'],
  },
  subscribe: { allow: [ownInbox('gateway'), 'sys.health.gateway', 'sys.clock.advance.gateway', 'sys.models.gateway'] },
  allowResponses: true,
};

/**
 * Every stream whose configuration DEW declares (`streams`): the runner creates or updates them
 * before any service starts (deploy/local provision-streams.ts); services may only create a
 * missing one.
 */
export const PROVISIONED_STREAMS: readonly string[] = [...Object.values(streams).map((s) => s.name), ...Object.values(kvBuckets).map((b) => `KV_${b.name}`)];

function provisioningApi(streamNames: readonly string[]): string[] {
  return ['$JS.API.INFO', ...streamNames.flatMap((s) => [`$JS.API.STREAM.INFO.${s}`, `$JS.API.STREAM.CREATE.${s}`, `$JS.API.STREAM.UPDATE.${s}`])];
}

/** The local runner (and test harness): stream provisioning, health, bootstrap, the test clock and `dew root-key rotate`. */
export const runnerPermissions: SubjectPermissions = {
  publish: { allow: ['sys.health.>', 'sys.clock.advance.>', ...patternsCallableBy('runner'), ...probesCallableBy('runner'), ...provisioningApi(PROVISIONED_STREAMS), ...rootKeyRingApi(subjects.rootKeyRing)] },
  subscribe: { allow: [ownInbox('runner')] },
  allowResponses: false,
};

/**
 * The replay tool (`dew replay`): reads the streams (never changes them) and asks each service for
 * its read models at the cut; it can publish no request that changes anything.
 */
export const replayPermissions: SubjectPermissions = {
  publish: { allow: ['sys.models.>', '$JS.API.INFO', ...readOnlyApi(REPLAYED_STREAMS)] },
  subscribe: { allow: [ownInbox('replay')] },
  allowResponses: false,
};

/**
 * `dew backup`: JetStream snapshots of every provisioned stream (`$JS.SNAPSHOT.ACK.<stream>.…`
 * acknowledges each chunk) and the ROOT_KEY ring read to refuse a backup during a rotation
 * (docs/backup.md). Not a read-only user: a snapshot request names the subject its chunks are
 * delivered to and nats-server publishes them there unchecked, into a stream too — its password
 * is kept like the runner's (docs/bus-security.md, "Subjects the server publishes to").
 */
export const backupPermissions: SubjectPermissions = {
  publish: {
    allow: ['$JS.API.INFO', ...readOnlyApi([streams.rootKey.name]), ...PROVISIONED_STREAMS.flatMap((s) => [`$JS.API.STREAM.INFO.${s}`, `$JS.API.STREAM.SNAPSHOT.${s}`, `$JS.SNAPSHOT.ACK.${s}.>`])],
  },
  subscribe: { allow: [ownInbox('backup')] },
  allowResponses: false,
};

/**
 * `dew restore` only, on the nats-server it starts alone on an empty data dir: also creates the
 * streams from their snapshots. A running system's config never grants it: a restore names the
 * stream's configuration, subjects included (docs/bus-security.md "Stream configuration").
 */
export const restorePermissions: SubjectPermissions = {
  ...backupPermissions,
  publish: { allow: [...backupPermissions.publish.allow, ...PROVISIONED_STREAMS.flatMap((s) => [`$JS.API.STREAM.RESTORE.${s}`, `$JS.SNAPSHOT.RESTORE.${s}.>`])] },
};

/** Every NATS user DEW's own processes connect as, with its permissions (the bench user aside). */
export function allUserPermissions(): Readonly<Record<string, SubjectPermissions>> {
  return {
    gateway: gatewayPermissions,
    runner: runnerPermissions,
    replay: replayPermissions,
    backup: backupPermissions,
    ...Object.fromEntries(SERVICE_NAMES.flatMap((s) => [[s, servicePermissions(s)], [streamsUserOf(s), serviceStreamsPermissions(s)]])),
  };
}
