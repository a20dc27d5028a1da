/** A host as an HTTP client may send it: name or IP literal, optional port. */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The address the caller reached the gateway at (`http://127.0.0.1:8080`), from the Host header
 * (X-Forwarded-* only from a trusted proxy, docs/bus-security.md); null when the host is not one.
 */
export function baseUrlOf(protocol: string, host: string | undefined): string | null {
  if (host === undefined || !HOST.test(host) || (protocol !== 'http' && protocol !== 'https')) return null;
  return `${protocol}://${host}`;
}

const LINK_KEYS = ['self', 'previous', 'next'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const absolute = (base: string, v: unknown) => (typeof v === 'string' && v.startsWith('/') ? `${base}${v}` : v);

function absoluteLinks(links: Record<string, unknown>, base: string): Record<string, unknown> {
  const out = { ...links };
  for (const key of LINK_KEYS) if (key in out) out[key] = absolute(base, out[key]);
  return out;
}

function absoluteCatalog(catalog: unknown[], base: string): unknown[] {
  return catalog.map((service) =>
    isRecord(service) && Array.isArray(service.endpoints)
      ? { ...service, endpoints: service.endpoints.map((e) => (isRecord(e) ? { ...e, url: absolute(base, e.url) } : e)) }
      : service,
  );
}

/**
 * IAM answers with paths; Keystone answers with absolute URLs. Every `links` object (self,
 * previous, next) and the token catalog's endpoint URLs get the caller's base; other values,
 * policy documents included, are left as they are.
 */
export function withAbsoluteUrls(body: unknown, base: string): unknown {
  if (Array.isArray(body)) return body.map((item) => withAbsoluteUrls(item, base));
  if (!isRecord(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'links' && isRecord(value)) out[key] = absoluteLinks(value, base);
    else if (key === 'catalog' && Array.isArray(value)) out[key] = absoluteCatalog(value, base);
    else if (key === 'policy') out[key] = value;
    else out[key] = withAbsoluteUrls(value, base);
  }
  return out;
}
