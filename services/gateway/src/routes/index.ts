import { derivedRoutes } from './derived.js';
import type { RouteSpec } from './route.js';

/** The route table: every HTTP route with its IAM action, derived from the operation table (docs/architecture.md, "Operations"). */
export const allRoutes: readonly RouteSpec[] = derivedRoutes;

/** The routes of one service's error family (tests and the path-style resolver pick them by family). */
export const routesOfFamily = (family: RouteSpec['style']): readonly RouteSpec[] => allRoutes.filter((r) => r.style === family);

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
