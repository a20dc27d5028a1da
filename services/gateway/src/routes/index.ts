import { csmsRoutes } from './csms.routes.js';
import { ctsRoutes } from './cts.routes.js';
import { iamRoutes } from './iam.routes.js';
import { kmsRoutes } from './kms.routes.js';
import { kpsRoutes } from './kps.routes.js';
import type { RouteSpec } from './route.js';

/** The route table: every HTTP route with its IAM action (docs/architecture.md, "Operations"). */
export const allRoutes: readonly RouteSpec[] = [...kmsRoutes, ...csmsRoutes, ...kpsRoutes, ...ctsRoutes, ...iamRoutes];

/**
 * Benchmarks only (DEW_BENCH_ECHO=1): the same signed, authorised path as every route, ending in
 * one NATS round trip to an echo responder — the baseline `make bench` compares crypto calls to.
 */
export const benchEchoRoute: RouteSpec = {
  method: 'POST',
  path: '/v1.0/:project_id/bench/echo',
  subject: 'bench.echo',
  action: 'kms:cmk:list',
  style: 'kms',
  projectScoped: true,
};
