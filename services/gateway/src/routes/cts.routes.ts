import { routeBuilder } from './http-route.js';
import type { RouteSpec } from './route.js';

const cts = routeBuilder('cts', 'cts', '/v3/:project_id', true);

/** API.md §8: CTS trace queries, answered by the audit service. */
export const ctsRoutes: readonly RouteSpec[] = [cts('GET', 'traces', 'list-traces', 'cts:trace:list')];
