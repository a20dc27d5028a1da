import { createRequire } from 'node:module';
import { signSdkHmacSha256 } from '@dew/aksk';

/** What a test sees of one API call, whether it succeeded or was refused. */
export interface ApiResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  /** Code and message as the SDK's own error parser found them (undefined on success). */
  readonly errorCode?: string;
  readonly errorMsg?: string;
  readonly requestId?: string;
}

export interface ApiCredentials {
  readonly access: string;
  readonly secret: string;
  readonly project_id: string;
}

interface HcClientLike {
  sendRequest(options: Record<string, unknown>): Promise<Record<string, unknown>>;
}

const require = createRequire(import.meta.url);
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core') as {
  BasicCredentials: new () => { withAk(ak: string): { withSk(sk: string): { withProjectId(p: string): unknown } } };
};
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js') as {
  ClientBuilder: new (init: (c: HcClientLike) => HcClientLike) => {
    withCredential(c: unknown): { withEndpoint(e: string): { build(): HcClientLike } };
  };
};

// The SDK logs every refused call (headers included) at ERROR through log4js; tests assert on the
// refusals instead, so its console output is switched off.
(require('log4js') as { getLogger(): { level: string } }).getLogger().level = 'off';

/**
 * Calls the API through the public Huawei Cloud Node SDK core (its signer, its HTTP client, its
 * error parser), so a passing test proves an unchanged SDK works against DEW.
 */
export class SdkClient {
  readonly #client: HcClientLike;

  constructor(endpoint: string, creds: ApiCredentials) {
    const credential = new BasicCredentials().withAk(creds.access).withSk(creds.secret).withProjectId(creds.project_id);
    this.#client = new ClientBuilder((c) => c).withCredential(credential).withEndpoint(endpoint).build();
  }

  /** `path` may hold `{project_id}`, which the SDK fills from the credentials. */
  async call<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: object, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
    // The SDK signs its queryParams object, not a query written into the URL.
    const [url = path, query = ''] = path.split('?');
    const queryParams = Object.fromEntries(new URLSearchParams(query));
    try {
      const res = await this.#client.sendRequest({
        method,
        url,
        contentType: method === 'POST' || method === 'PUT' || method === 'PATCH' ? 'application/json;charset=UTF-8' : 'application/json',
        headers,
        pathParams: {},
        queryParams,
        ...(body !== undefined ? { data: body } : {}),
      });
      const { httpStatusCode, ...rest } = res;
      return { status: Number(httpStatusCode), body: rest as T };
    } catch (err) {
      const e = err as { httpStatusCode?: number; errorCode?: string; errorMsg?: string; requestId?: string; status?: number };
      if (e.httpStatusCode === undefined) throw err;
      return {
        status: e.httpStatusCode,
        body: {} as T,
        ...(e.errorCode !== undefined ? { errorCode: e.errorCode } : {}),
        ...(e.errorMsg !== undefined ? { errorMsg: e.errorMsg } : {}),
        ...(e.requestId !== undefined ? { requestId: e.requestId } : {}),
      };
    }
  }

  kms<T = Record<string, unknown>>(verb: string, body: object = {}): Promise<ApiResult<T>> {
    return this.call<T>('POST', `/v1.0/{project_id}/kms/${verb}`, body);
  }
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown> | null;
}

/**
 * Signed requests with exact control over the bytes (malformed JSON, oversized bodies, another
 * project in the path), signed the way the SDKs sign.
 */
export async function rawSignedRequest(
  endpoint: string,
  creds: ApiCredentials,
  method: string,
  path: string,
  body: string | Buffer = '',
  opts: { readonly date?: Date; readonly headers?: Record<string, string>; readonly sign?: boolean } = {},
): Promise<RawResponse> {
  const url = new URL(path, endpoint);
  const headers: Record<string, string> = { 'content-type': 'application/json', host: url.host, 'x-project-id': creds.project_id, ...opts.headers };
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (opts.sign !== false) {
    const signed = signSdkHmacSha256({ method, url: url.pathname + url.search, headers, body: bytes }, { accessKey: creds.access, secretKey: creds.secret }, opts.date ?? new Date());
    Object.assign(headers, signed.headers);
  }
  delete headers.host;
  return readResponse(await fetch(url, { method, headers, ...(bytes.length > 0 ? { body: bytes } : {}) }));
}

async function readResponse(res: Response): Promise<RawResponse> {
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** An unsigned request carrying an IAM token (`X-Auth-Token`), or nothing at all. */
export async function tokenRequest(endpoint: string, method: string, path: string, body?: object, headers: Record<string, string> = {}): Promise<RawResponse> {
  return readResponse(
    await fetch(new URL(path, endpoint), {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );
}
