import type { Access, ErrorFamily, HttpMethod, Operation, SecondKey, ShapeErrorCodes } from '@dew/contracts';

export type { Access, HttpMethod };
/** Error body shape and code family of the service behind the route (docs/api-decisions.md, "Error families"). */
export type ErrorStyle = ErrorFamily;

/** One HTTP route of an operation row (routes/derived.ts); fields copied from the row for the hot path. */
export interface RouteSpec {
  /** The row it comes from (absent only on the bench echo). */
  readonly operation?: Operation;
  readonly method: HttpMethod;
  /** Fastify path, e.g. `/v1.0/:project_id/kms/create-key`. */
  readonly path: string;
  /** NATS request subject of the service that answers it. */
  readonly subject: string;
  /** IAM action checked for the caller: the operation's own action (docs/authorization.md). */
  readonly action: string;
  readonly style: ErrorStyle;
  /** Request shape checked at the edge (the service checks it again). */
  readonly dto?: new () => object;
  readonly shapeCodes?: ShapeErrorCodes;
  readonly access?: Access;
  /** 201 for IAM creates, 204 for the calls Huawei documents as No Content. */
  readonly successStatus?: 200 | 201 | 204;
  /** Operations a KMS grant can cover: an IAM NoAllow goes on to kms as a flag (docs/architecture.md, "Authorization"). */
  readonly grantCoverable?: boolean;
  /**
   * A second use of the same signature is refused with 409 (create-access-key, whose answer is a
   * credential). Every other signature is valid within its date window (docs/bus-security.md).
   */
  readonly singleUseSignature?: boolean;
  /** Its `key_id` may name an alias, resolved before IAM is asked (http/alias-target.ts). */
  readonly keyByAlias?: true;
  /**
   * Decrypts whose key is named by the ciphertext's header (docs/ciphertext.md), in this text
   * encoding: IAM is asked about that key, whether or not the body names one.
   */
  readonly keyFromCiphertext?: 'base64' | 'hex';
  /** The row's `keyIdWhenAsymmetric`: an asymmetric `encryption_algorithm` names its key by `key_id`. */
  readonly keyIdWhenAsymmetric?: true;
  /** A second key named by a body field, with its own action (re-encrypt's destination key). */
  readonly secondKey?: SecondKey;
  /** The operation acts on the one key it names (the row's `onKey`): an IAM NoAllow on it goes on to kms, whose key policy may allow it. */
  readonly onKey?: boolean;
  /** The body field naming the key when it is not `key_id` (the row's `keyField`). */
  readonly keyField?: string;
  /**
   * The body is a JSON array of objects (KPS batch calls); it travels to the service as `items`.
   * Every other route takes a JSON object.
   */
  readonly arrayBody?: { readonly maxItems: number };
  /** Routes outside a project (IAM auth, version discovery) skip the project check. */
  readonly projectScoped?: boolean;
}
