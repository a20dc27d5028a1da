import { kmsRoutes } from './kms.routes.js';
import type { RouteSpec } from './route.js';

export const allRoutes: readonly RouteSpec[] = [...kmsRoutes];
