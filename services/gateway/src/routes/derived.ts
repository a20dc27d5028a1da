import { OPERATIONS, type Operation } from '@dew/contracts';
import type { RouteSpec } from './route.js';

/** The gateway's routes of one operation row: one per path (docs/architecture.md, "Operations"). */
export function routesOf(op: Operation): RouteSpec[] {
  const { http, permission, pattern } = op;
  if (!http || !pattern) return [];
  return http.paths.map((path) => ({
    method: http.method,
    path,
    subject: pattern,
    action: permission?.action ?? '',
    style: op.family,
    operation: op,
    ...(op.dto && http.edgeShape ? { dto: op.dto } : {}),
    ...(http.access !== 'action' ? { access: http.access } : {}),
    successStatus: http.successStatus,
    grantCoverable: op.flags.grantCoverable,
    ...(op.flags.singleUseSignature ? { singleUseSignature: true } : {}),
    ...(op.flags.keyByAlias ? { keyByAlias: true } : {}),
    ...(op.flags.keyFromCiphertext ? { keyFromCiphertext: op.flags.keyFromCiphertext } : {}),
    ...(op.flags.keyIdWhenAsymmetric ? { keyIdWhenAsymmetric: true } : {}),
    ...(op.flags.secondKey ? { secondKey: op.flags.secondKey } : {}),
    ...(op.flags.onKey ? { onKey: true } : {}),
    ...(op.flags.keyField ? { keyField: op.flags.keyField } : {}),
    ...(op.flags.arrayBody ? { arrayBody: op.flags.arrayBody } : {}),
    projectScoped: http.projectScoped,
  }));
}

/** Every HTTP route, derived from the operation table. */
export const derivedRoutes: readonly RouteSpec[] = OPERATIONS.flatMap(routesOf);
