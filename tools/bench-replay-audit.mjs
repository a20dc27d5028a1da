#!/usr/bin/env node
// The replay's rebuild of the AUDIT stream alone, before and after a change (issue 19,
// docs/performance.md "Replay, round 4"): a bare nats-server whose AUDIT stream holds
// REPLAY_AUDIT_N copies of a kms encrypt-data record with new ids, REPLAY_AUDIT_PER_MESSAGE a
// message (as AuditPublisher batches them), then `rebuildAtCut` of that stream in a fresh process
// per run, for each variant in turn, REPLAY_AUDIT_ROUNDS times, alternating. A variant is
// `<label>=<built checkout>:<auditThreads>` (`default`: the option left out), e.g.
//   REPLAY_AUDIT_VARIANTS='base=/tmp/base:0 here=.:default here2=.:2' node tools/bench-replay-audit.mjs
// Prints for each run the rebuild's figure (events / rebuild ms, as the bench reports it), the wall
// time of the whole call (workers' start and stop included) and the CPU per event of the whole
// process over that call (all threads, process.cpuUsage), with the load average; every run must
// give the same bucket sums.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = resolve(import.meta.dirname, '..');

/** CPU ms of the main thread so far (/proc, in clock ticks of 10 ms). */
function mainThreadCpuMs() {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** [thread id, CPU ms so far] of each of this process's threads (/proc). */
function threadsCpuMs() {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return [[tid, (Number(fields[11]) + Number(fields[12])) * 10]];
    } catch {
      return []; // ended meanwhile
    }
  });
}

/** CPU ms of each of this process's threads since it started, the busiest first: main, workers, V8's helpers. */
function threadCpu() {
  return threadsCpuMs().filter(([, ms]) => ms > 0).sort((x, y) => y[1] - x[1]).map(([tid, ms]) => `${tid === String(process.pid) ? 'main' : tid} ${ms} ms`).join(', ');
}

if (process.argv[2] === '--rebuild') {
  const [, , , root, threads, url, first, last] = process.argv;
  const lib = (path) => import(pathToFileURL(resolve(root, path)).href);
  const { rebuildAtCut } = await lib('libs/read-models/dist/index.js');
  const { summarize } = await lib('libs/event-sourcing/dist/index.js');
  const { connect } = await import(pathToFileURL(resolve(root, 'node_modules/@nats-io/transport-node/lib/mod.js')).href);
  const nc = await connect({ servers: url });
  const opts = threads === 'default' ? {} : { auditThreads: Number(threads) };
  // Each thread's CPU, sampled while the rebuild runs (a worker's thread is gone once it returns).
  const before = new Map(threadsCpuMs());
  const seen = new Map();
  const sampler = setInterval(() => { for (const [tid, ms] of threadsCpuMs()) seen.set(tid, ms - (before.get(tid) ?? 0)); }, 10);
  const main0 = mainThreadCpuMs();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rebuilt = await rebuildAtCut(nc, { AUDIT: { first: Number(first), last: Number(last) } }, opts);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const mainMs = mainThreadCpuMs() - main0;
  clearInterval(sampler);
  seen.delete(String(process.pid));
  const busiestOtherMs = Math.max(0, ...seen.values());
  // Per thread (REPLAY_AUDIT_TASKS=1): where the CPU went, by the kernel's thread names (main, workers, V8's helpers).
  if (process.env.REPLAY_AUDIT_TASKS) process.stderr.write(`${threadCpu()}\n`);
  const traces = rebuilt.models.get('audit.traces');
  const summary = summarize('traces', traces);
  await nc.close();
  console.log(JSON.stringify({
    events: rebuilt.events, messages: rebuilt.messages, rebuild_ms: Math.round(rebuilt.ms), wall_ms: Math.round(wallMs),
    events_per_s: Math.round(rebuilt.events / (rebuilt.ms / 1000)), cpu_us_per_event: Number(((cpu.user + cpu.system) / rebuilt.events).toFixed(1)),
    main_us_per_event: Number(((mainMs * 1000) / rebuilt.events).toFixed(1)),
    other_us_per_event: Number(((busiestOtherMs * 1000) / rebuilt.events).toFixed(1)),
    sums: JSON.stringify(summary.buckets ?? summary),
  }));
  process.exit(0);
}

const { startTestNats } = await import(pathToFileURL(resolve(here, 'libs/testing/dist/index.js')).href);
const { jetstream, jetstreamManager } = await import('@nats-io/jetstream');
const N = Number(process.env.REPLAY_AUDIT_N ?? 100_000);
const PER_MESSAGE = Number(process.env.REPLAY_AUDIT_PER_MESSAGE ?? 64);
const ROUNDS = Number(process.env.REPLAY_AUDIT_ROUNDS ?? 3);
const variants = (process.env.REPLAY_AUDIT_VARIANTS ?? `here=${here}:default`).split(/\s+/).filter(Boolean).map((v) => {
  const [label, rest] = v.split('=');
  const at = rest.lastIndexOf(':');
  return { label, root: resolve(rest.slice(0, at)), threads: rest.slice(at + 1) };
});
const log = (line) => process.stderr.write(`${line}\n`);
// REPLAY_AUDIT_NODE_ARGS: node options of each run, e.g. '--cpu-prof --cpu-prof-dir=<dir>' (a V8 CPU profile of each thread).
const profile = (process.env.REPLAY_AUDIT_NODE_ARGS ?? '').split(' ').filter(Boolean);

const record = (n) => JSON.stringify({
  trace_id: `0b8f5c52-${String(n).padStart(4, '0').slice(-4)}-4a1e-9c3d-${String(n).padStart(12, '0')}`, trace_name: 'encryptData', trace_rating: 'normal',
  trace_type: 'ApiCall', service_type: 'KMS', resource_type: 'cmk', resource_id: '5b6d1f0e-3c2a-4e8b-9a7d-1f2e3d4c5b6a', resource_name: 'bench/encrypt',
  code: '200', user: { id: '9f8e7d6c5b4a39281706f5e4d3c2b1a0', name: 'bench-user', domain: { id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9', name: 'bench-domain' }, access_key_id: 'HSTAK1234567890ABCDEF', root_user: false },
  source_ip: '127.0.0.1', request: { key_id: '5b6d1f0e-3c2a-4e8b-9a7d-1f2e3d4c5b6a', encryption_algorithm: 'SYMMETRIC_DEFAULT' },
  time: 1_764_000_000_000 + n, request_id: `req-${n}-7c1f9e2d`, api_version: 'v1.0', project_id: '1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f',
  response: JSON.stringify({ key_id: '5b6d1f0e-3c2a-4e8b-9a7d-1f2e3d4c5b6a', cipher_text: `AgDo${'x'.repeat(160)}` }), message: '', location_info: '', endpoint: 'kms.local', read_only: true,
});

const nats = await startTestNats();
try {
  const nc = await nats.connect();
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: 'AUDIT', subjects: ['audit.>'] });
  const js = jetstream(nc);
  const t0 = performance.now();
  for (let n = 0; n < N; n += PER_MESSAGE) {
    const texts = [];
    for (let i = n; i < Math.min(N, n + PER_MESSAGE); i++) texts.push(record(i));
    await js.publish('audit.kms.bench', texts.length === 1 ? texts[0] : `[${texts.join(',')}]`);
  }
  const { state } = await jsm.streams.info('AUDIT');
  log(`AUDIT: ${N} records in ${state.messages} messages (${(state.bytes / 1e6).toFixed(1)} MB), filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  let sums;
  for (let round = 1; round <= ROUNDS; round++) {
    for (const v of variants) {
      const load = loadavg()[0].toFixed(2);
      const run = spawnSync(process.execPath, [...profile, import.meta.filename, '--rebuild', v.root, v.threads, nats.url, String(state.first_seq), String(state.last_seq)], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (run.status !== 0) throw new Error(`${v.label} failed (${run.status}):\n${run.stderr}`);
      const lines = run.stdout.trim().split('\n');
      const r = JSON.parse(lines.pop());
      if (lines.length > 0 || run.stderr.trim()) log([...lines, run.stderr.trim()].join('\n')); // what REPLAY_AUDIT_NODE_ARGS had printed
      sums ??= r.sums;
      const same = r.sums === sums ? 'same sums' : 'DIFFERENT SUMS';
      console.log(`round ${round} ${v.label.padEnd(8)} threads ${v.threads.padEnd(7)} ${String(r.events_per_s).padStart(7)} events/s (rebuild ${r.rebuild_ms} ms, whole call ${r.wall_ms} ms), ${r.cpu_us_per_event} µs CPU/event (main thread ${r.main_us_per_event}, busiest other thread ≥ ${r.other_us_per_event}), load ${load}, ${same}`);
      if (r.events !== N) throw new Error(`${v.label} rebuilt ${r.events} events, not ${N}`);
    }
  }
  await nc.close();
} finally {
  await nats.stop();
}
