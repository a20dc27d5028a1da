#!/usr/bin/env node
// Part of `make bench`: the audit index over BENCH_TRACES (default 1 000 000) traces, built with the
// service's own TraceIndex in a temp file. Prints the bulk ingest rate, disk and memory cost per
// million traces, and query p50/p99 for a resource-id filter and a trace-name filter (newest-first
// page of 10 inside a 7-day window, then the next page), beside a same-run baseline: the trace-id
// lookup (primary key). Prints one JSON line last for tools/bench.mjs.
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TraceIndex } from '../services/audit/dist/traces/trace-index.js';

const TOTAL = Number(process.env.BENCH_TRACES ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_TRACE_QUERIES ?? 2000);
const PROJECTS = 20;
const KEYS_PER_PROJECT = 500;
const NAMES = ['createKey', 'encryptData', 'decryptData', 'createDataKey', 'decryptDataKey', 'sign', 'verify', 'disableKey', 'enableKey', 'createGrant', 'getSecretVersion', 'createSecretVersion', 'scheduleKeyDeletion', 'rotateKey', 'genRandom'];
const DAY = 86_400_000;
const now = Date.now();

// mulberry32: a deterministic generator whose consecutive draws are independent enough that
// every (project, key, name) combination occurs.
let seed = 42;
const rand = (n) => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (((t ^ (t >>> 14)) >>> 0) / 4294967296 * n) | 0;
};
const keyId = (p, k) => `${p.toString(16).padStart(8, '0')}-0000-4000-8000-${k.toString(16).padStart(12, '0')}`;

const dir = mkdtempSync(join(tmpdir(), 'dew-bench-traces-'));
const path = join(dir, 'traces.db');
globalThis.gc?.();
const rssBefore = process.memoryUsage().rss;
const index = new TraceIndex(path);
const BATCH = 500;
const projectOfSeq = new Uint8Array(TOTAL + 1);
const started = performance.now();
let ingestCpuUs = 0;
for (let seq = 1; seq <= TOTAL; seq += BATCH) {
  const messages = [];
  for (let s = seq; s < Math.min(seq + BATCH, TOTAL + 1); s++) {
    const p = rand(PROJECTS);
    projectOfSeq[s] = p;
    const k = rand(KEYS_PER_PROJECT);
    const name = NAMES[rand(NAMES.length)];
    const time = now - 7 * DAY + Math.floor((s / TOTAL) * 7 * DAY);
    const scope = `project${p}`;
    messages.push({ seq: s, traces: [{ scope, trace: {
      trace_id: `00000000-0000-4000-8000-${s.toString(16).padStart(12, '0')}`, trace_name: name, trace_rating: 'normal', trace_type: 'ApiCall',
      service_type: 'KMS', resource_type: 'cmk', resource_id: keyId(p, k), resource_name: `alias-${k}`, code: '200',
      user: { id: `user${p}`, name: 'admin', domain: { id: `domain${p}` } }, source_ip: '127.0.0.1',
      request: JSON.stringify({ key_id: keyId(p, k), encryption_algorithm: 'SYMMETRIC_DEFAULT' }), time, record_time: time,
      request_id: `req-${s}`, api_version: 'v1.0', project_id: scope,
    } }] });
  }
  const cpu = process.cpuUsage();
  index.addMany('AUDIT', messages);
  const used = process.cpuUsage(cpu);
  ingestCpuUs += used.user + used.system;
}
const ingestS = (performance.now() - started) / 1000;
globalThis.gc?.();
const rssAfter = process.memoryUsage().rss;

function measure(make) {
  const lat = [];
  let found = 0;
  for (let i = 0; i < QUERIES; i++) {
    const q = make();
    const t = performance.now();
    const page = index.query(q);
    lat.push(performance.now() - t);
    if (page.traces.length > 0) found++;
  }
  // An index that answers nothing fast would be a meaningless benchmark.
  if (found < QUERIES / 2) throw new Error(`only ${found} of ${QUERIES} queries found traces`);
  lat.sort((a, b) => a - b);
  const pct = (p) => Number(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(3));
  return { qps: Math.round(QUERIES / (lat.reduce((a, b) => a + b, 0) / 1000)), p50_ms: pct(0.5), p99_ms: pct(0.99) };
}
const window = { from: now - 7 * DAY, to: now + 1, limit: 10 };
const someProject = () => rand(PROJECTS);
const baseline = measure(() => { const s = 1 + rand(TOTAL); return { scopes: [`project${projectOfSeq[s]}`, 'domain:x'], ...window, traceId: `00000000-0000-4000-8000-${s.toString(16).padStart(12, '0')}` }; });
const byResource = measure(() => { const p = someProject(); return { scopes: [`project${p}`, `domain:domain${p}`], ...window, resourceId: keyId(p, rand(KEYS_PER_PROJECT)) }; });
const byName = measure(() => { const p = someProject(); return { scopes: [`project${p}`, `domain:domain${p}`], ...window, traceName: NAMES[rand(NAMES.length)] }; });
const byNameNextPage = measure(() => {
  const p = someProject();
  const first = index.query({ scopes: [`project${p}`], ...window, traceName: NAMES[rand(NAMES.length)] });
  return { scopes: [`project${p}`], ...window, traceName: first.traces[0].trace_name, next: first.marker };
});
const chainStart = performance.now();
const chains = index.verifyChains();
const chainS = (performance.now() - chainStart) / 1000;
index.close();
const fileBytes = ['traces.db', 'traces.db-wal', 'traces.db-shm'].map((f) => join(dir, f)).filter(existsSync).reduce((a, f) => a + statSync(f).size, 0);
rmSync(dir, { recursive: true, force: true });

const perMillion = (bytes) => Math.round((bytes / TOTAL) * 1e6 / 2 ** 20);
const result = {
  traces: TOTAL,
  ingest_traces_per_s: Math.round(TOTAL / ingestS),
  // CPU the index spent per trace (addMany only: building the traces is not counted), less noisy than the rate on a busy machine.
  ingest_cpu_us_per_trace: Math.round(ingestCpuUs / TOTAL),
  disk_mib_per_million: perMillion(fileBytes),
  process_rss_growth_mib: Math.round(Math.max(0, rssAfter - rssBefore) / 2 ** 20),
  chain_verify_traces_per_s: Math.round(chains.traces / chainS),
  queries: { baseline_trace_id: baseline, resource_id: byResource, trace_name: byName, trace_name_next_page: byNameNextPage },
};
console.log(`\naudit index over ${TOTAL} traces: bulk ingest ${result.ingest_traces_per_s} traces/s (${result.ingest_cpu_us_per_trace} µs CPU per trace), disk ${result.disk_mib_per_million} MiB per million, process RSS growth ${result.process_rss_growth_mib} MiB (SQLite page cache capped at 64 MiB), chain check ${result.chain_verify_traces_per_s} traces/s`);
console.log(`${'query (page of 10, 7 days)'.padEnd(30)} ${'q/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
for (const [name, m] of Object.entries(result.queries)) console.log(`${name.padEnd(30)} ${String(m.qps).padStart(8)} ${String(m.p50_ms).padStart(8)} ${String(m.p99_ms).padStart(8)}`);
console.log(JSON.stringify(result));
