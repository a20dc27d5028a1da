// issue 19's KMS scenarios beside the fixed-request ones: create-key at 32 clients in an empty
// project and with 10,000 keys in it, and encrypt-data 32 B over working sets of 10, 1,000 and
// 100,000 keys (largeWorkingSet; BENCH_LARGE=0 leaves it out), one signed request per key sent round-robin, so the material
// cache (DEW_MATERIAL_CACHE_SIZE, 10,000 versions by default) hits or misses. The keys live in a
// domain of their own; `make bench` raises the key quota (DEW_KMS_KEY_QUOTA) for it.
import autocannon from 'autocannon';
import { kmsRequest, sendEach, signer } from './signed.mjs';

export const CREATE_KEY_CLIENTS = 32;
/** Keys each create-key figure is measured over. */
const MEASURED = 2000;
const FULL = 10_000;
const LARGE = 100_000;

/** A project of its own and a creator of its AES_256 keys, which remembers their ids in order. */
export async function keyProject(dew, domainName) {
  const creds = await dew.bootstrapDomain(domainName);
  const sign = signer(dew.endpoint, creds);
  const ids = [];
  /** Keys `from`..`to`-1 (aliases bench-<n>) at CREATE_KEY_CLIENTS in flight: answers keys/s. */
  const create = (from, to) => {
    const list = Array.from({ length: to - from }, (_, i) => kmsRequest(sign, creds, 'create-key', { key_alias: `bench-${from + i}`, key_spec: 'AES_256' }));
    return sendEach(dew.endpoint, list, CREATE_KEY_CLIENTS, (_status, body) => ids.push(JSON.parse(body).key_info.key_id));
  };
  return { creds, sign, ids, create };
}

/** encrypt-data 32 B for `seconds` at `connections`, each request the next key of `keyIds` (one signed request per key). */
async function encryptOver(dew, project, keyIds, connections, seconds) {
  const list = keyIds.map((keyId) => kmsRequest(project.sign, project.creds, 'encrypt-data', { key_id: keyId, plain_text: 'x'.repeat(32) }));
  let next = 0;
  const r = await autocannon({ url: dew.endpoint, connections, duration: seconds, requests: [{ setupRequest: (req) => ({ ...req, ...list[next++ % list.length] }) }] });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`encrypt-data over ${keyIds.length} keys: ${r.non2xx} non-2xx answers and ${r.errors} errors`);
  return { keys: keyIds.length, rps: Math.round(r.requests.average), p99_ms: r.latency.p99 };
}

/** Runs the KMS growth scenarios; answers the figures and the project (the memory scenario rotates its keys). */
export async function keyScenarios({ dew, say, connections, durationS, warmupS }) {
  // The empty project is measured right after the full one, both warm: the first thousands of
  // creates after boot also pay for JIT and caches, which would flatter the full project.
  const project = await keyProject(dew, 'bench-keys');
  say.step(`create-key: filling a project to ${FULL.toLocaleString('en-US')} keys at ${CREATE_KEY_CLIENTS} clients`);
  const fill = await project.create(0, FULL);
  const full = await project.create(FULL, FULL + MEASURED);
  say.step(`create-key with ${FULL.toLocaleString('en-US')} keys in the project: ${full.per_s} keys/s`);
  const empty = await (await keyProject(dew, 'bench-keys-empty')).create(0, MEASURED);
  say.step(`create-key in an empty project beside it: ${empty.per_s} keys/s`);
  const createKey = { clients: CREATE_KEY_CLIENTS, empty: { keys_before: 0, ...empty }, full: { keys_before: FULL, ...full }, fill: { keys: FULL, ...fill } };

  const workingSet = [];
  for (const size of [10, 1000]) workingSet.push(await encryptWorkingSet({ dew, say, connections, durationS, warmupS, project, size }));
  return { figures: { create_key: createKey, encrypt_working_set: workingSet }, project };
}

/** encrypt-data 32 B over the first `size` keys of the project, after a warm-up. */
async function encryptWorkingSet({ dew, say, connections, durationS, warmupS, project, size }) {
  const keys = project.ids.slice(0, size);
  if (warmupS > 0) await say.timed(`encrypt-data 32 B over ${size} keys (warm-up)`, warmupS, encryptOver(dew, project, keys, connections, warmupS));
  const r = await say.timed(`encrypt-data 32 B over ${size} keys`, durationS, encryptOver(dew, project, keys, connections, durationS));
  say.step(`encrypt-data 32 B over ${size} keys: ${r.rps} req/s, p99 ${r.p99_ms} ms`);
  return r;
}

/**
 * The project filled to 100,000 keys, then encrypt-data over all of them: ten times the material
 * cache, so most calls unwrap their key's material. Run after the memory figures are taken, which
 * are about 10,000 keys.
 */
export async function largeWorkingSet({ dew, say, connections, durationS, warmupS, project }) {
  say.step(`filling the project to ${LARGE.toLocaleString('en-US')} keys`);
  const before = project.ids.length;
  const t0 = performance.now();
  await project.create(before, LARGE);
  const fill = { keys: LARGE - before, seconds: Math.round((performance.now() - t0) / 1000) };
  const run = await encryptWorkingSet({ dew, say, connections, durationS, warmupS, project, size: LARGE });
  return { fill, run };
}
