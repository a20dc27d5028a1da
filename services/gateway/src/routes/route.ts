import type { ShapeErrorCodes } from '@dew/contracts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** Error body shape of the service behind the route (API.md §0). */
export type ErrorStyle = 'kms' | 'csms' | 'iam';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** Fastify path, e.g. `/v1.0/:project_id/kms/create-key`. */
  readonly path: string;
  /** NATS request subject of the service that answers it. */
  readonly subject: string;
  /** IAM action checked for the caller (API.md §9, Version 1.1 names). */
  readonly action: string;
  readonly style: ErrorStyle;
  /** Request shape checked at the edge (the service checks it again). */
  readonly dto?: new () => object;
  readonly shapeCodes?: ShapeErrorCodes;
  /** 204 for the calls API.md says answer No Content. */
  readonly successStatus?: 200 | 204;
  /** Refuses a reused signature (replay guard) on calls that create something each time. */
  readonly changesState?: boolean;
  /** Routes outside a project (IAM auth, version discovery) skip the project check. */
  readonly projectScoped?: boolean;
}
