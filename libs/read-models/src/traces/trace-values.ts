/**
 * Trace fields computed from a record's own values, with no import of a domain: the replay's
 * worker threads load this module and not the packages' indexes (docs/performance.md "Replay,
 * round 4"). trace-fields.ts binds the default enterprise project.
 */

/** The API path (without endpoint) that shows a resource, for the resource types that have one. */
export function resourceUrl(resourceType: string, resourceId: string, resourceName: string, projectId: string): string {
  if (!resourceId) return '';
  switch (resourceType) {
    case 'secret':
      return resourceName && projectId ? `/v1/${projectId}/secrets/${encodeURIComponent(resourceName)}` : '';
    case 'user':
      return `/v3/users/${resourceId}`;
    case 'group':
      return `/v3/groups/${resourceId}`;
    case 'policy':
      return `/v3.0/OS-ROLE/roles/${resourceId}`;
    case 'credential':
      return `/v3.0/OS-CREDENTIAL/credentials/${resourceId}`;
    case 'project':
      return `/v3/projects/${resourceId}`;
    default:
      // Keys (no GET names one key), domains, random numbers: no page of their own.
      return '';
  }
}

/** `createKey` → `CreateKey`: the API operation a trace records. */
export const operationId = (traceName: string): string => traceName.charAt(0).toUpperCase() + traceName.slice(1);

/** The enterprise project a trace falls in: the resource's own, else `defaultId`; none for account-wide traces. */
export function enterpriseProjectIn(projectId: string, own: string | undefined, defaultId: string): string {
  if (!projectId) return '';
  return own ?? defaultId;
}
