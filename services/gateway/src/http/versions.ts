/**
 * Version discovery of the KMS API (docs/api-decisions.md, "Version discovery"): `GET /` lists
 * the versions, `GET /{version_id}` describes one. Served by the gateway itself, without
 * credentials, as the cloud does.
 */
export interface ApiVersionDetail {
  readonly id: string;
  readonly links: readonly { readonly href: string; readonly rel: string }[];
  readonly version: string;
  readonly status: 'CURRENT' | 'SUPPORTED' | 'DEPRECATED';
  readonly updated: string;
  readonly min_version: string;
}

/** The versions DEW serves: KMS v1.0 only (no `/v2` routes). */
const SERVED = [{ id: 'v1.0', status: 'CURRENT', updated: '2024-01-01T00:00:00Z' }] as const;

export const VERSION_IDS: readonly string[] = SERVED.map((v) => v.id);

function detail(served: (typeof SERVED)[number], origin: string): ApiVersionDetail {
  return {
    id: served.id,
    links: [{ href: `${origin}/${served.id}`, rel: 'self' }],
    version: '',
    status: served.status,
    updated: served.updated,
    min_version: '',
  };
}

/** `{versions:[…]}` with links under `origin` (scheme://host[:port] the caller used). */
export function versionList(origin: string): { versions: ApiVersionDetail[] } {
  return { versions: SERVED.map((v) => detail(v, origin)) };
}

/** `{version:{…}}`, or null for an id DEW does not serve. */
export function versionOf(id: string, origin: string): { version: ApiVersionDetail } | null {
  const served = SERVED.find((v) => v.id === id);
  return served ? { version: detail(served, origin) } : null;
}
