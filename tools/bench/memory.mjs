// Resident memory of services holding a large state (issue 19; goals in docs/performance.md,
// "Memory"): kms with 10,000 keys of 3 versions each (every key rotated twice) and iam with
// 10,000 users. VmRSS of the service's own process (/proc/<pid>/status), after its state is built.
// `make bench` also records kms's and audit's memory at every step of the run (processMemory),
// so what a step leaves behind — V8 heap, young generation, native — shows where it came from.
import { readFileSync } from 'node:fs';
import { kmsRequest, sendEach, signer } from './signed.mjs';

export const USERS = 10_000;
/** The services whose memory every step of `make bench` records. */
export const TRACKED = ['kms', 'audit'];

/** VmRSS of a service's process in MiB. */
export function rssMiB(dew, service) {
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${dew.servicePid(service)}/status`, 'utf8'))?.[1]);
  return Math.round(kib / 1024);
}

/** The service's own account of its memory (V8 heap, young generation, native buffers; its health details), beside the RSS. */
async function heapOf(dew, service) {
  const nc = await dew.connectNats('runner');
  try {
    return (await nc.request(`sys.health.${service}`, '{}', { timeout: 10_000 })).json().ok.details.memory;
  } finally {
    await nc.close();
  }
}

/** Each tracked service's memory now, as one step of the run's memory log. */
export async function processMemory(dew, step) {
  const at = { step };
  for (const service of TRACKED) at[service] = await heapOf(dew, service);
  return at;
}

/** The memory log as `make bench` prints it: one line per step and service (MiB). */
export function memoryLines(log) {
  const cell = (m) => `RSS ${String(Math.round(m.rss_mib)).padStart(4)}  heap ${String(Math.round(m.heap_used_mib)).padStart(4)} used of ${String(Math.round(m.heap_total_mib)).padStart(4)} (young ${String(Math.round(m.new_space_mib ?? 0)).padStart(3)})  external ${String(Math.round(m.external_mib)).padStart(3)}`;
  return ['process memory at each step (MiB; heap used counts garbage not yet collected):', ...log.flatMap((at) => TRACKED.map((s) => `  ${at.step.padEnd(28)} ${s.padEnd(6)} ${cell(at[s])}`))];
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
