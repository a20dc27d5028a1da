// The steady load of cluster.e2e.spec.ts, run as a process of its own (a client apart from the
// system and from the test): workers sign their requests as the SDK does (libs/testing's
// SdkClient), and every answered operation is one JSON line on stdout. It stops at "stop" on stdin.
import { createInterface } from 'node:readline';
import { SdkClient } from '../../../libs/testing/dist/sdk-client.js';

const { endpoint, creds, grantee, workers, timeoutMs, secretValue } = JSON.parse(process.env.CLUSTER_LOAD ?? '{}');
const client = new SdkClient(endpoint, creds);
let stopping = false;
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'stop') stopping = true;
});

const report = (entry) => process.stdout.write(`${JSON.stringify({ t: Date.now(), ...entry })}\n`);

/**
 * One call with a client-side bound below the gateway's 30 s bus timeout: an answer that does not
 * come in time is a timeout (an error), never retried (a write may have taken effect).
 */
async function call(op, method, path, body) {
  const started = Date.now();
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve({ status: 'timeout' }), timeoutMs)));
  const res = await Promise.race([client.call(method, path, body).catch((err) => ({ status: `network: ${err.code ?? err.message}` })), timeout]);
  clearTimeout(timer);
  const ok = res.status === 200 || res.status === 201;
  report({ op, ok, status: res.status, ms: Date.now() - started, ...(ok ? {} : { code: res.errorCode ?? '' }) });
  return ok ? res.body : undefined;
}

const kms = (verb, body) => call(verb, 'POST', `/v1.0/{project_id}/kms/${verb}`, body);

/** Secrets each worker creates at most (4 workers × 40 within CSMS's 200 a project). */
const SECRETS_PER_WORKER = 40;

async function worker(w) {
  for (let i = 0; !stopping; i++) {
    const name = `cl-${w}-${i}`;
    const created = await kms('create-key', { key_alias: name });
    const keyId = created?.key_info?.key_id;
    if (keyId) report({ acked: 'key', id: keyId });
    // The key just created, whichever replica took the create: a replica that has not applied it
    // yet catches up before it would answer 404 (docs/architecture.md, "Cluster mode").
    const useKey = keyId;
    if (useKey) {
      const enc = await kms('encrypt-data', { key_id: useKey, plain_text: `load ${name}` });
      if (enc?.cipher_text) {
        const dec = await kms('decrypt-data', { cipher_text: enc.cipher_text });
        if (dec && dec.plain_text !== `load ${name}`) report({ op: 'decrypt-mismatch', ok: false, status: 'mismatch' });
      }
      const grant = await kms('create-grant', { key_id: useKey, grantee_principal: grantee, operations: ['describe-key'] });
      if (grant?.grant_id) report({ acked: 'grant', id: grant.grant_id, keyId: useKey });
    }
    // Within the project's secret quota (200) however long the phases run: 40 a worker.
    const secret = i >= SECRETS_PER_WORKER ? undefined : await call('create-secret', 'POST', '/v1/{project_id}/secrets', { name, secret_string: secretValue });
    if (secret?.secret?.id) {
      report({ acked: 'secret', id: name });
      const version = await call('create-version', 'POST', `/v1/{project_id}/secrets/${name}/versions`, { secret_string: `${secretValue} v2` });
      if (version?.version_metadata?.id) report({ acked: 'version', id: version.version_metadata.id, secret: name });
    }
  }
}

await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
report({ done: true });
process.exit(0);
