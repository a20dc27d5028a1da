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

/**
 * Benchmarks only (DEW_BENCH_ECHO=1): no signature, no IAM decision — the gateway's own fixed cost
 * (HTTP, body parse, one NATS round trip to the same echo responder), `bare-echo` in `make bench`.
 */
export const benchBareEchoRoute: RouteSpec = {
  method: 'POST',
  path: '/v1.0/:project_id/bench/bare-echo',
  subject: 'bench.echo',
  action: '',
  style: 'kms',
  access: 'public',
  projectScoped: true,
};

/** The routes the gateway serves: the table, plus the two bench echoes only when DEW_BENCH_ECHO=1. */
export const servedRoutes = (env: Readonly<Record<string, string | undefined>>): readonly RouteSpec[] =>
  env.DEW_BENCH_ECHO === '1' ? [...allRoutes, benchEchoRoute, benchBareEchoRoute] : allRoutes;
