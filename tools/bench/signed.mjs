// Signed requests for the load generator: signed once, sent as often as a scenario needs. These
// routes are not replay-guarded and a signature stays valid for 15 minutes, so the load generator
// spends no CPU on signing while it measures.
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import { signSdkHmacSha256 } from '../../libs/aksk/dist/index.js';

/** A signer for one project's credentials at `endpoint`: `(method, path, body) => autocannon request` (no body: an empty one). */
export function signer(endpoint, creds) {
  return (method, path, body) => {
    const url = new URL(path, endpoint);
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers = { 'content-type': 'application/json', host: url.host, 'x-project-id': creds.project_id };
    const s = signSdkHmacSha256({ method, url: path, headers, body: text }, { accessKey: creds.access, secretKey: creds.secret }, new Date());
    return { method, path, headers: s.headers, body: text };
  };
}

/** A KMS verb's signed request in `creds`'s project. */
export const kmsRequest = (sign, creds, verb, body) => sign('POST', `/v1.0/${creds.project_id}/kms/${verb}`, body);

/**
 * Sends every request of `list` once, `connections` at a time, and answers how long that took.
 * `onBody(status, body)` sees each answer (a created key's id, say). A non-2xx answer fails the
 * run: the figure would be meaningless.
 */
export async function sendEach(endpoint, list, connections, onBody = () => {}) {
  let next = 0;
  const t0 = performance.now();
  const r = await autocannon({
    url: endpoint,
    connections: Math.min(connections, list.length),
    amount: list.length,
    requests: [{ setupRequest: (req) => ({ ...req, ...list[Math.min(next++, list.length - 1)] }), onResponse: (status, body) => onBody(status, body) }],
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${r.non2xx} non-2xx answers and ${r.errors} errors out of ${list.length} requests`);
  return { seconds, per_s: Math.round(list.length / seconds) };
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** One signed request over a kept-alive connection, for callers whose next request depends on this one. */
export function send(endpoint, req) {
  return new Promise((resolve, reject) => {
    const r = request(new URL(req.path, endpoint), { method: req.method, headers: req.headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

/** Runs `work(i)` for i in [from, to), `connections` at a time; answers per second. */
export async function callers(from, to, connections, work) {
  let next = from;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    for (let i = next++; i < to; i = next++) await work(i);
  }));
  return Math.round((to - from) / ((performance.now() - t0) / 1000));
}
