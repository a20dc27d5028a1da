import type { ErrorFamily } from '../json-limits.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** The processes that answer or call operations on the bus (their NATS users). */
export type ServiceName = 'kms' | 'csms' | 'iam' | 'audit' | 'kps' | 'hsm' | 'hsm-provisioning';
export type Caller = 'gateway' | 'runner' | ServiceName;

/**
 * How a route is authorised: `action` checks the IAM action; `authenticated` needs only a valid
 * caller (token validation, the caller's own domains and projects); `public` needs nothing (the
 * password login that issues tokens).
 */
export type Access = 'action' | 'authenticated' | 'public';

export interface HttpBinding {
  readonly method: HttpMethod;
  /** Fastify paths, e.g. `/v1.0/:project_id/kms/create-key`. */
  readonly paths: readonly string[];
  /** 201 for IAM creates, 204 for the calls Huawei documents as No Content. */
  readonly successStatus: 200 | 201 | 204;
  /** Routes outside a project (IAM auth, version discovery) skip the project check. */
  readonly projectScoped: boolean;
  readonly access: Access;
  /** The gateway checks the body against the DTO before forwarding (the service checks it again). */
  readonly edgeShape: boolean;
}

/** Who an operation is authorised against: the IAM action and the kind of resource it touches. */
export interface Permission {
  /** The operation's own fine-grained action (docs/authorization.md). */
  readonly action: string;
  readonly resource: ResourceKind;
}

export type ResourceKind = 'cmk' | 'keystore' | 'grant' | 'secret' | 'keypair' | 'task' | 'server' | 'hsm' | 'trace' | 'user' | 'group' | 'policy' | 'credential' | 'project' | 'domain' | 'token' | 'none';

/** The trace of one event type, where it is filed under another resource type than its operation's. */
export interface EventTrace {
  readonly name: string;
  readonly resourceType: string;
}

/** Its CTS trace: the name Huawei's trace list shows and the resource type it files it under (docs/cts-traces.md). */
export interface TraceSpec {
  readonly name: string;
  readonly resourceType: string;
  /**
   * State changes are traced from their events: each event type this operation appends, with the
   * trace name it is shown under (usually `name`; an update that enables a user is `enableUser`).
   */
  readonly events?: Readonly<Record<string, string | EventTrace>>;
}

export interface SecondKey {
  /** The body field that names it: `destination_key_id`. */
  readonly field: string;
  readonly action: string;
  /** The operation name its grants and key policy are asked about: `encrypt-data`. */
  readonly operation: string;
}

export interface OperationFlags {
  /** It appends events (a read never does). */
  readonly changesState: boolean;
  /** A KMS grant can allow it on one key without any IAM policy (docs/authorization.md, "Grants"). */
  readonly grantCoverable: boolean;
  /** A read that leaves an AUDIT record (crypto calls, reads of secret values). */
  readonly auditedRead: boolean;
  /** A second use of the same signature is refused (its answer is a credential; docs/bus-security.md). */
  readonly singleUseSignature: boolean;
  /**
   * It appends no event but leaves a mark elsewhere (a KV entry, a signed certificate), so it is not
   * sent again when its replica was lost (docs/architecture.md, "A replica killed mid-request").
   */
  readonly sideEffectsBeyondEvents?: true;
  /** Its `key_id` may be an alias: the gateway asks IAM about, and sends on, the key it names (docs/authorization.md). */
  readonly keyByAlias?: true;
  /** Decrypts whose key the ciphertext's header names, in this text encoding (docs/ciphertext.md). */
  readonly keyFromCiphertext?: 'base64' | 'hex';
  /**
   * With an asymmetric `encryption_algorithm` the key is the body's `key_id`, not the header's
   * (decrypt-data of an RSA/SM2 ciphertext, which has no header). Only rows that accept such an
   * algorithm set it: elsewhere the field would be dropped by validation after IAM was asked.
   */
  readonly keyIdWhenAsymmetric?: true;
  /**
   * A second key the operation touches, named by a body field, and the action checked on it
   * (re-encrypt's destination key). IAM decides on both keys in the same round trip; the key's
   * grants and key policy decide a NoAllow in kms (docs/authorization.md, "Two keys").
   */
  readonly secondKey?: SecondKey;
  /**
   * It acts on the one key its request names (`key_id`): a key policy on that key may allow it
   * where IAM does not, and may deny it where IAM allows (docs/authorization.md, "Key policies").
   */
  readonly onKey?: boolean;
  /** The body field naming that key when it is not `key_id` (associate-alias: `target_key_id`). */
  readonly keyField?: string;
  /**
   * Its handler finds the key in whichever project holds it (KeyAccess), so a key policy of another
   * domain's key may allow it; the guard leaves a key outside the caller's project to the handler.
   */
  readonly keyOfAnyProject?: true;
  /** The body is a JSON array of objects that travels to the service as `items` (KPS batch calls). */
  readonly arrayBody?: { readonly maxItems: number };
}

/**
 * One operation, declared once (docs/architecture.md, "Operations"): the gateway's route, the
 * service's handler registration, the permission table, the NATS permissions and the trace name
 * all derive from this row. `Req` is the request DTO, `Rep` the reply type.
 */
export interface Operation<Req extends object = object, Rep = unknown> {
  /** Kebab-case name, the verb of its subject: `encrypt-data`. */
  readonly name: string;
  readonly service: ServiceName;
  /** The NATS request subject its service answers on; none for work only a scheduler does. */
  readonly pattern?: string;
  readonly http?: HttpBinding;
  readonly permission?: Permission;
  readonly dto?: new () => Req;
  /** Only a type: the shape the service answers with. */
  readonly reply?: Rep;
  readonly family: ErrorFamily;
  readonly trace?: TraceSpec;
  readonly flags: OperationFlags;
  /** Who may send it on the bus (NATS publish permissions and the services' reply guard). */
  readonly callers: readonly Caller[];
  /**
   * Its service answers it. A row that is routed but not built yet answers 503 (no responder):
   * it is authenticated and authorised like every route, so its permission is already in force.
   */
  readonly served: boolean;
}

/** The request type of an operation row. */
export type RequestOf<O> = O extends Operation<infer Req, unknown> ? Req : never;
/** The reply type of an operation row. */
export type ReplyOf<O> = O extends Operation<object, infer Rep> ? Rep : never;

const NO_FLAGS: OperationFlags = { changesState: false, grantCoverable: false, auditedRead: false, singleUseSignature: false };

export interface OperationOptions<Req extends object> {
  readonly http?: { readonly method: HttpMethod; readonly paths: readonly string[]; readonly successStatus?: 200 | 201 | 204; readonly access?: Access };
  readonly permission?: Permission;
  readonly dto?: new () => Req;
  /** See HttpBinding.edgeShape. */
  readonly edgeShape?: boolean;
  readonly trace?: TraceSpec;
  readonly flags?: Partial<OperationFlags>;
  /** Bus callers; an operation with an HTTP binding is always callable by the gateway. */
  readonly callers?: readonly Caller[];
  /** Work no request triggers (a scheduler's): it has a trace but no subject. */
  readonly scheduled?: boolean;
  /** Routed, not built yet (see Operation.served). */
  readonly notServedYet?: boolean;
}

/** A table builder for one service: its subject prefix, error family and whether its paths carry a project. */
export function operationsOf(service: ServiceName, subjectPrefix: string, family: ErrorFamily, projectScoped: boolean) {
  return <Req extends object = object, Rep = unknown>(name: string, o: OperationOptions<Req> = {}): Operation<Req, Rep> => ({
    name,
    service,
    ...(o.scheduled ? {} : { pattern: `${subjectPrefix}.${name}` }),
    ...(o.http
      ? { http: { method: o.http.method, paths: o.http.paths, successStatus: o.http.successStatus ?? 200, projectScoped, access: o.http.access ?? 'action', edgeShape: o.edgeShape ?? false } }
      : {}),
    ...(o.permission ? { permission: o.permission } : {}),
    ...(o.dto ? { dto: o.dto } : {}),
    family,
    ...(o.trace ? { trace: o.trace } : {}),
    flags: { ...NO_FLAGS, ...o.flags },
    callers: [...new Set<Caller>([...(o.http ? ['gateway' as const] : []), ...(o.callers ?? [])])],
    served: !o.notServedYet && !o.scheduled,
  });
}

/** The trace and flags of an operation that appends `events`, each traced as `name`. */
export function stateChange(resourceType: string, name: string, ...events: string[]): { trace: TraceSpec; flags: { changesState: true } } {
  return { trace: { name, resourceType, events: Object.fromEntries(events.map((e) => [e, name])) }, flags: { changesState: true } };
}
