import type { ErrorStyle, HttpMethod, RouteSpec } from './route.js';

/** Builds a route of a service whose paths sit under one prefix; each table file uses one of these. */
export function routeBuilder(style: ErrorStyle, service: string, prefix: string, projectScoped: boolean) {
  return (method: HttpMethod, path: string, verb: string, action: string, extra: Partial<RouteSpec> = {}): RouteSpec => ({
    method,
    path: path ? `${prefix}/${path}` : prefix,
    subject: `${service}.${verb}`,
    action,
    style,
    projectScoped,
    ...extra,
  });
}
