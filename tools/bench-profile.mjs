#!/usr/bin/env node
// `make bench-profile`: where each request's CPU goes. Boots DEW as `make bench` does with
// DEW_CPU_PROFILE_DIR set (every service writes a V8 CPU profile when it stops), loads one
// scenario (encrypt-data 32 B by default; PROFILE_SCENARIO=signed-echo|bare-echo|get-secret-version|
// create-key, the last an AES_256 key of a new alias per request, signed as it is sent)
// for PROFILE_DURATION_S at 64 connections, and prints:
//  - CPU seconds per process over the load (from /proc, so nats-server is counted too), per request;
//  - for each Node service, its self time grouped by what the code does (HTTP parse, signature,
//    policy, JSON, NATS client, event store, audit, logging, crypto, GC, Nest, other).
// The profiles stay in the printed directory for Chrome DevTools / speedscope.
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { connect } from '@nats-io/transport-node';
import { DewSystem, ONE_CALLER_MAY_FILL_THE_GATEWAY } from '../libs/testing/dist/index.js';
import { signer } from './bench/signed.mjs';
import { categorise, CATEGORIES, topFunctions } from './bench/profile-categories.mjs';

const DURATION_S = Number(process.env.PROFILE_DURATION_S ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const SCENARIO = process.env.PROFILE_SCENARIO ?? 'encrypt-data-32B';
const TOP = Number(process.env.PROFILE_TOP ?? 12);
const dir = mkdtempSync(join(tmpdir(), 'dew-profile-'));
const TICK = 100; // USER_HZ on Linux

const cpuOf = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / TICK;
};
const processes = () => {
  const out = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (!env.includes(`DEW_CPU_PROFILE_DIR=${dir}`) && !cmd.some((c) => c.includes(dir))) continue;
      const svc = cmd.find((c) => /services\/[^/]+\/dist\/main\.js$/.test(c));
      const name = svc ? svc.split('/').at(-3) : cmd[0].endsWith('nats-server') ? 'nats-server' : cmd.some((c) => c.endsWith('cli.js')) ? 'runner' : null;
      if (name) out.push({ pid, name });
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
};

// 64 connections from one address and one access key: the shares set to the whole limit (see tools/bench.mjs).
const dew = await DewSystem.start({ env: { DEW_BENCH_ECHO: '1', DEW_LOG_LEVEL: 'warn', DEW_CPU_PROFILE_DIR: dir, DEW_KMS_KEY_QUOTA: '1000000', ...ONE_CALLER_MAY_FILL_THE_GATEWAY } });
let summary;
let echo;
try {
  // The echo scenarios end at a responder on bench.echo, as in `make bench` (tools/bench.mjs); it is not profiled.
  echo = await connect({ servers: dew.natsUrl, user: 'bench', pass: dew.natsPassword('bench'), inboxPrefix: '_INBOX.bench' });
  const reply = new TextEncoder().encode(JSON.stringify({ ok: { echo: true } }));
  echo.subscribe('bench.echo', { callback: (_err, msg) => msg.respond(reply) });
  await echo.flush();
  const creds = dew.credentials;
  const api = dew.client();
  const aes = (await api.kms('create-key', { key_alias: 'profile-aes', key_spec: 'AES_256' })).body.key_info.key_id;
  await api.call('POST', '/v1/{project_id}/secrets', { name: 'profile-secret', secret_string: 'profile-value' });
  const sign = signer(dew.endpoint, creds);
  let created = 0;
  const createKey = () => sign('POST', `/v1.0/${creds.project_id}/kms/create-key`, { key_alias: `profile-${created++}`, key_spec: 'AES_256' });
  const requests = {
    'encrypt-data-32B': sign('POST', `/v1.0/${creds.project_id}/kms/encrypt-data`, { key_id: aes, plain_text: 'x'.repeat(32) }),
    'signed-echo': sign('POST', `/v1.0/${creds.project_id}/bench/echo`, {}),
    'bare-echo': { method: 'POST', path: `/v1.0/${creds.project_id}/bench/bare-echo`, headers: { 'content-type': 'application/json' }, body: '{}' },
    'get-secret-version': sign('GET', `/v1/${creds.project_id}/secrets/profile-secret/versions/latest`, {}),
    'create-key': { setupRequest: (req) => ({ ...req, ...createKey() }) },
  };
  const request = requests[SCENARIO];
  if (!request) throw new Error(`PROFILE_SCENARIO must be one of ${Object.keys(requests).join(', ')}`);
  const load = (duration) => autocannon({ url: dew.endpoint, connections: CONNECTIONS, duration, requests: [request] });
  await load(2);
  const procs = processes();
  const before = new Map(procs.map((p) => [p.pid, cpuOf(p.pid)]));
  const selfBefore = process.cpuUsage();
  const fromMs = Date.now();
  const r = await load(DURATION_S);
  const toMs = Date.now();
  const self = process.cpuUsage(selfBefore);
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${SCENARIO}: ${r.non2xx} non-2xx and ${r.errors} errors`);
  const total = r.requests.total;
  const rows = procs.map((p) => ({ name: p.name, cpu_s: cpuOf(p.pid) - before.get(p.pid) }));
  rows.push({ name: 'load generator', cpu_s: (self.user + self.system) / 1e6 });
  summary = { fromMs, toMs, scenario: SCENARIO, rps: Math.round(r.requests.average), p99_ms: r.latency.p99, requests: total, rows };
} finally {
  await echo?.close();
  await dew.stop();
}

const pad = (s, n) => String(s).padEnd(n);
const num = (s, n) => String(s).padStart(n);
console.log(`\n${summary.scenario}: ${summary.rps} req/s, p99 ${summary.p99_ms} ms, ${summary.requests} requests in ${DURATION_S} s, ${CONNECTIONS} connections`);
const cpuTotal = summary.rows.reduce((a, r) => a + r.cpu_s, 0);
console.log(`\nCPU by process (${cpuTotal.toFixed(1)} CPU-s over ${DURATION_S} s):`);
for (const r of summary.rows.sort((a, b) => b.cpu_s - a.cpu_s)) {
  if (r.cpu_s < 0.05) continue;
  console.log(`  ${pad(r.name, 18)} ${num(r.cpu_s.toFixed(2), 7)} s ${num(((100 * r.cpu_s) / cpuTotal).toFixed(0), 3)} %  ${num(((1e6 * r.cpu_s) / summary.requests).toFixed(0), 5)} µs/request`);
}

console.log(`\nself time by category during the load, per service (% of its busy time; idle excluded):`);
console.log(`  ${pad('service', 18)}${CATEGORIES.map((c) => num(c, 9)).join('')}`);
const profiles = readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .sort()
  .map((file) => ({ name: file.replace('.cpuprofile', ''), profile: JSON.parse(readFileSync(join(dir, file), 'utf8')), window: { fromMs: summary.fromMs, toMs: summary.toMs, endWallMs: statSync(join(dir, file)).mtimeMs } }));
for (const { name: file, profile, window } of profiles) {
  const byCategory = categorise(profile, window);
  const busy = Object.values(byCategory).reduce((a, b) => a + b, 0);
  if (busy === 0) continue;
  console.log(`  ${pad(file, 18)}${CATEGORIES.map((c) => num(`${((100 * (byCategory[c] ?? 0)) / busy).toFixed(0)}%`, 9)).join('')}`);
}
for (const { name, profile, window } of profiles.filter((p) => ['gateway', 'iam', 'kms', 'csms', 'audit'].includes(p.name))) {
  console.log(`\n${name}: the ${TOP} functions with the most self time during the load`);
  for (const [share, fn] of topFunctions(profile, window, TOP)) console.log(`  ${num(`${(100 * share).toFixed(1)}%`, 6)}  ${fn}`);
}
console.log(`\nprofiles (whole run, start-up included): ${dir}`);
