import { routeBuilder } from './http-route.js';
import type { RouteSpec } from './route.js';

const cts = routeBuilder('cts', 'cts', '/v3/:project_id', true);

/** CTS trace queries (docs/cts-traces.md), answered by the audit service. */
export const ctsRoutes: readonly RouteSpec[] = [cts('GET', 'traces', 'list-traces', 'cts:trace:list')];
