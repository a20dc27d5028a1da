import { signSdkHmacSha256 } from '@dew/aksk';

export interface ApiCredentials {
  readonly endpoint: string;
  readonly project_id: string;
  readonly domain_id: string;
  readonly access: string;
  readonly secret: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}: ${JSON.stringify(body)}`);
  }
}

/** A signed call to the gateway (SDK-HMAC-SHA256, the way the SDKs sign), for the admin CLI. */
export async function callApi<T>(creds: ApiCredentials, method: string, path: string, body?: object): Promise<T> {
  const url = new URL(path, creds.endpoint);
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', host: url.host, 'x-project-id': creds.project_id };
  const signed = signSdkHmacSha256({ method, url: url.pathname + url.search, headers, body: text }, { accessKey: creds.access, secretKey: creds.secret }, new Date());
  const { host: _host, ...send } = signed.headers;
  const res = await fetch(url, { method, headers: send, ...(text ? { body: text } : {}) });
  const raw = await res.text();
  const parsed: unknown = raw ? JSON.parse(raw) : {};
  if (!res.ok) throw new ApiError(res.status, parsed);
  return parsed as T;
}
