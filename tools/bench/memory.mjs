// Resident memory of services holding a large state (issue 19; goals in docs/performance.md,
// "Memory"): kms with 10,000 keys of 3 versions each (every key rotated twice) and iam with
// 10,000 users. VmRSS of the service's own process (/proc/<pid>/status), after its state is built.
import { readFileSync } from 'node:fs';
import { kmsRequest, sendEach, signer } from './signed.mjs';

export const USERS = 10_000;

/** VmRSS of a service's process in MiB. */
export function rssMiB(dew, service) {
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${dew.servicePid(service)}/status`, 'utf8'))?.[1]);
  return Math.round(kib / 1024);
}

/** The service's own account of its memory (V8 heap, native buffers; its health details), beside the RSS. */
async function heapOf(dew, service) {
  const nc = await dew.connectNats('runner');
  try {
    return (await nc.request(`sys.health.${service}`, '{}', { timeout: 10_000 })).json().ok.details.memory;
  } finally {
    await nc.close();
  }
}

/** `project`: keys.mjs's key project holding at least 10,000 keys; the first 10,000 are rotated twice. */
export async function memoryScenario({ dew, say, connections, project, before }) {
  const keys = project.ids.slice(0, 10_000);
  const rotations = [];
  for (const round of [1, 2]) {
    say.step(`memory: rotating ${keys.length.toLocaleString('en-US')} keys (round ${round} of 2)`);
    const list = keys.map((keyId) => kmsRequest(project.sign, project.creds, 'rotate-on-demand', { key_id: keyId }));
    rotations.push((await sendEach(dew.endpoint, list, connections)).per_s);
  }
  const kms = { keys: keys.length, versions_per_key: 3, rss_mib: rssMiB(dew, 'kms'), rss_mib_at_start: before.kms, rotations_per_s: rotations, process: await heapOf(dew, 'kms') };

  say.step(`memory: creating ${USERS.toLocaleString('en-US')} IAM users`);
  const creds = await dew.bootstrapDomain('bench-users');
  const sign = signer(dew.endpoint, creds);
  const list = Array.from({ length: USERS }, (_, i) => sign('POST', '/v3/users', { user: { name: `bench-user-${i}`, domain_id: creds.domain_id } }));
  const users = await sendEach(dew.endpoint, list, connections);
  const iam = { users: USERS, rss_mib: rssMiB(dew, 'iam'), rss_mib_at_start: before.iam, users_per_s: users.per_s, process: await heapOf(dew, 'iam') };
  say.step(`memory: kms ${kms.rss_mib} MiB (${before.kms} at start; V8 heap ${kms.process.heap_total_mib}), iam ${iam.rss_mib} MiB (${before.iam} at start; V8 heap ${iam.process.heap_total_mib})`);
  return { kms, iam };
}
