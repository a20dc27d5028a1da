import { request as httpRequest } from 'node:http';
import { signSdkHmacSha256 } from '@dew/aksk';
import { MAX_JSON_BYTES } from '@dew/contracts';
import type { ApiCredentials } from '../sdk-client.js';
import type { FuzzRequest } from './request-arbitrary.js';

/** Where the fuzzer sends, and as whom. */
export interface FuzzTarget {
  readonly endpoint: string;
  readonly credentials: ApiCredentials;
}

export interface FuzzResponse {
  readonly status: number;
  readonly text: string;
  readonly json: unknown;
}

/** An answer that never comes is a finding too (a hung or crashed process). */
const ANSWER_WITHIN_MS = 60_000;

const ATTEMPTS = 3;

/**
 * Sends the request signed as the SDKs sign (SDK-HMAC-SHA256 over the raw path, query and body),
 * through node:http so the path goes out byte for byte: fetch and `new URL` would resolve `..`.
 * Fastify answers a body over the limit at once and closes the connection: the client, still
 * writing, may meet EPIPE before it reads that answer. Such a request is sent again (a refusal
 * changes nothing), at most ATTEMPTS times.
 */
export async function sendSigned(target: FuzzTarget, req: FuzzRequest): Promise<FuzzResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendOnce(target, req);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const closedOnLargeBody = (code === 'EPIPE' || code === 'ECONNRESET') && Buffer.byteLength(req.body) > MAX_JSON_BYTES;
      if (attempt >= ATTEMPTS || !closedOnLargeBody) throw err;
    }
  }
}

function sendOnce(target: FuzzTarget, req: FuzzRequest): Promise<FuzzResponse> {
  const base = new URL(target.endpoint);
  const headers: Record<string, string> = { 'content-type': 'application/json;charset=UTF-8', host: base.host, 'x-project-id': target.credentials.project_id };
  const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
  const signed = signSdkHmacSha256({ method: req.method, url: req.path, headers, body }, { accessKey: target.credentials.access, secretKey: target.credentials.secret }, new Date());
  return new Promise((resolve, reject) => {
    let answered = false;
    const out = httpRequest(
      { host: base.hostname, port: base.port, method: req.method, path: req.path, headers: { ...signed.headers, 'content-length': String(body.length) }, timeout: ANSWER_WITHIN_MS },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, text, json: parsed(text) });
        });
      },
    );
    out.on('timeout', () => out.destroy(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)));
    // Once the answer has come, a write error of the body's rest changes nothing.
    out.on('error', (err) => (answered ? undefined : reject(err)));
    out.end(body);
  });
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
