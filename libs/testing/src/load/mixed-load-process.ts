// The steady mixed load of the fault tests (cluster.e2e, `make chaos`), run as a process of its own:
// a client apart from the system and from the test. Workers sign their requests as the SDK does,
// and every answered operation is one JSON line on stdout (mixed-load.ts reads them). It stops at
// "stop" on stdin.
import { createInterface } from 'node:readline';
import { SdkClient, type ApiResult } from '../sdk-client.js';
import type { MixedLoadOptions } from './mixed-load-options.js';

const opts = JSON.parse(process.env.DEW_MIXED_LOAD ?? '{}') as MixedLoadOptions;
const client = new SdkClient(opts.endpoint, opts.creds);
let stopping = false;
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'stop') stopping = true;
});

const report = (entry: object) => process.stdout.write(`${JSON.stringify({ t: Date.now(), ...entry })}\n`);

type Answer = ApiResult<Record<string, unknown>> | { status: string; body?: undefined; errorCode?: undefined; errorMsg?: undefined };

/**
 * One call with a client-side bound below the gateway's 30 s bus timeout: an answer that does not
 * come in time is a timeout (an error). Nothing is retried: every acknowledged create must then
 * exist exactly once (docs/faults.md, "Retries and duplicates").
 */
async function call(op: string, method: 'GET' | 'POST', path: string, body: object): Promise<Record<string, unknown> | undefined> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Answer>((resolve) => (timer = setTimeout(() => resolve({ status: 'timeout' }), opts.timeoutMs)));
  const res: Answer = await Promise.race([
    client.call(method, path, body).catch((err: { code?: string; message?: string }): Answer => ({ status: `network: ${err.code ?? err.message}` })),
    timeout,
  ]);
  clearTimeout(timer);
  const ok = res.status === 200 || res.status === 201;
  report({ op, ok, status: res.status, ms: Date.now() - started, ...(ok ? {} : { code: res.errorCode ?? '', message: String(res.errorMsg ?? '').slice(0, 160) }) });
  // A refused connection or a 503 fails at once: a client backs off instead of spinning (and the
  // error rate stays a rate of calls, not of spins). The gateway's 503s ask for `Retry-After: 1`.
  if (typeof res.status === 'string' && res.status.startsWith('network')) await new Promise((r) => setTimeout(r, NETWORK_BACKOFF_MS));
  else if (res.status === 503) await new Promise((r) => setTimeout(r, RETRY_AFTER_MS));
  return ok ? res.body : undefined;
}

const NETWORK_BACKOFF_MS = 100;
const RETRY_AFTER_MS = 1000;

const kms = (verb: string, body: object) => call(verb, 'POST', `/v1.0/{project_id}/kms/${verb}`, body);

/** Secrets each worker creates at most (within CSMS's 200 a project however long the run). */
const SECRETS_PER_WORKER = 40;
/** Key pairs each worker creates at most (KPS's quota per user is far above). */
const KEYPAIRS_PER_WORKER = 25;

async function worker(w: number): Promise<void> {
  for (let i = 0; !stopping; i++) {
    const name = `${opts.prefix}-${w}-${i}`;
    const created = await kms('create-key', { key_alias: name });
    const keyId = (created?.key_info as { key_id?: string } | undefined)?.key_id;
    if (keyId) {
      report({ acked: 'key', id: keyId });
      const plain = `load ${name}`;
      const enc = await kms('encrypt-data', { key_id: keyId, plain_text: plain });
      if (typeof enc?.cipher_text === 'string') {
        const dec = await kms('decrypt-data', { cipher_text: enc.cipher_text });
        if (dec && dec.plain_text !== plain) report({ op: 'decrypt-mismatch', ok: false, status: 'mismatch' });
      }
      const grant = await kms('create-grant', { key_id: keyId, grantee_principal: opts.grantee, operations: ['describe-key'] });
      if (typeof grant?.grant_id === 'string') report({ acked: 'grant', id: grant.grant_id, keyId });
    }
    const secret = i >= SECRETS_PER_WORKER ? undefined : await call('create-secret', 'POST', '/v1/{project_id}/secrets', { name, secret_string: opts.secretValue });
    const secretId = (secret?.secret as { id?: string } | undefined)?.id;
    if (secretId) {
      report({ acked: 'secret', id: name, secretId });
      const version = await call('create-version', 'POST', `/v1/{project_id}/secrets/${name}/versions`, { secret_string: `${opts.secretValue} v2` });
      const versionId = (version?.version_metadata as { id?: string } | undefined)?.id;
      if (versionId) report({ acked: 'version', id: versionId, secret: name });
    }
    if (opts.keypairs && i < KEYPAIRS_PER_WORKER) {
      const keypair = await call('create-keypair', 'POST', '/v3/{project_id}/keypairs', { keypair: { name: `${name}-kp`, algorithm: 'SSH_ED25519' } });
      if ((keypair?.keypair as { name?: string } | undefined)?.name) report({ acked: 'keypair', id: `${name}-kp` });
    }
  }
}

await Promise.all(Array.from({ length: opts.workers }, (_, w) => worker(w)));
report({ done: true });
process.exit(0);
