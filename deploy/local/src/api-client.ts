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

/** Who calls: an AK/SK pair (signed as the SDKs sign) or an IAM token (X-Auth-Token). */
export type Caller = { readonly access: string; readonly secret: string } | { readonly token: string };

export interface SendRequest {
  readonly method: string;
  /** Path and query. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One call to the gateway, signed SDK-HMAC-SHA256 (or carrying a token); the answer's status and text. */
export async function sendToGateway(endpoint: string, projectId: string | undefined, caller: Caller, req: SendRequest): Promise<{ status: number; text: string; headers: Headers }> {
  const url = new URL(req.url, endpoint);
  const headers: Record<string, string> = { ...req.headers, host: url.host, ...(projectId ? { 'x-project-id': projectId } : {}) };
  const signed: { headers: Record<string, string> } = 'token' in caller
    ? { headers: { ...headers, 'x-auth-token': caller.token } }
    : signSdkHmacSha256({ method: req.method, url: url.pathname + url.search, headers, body: req.body }, { accessKey: caller.access, secretKey: caller.secret }, new Date());
  const { host: _host, ...send } = signed.headers;
  const res = await fetch(url, { method: req.method, headers: send, ...(req.body ? { body: req.body } : {}) });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** A signed JSON call to the gateway for the admin conveniences (`dew admin`). */
export async function callApi<T>(creds: ApiCredentials, method: string, path: string, body?: object): Promise<T> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const res = await sendToGateway(creds.endpoint, creds.project_id, creds, { method, url: path, headers: { 'content-type': 'application/json' }, body: text });
  const parsed: unknown = res.text ? JSON.parse(res.text) : {};
  if (res.status >= 400) throw new ApiError(res.status, parsed);
  return parsed as T;
}
