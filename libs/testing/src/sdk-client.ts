import { AsyncLocalStorage } from 'node:async_hooks';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { signSdkHmacSha256 } from '@dew/aksk';

/** What a test sees of one API call, whether it succeeded or was refused. */
export interface ApiResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  /**
   * The service's code (undefined on success): what the SDK's own error parser found, except for
   * a Keystone-style IAM body, whose `error.code` is the HTTP status and whose IAM code stands
   * beside it as `error_code`.
   */
  readonly errorCode?: string;
  readonly errorMsg?: string;
  readonly requestId?: string;
  /** The refusal's body exactly as received (undefined on success). */
  readonly errorBody?: Record<string, unknown>;
}

export interface ApiCredentials {
  readonly access: string;
  readonly secret: string;
  readonly project_id: string;
}

interface HcClientLike {
  sendRequest(options: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The core's HTTP client; its refusals carry the body the SDK's parser then reduces to a code. */
  httpClient?: { sendRequest(request: unknown): Promise<unknown> };
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

/** The body of the refusal the current call received, kept per call (calls may run concurrently). */
const refusalBodies = new AsyncLocalStorage<{ body?: Record<string, unknown> }>();

/** Keeps the body of a refused call before the SDK's error parser drops it; the request is not touched. */
function keepRefusalBodies(client: HcClientLike): void {
  const http = client.httpClient;
  if (!http) return;
  const send = http.sendRequest.bind(http);
  http.sendRequest = async (request) => {
    try {
      return await send(request);
    } catch (err) {
      const slot = refusalBodies.getStore();
      const data = (err as { data?: unknown }).data;
      if (slot && data !== null && typeof data === 'object') slot.body = data as Record<string, unknown>;
      throw err;
    }
  };
}

/**
 * Calls the API through the public Huawei Cloud Node SDK core (its signer, its HTTP client, its
 * error parser), so a passing test proves an unchanged SDK works against DEW.
 */
export class SdkClient {
  readonly #client: HcClientLike;

  constructor(endpoint: string, creds: ApiCredentials) {
    const credential = new BasicCredentials().withAk(creds.access).withSk(creds.secret).withProjectId(creds.project_id);
    this.#client = new ClientBuilder((c) => c).withCredential(credential).withEndpoint(endpoint).build();
    keepRefusalBodies(this.#client);
  }

  /**
   * `path` may hold `{project_id}`, which the SDK fills from the credentials. The options are those
   * the SDK's generated clients and its own IAM look-ups pass: `data` always (`{}` without a body,
   * which the core signs and sends on GET and drops on DELETE), JSON content types as generated.
   */
  async call<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: object, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
    // The SDK signs its queryParams object, not a query written into the URL.
    const [url = path, query = ''] = path.split('?');
    const queryParams = Object.fromEntries(new URLSearchParams(query));
    const slot: { body?: Record<string, unknown> } = {};
    try {
      const res = await refusalBodies.run(slot, () =>
        this.#client.sendRequest({
          method,
          url,
          contentType: method === 'POST' || method === 'PUT' || method === 'PATCH' ? 'application/json;charset=UTF-8' : 'application/json',
          headers,
          pathParams: {},
          queryParams,
          data: body ?? {},
        }),
      );
      const { httpStatusCode, ...rest } = res;
      return { status: Number(httpStatusCode), body: rest as T };
    } catch (err) {
      const e = err as { httpStatusCode?: number; errorCode?: string | number; errorMsg?: string; requestId?: string; status?: number };
      if (e.httpStatusCode === undefined) throw err;
      const errorCode = serviceCode(e.errorCode, slot.body);
      return {
        status: e.httpStatusCode,
        body: {} as T,
        ...(errorCode !== undefined ? { errorCode } : {}),
        ...(e.errorMsg !== undefined ? { errorMsg: e.errorMsg } : {}),
        ...(e.requestId !== undefined ? { requestId: e.requestId } : {}),
        ...(slot.body !== undefined ? { errorBody: slot.body } : {}),
      };
    }
  }

  kms<T = Record<string, unknown>>(verb: string, body: object = {}): Promise<ApiResult<T>> {
    return this.call<T>('POST', `/v1.0/{project_id}/kms/${verb}`, body);
  }
}

/** The SDK's code, or for a Keystone body (numeric `error.code`) the `error_code` beside it. */
function serviceCode(sdkCode: string | number | undefined, body: Record<string, unknown> | undefined): string | undefined {
  if (typeof sdkCode === 'number' && typeof body?.error_code === 'string') return body.error_code;
  return sdkCode === undefined ? undefined : String(sdkCode);
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
  // fetch refuses a body on GET; the SDKs send one there (`{}`), so such requests go out through node:http.
  if (bytes.length > 0 && (method === 'GET' || method === 'HEAD')) return sendWithBody(url, method, headers, bytes);
  return readResponse(await fetch(url, { method, headers, ...(bytes.length > 0 ? { body: bytes } : {}) }));
}

function sendWithBody(url: URL, method: string, headers: Record<string, string>, body: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
        resolve(readResponse(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: responseHeaders })));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
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
