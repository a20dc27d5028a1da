#!/usr/bin/env node
// `make bench`: boots the whole system (as `make run` does, on free ports, in a temp dir), then
// loads each crypto route for 10 s at 64 connections beside a same-run baseline: a signed gateway
// route doing one NATS round trip to an echo responder. Prints req/s, p50, p99 and the ratio to
// the baseline; writes bench/results/latest.json. A benchmark, not a test: nothing asserts speed.
import { createHash } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { execFileSync } from 'node:child_process';
import { DewSystem } from '../libs/testing/dist/index.js';
import { replay } from '../libs/read-models/dist/index.js';
import { SERVICE_NAMES } from '../libs/messaging/dist/index.js';
import { signSdkHmacSha256 } from '../libs/aksk/dist/index.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);

const dew = await DewSystem.start({ env: { DEW_BENCH_ECHO: '1', DEW_LOG_LEVEL: 'warn' } });
try {
  const creds = dew.credentials;
  const echo = await connect({ servers: dew.natsUrl, user: 'bench', pass: dew.natsPassword('bench'), inboxPrefix: '_INBOX.bench' });
  const reply = new TextEncoder().encode(JSON.stringify({ ok: { echo: true } }));
  echo.subscribe('bench.echo', { callback: (_err, msg) => msg.respond(reply) });
  await echo.flush();

  const api = dew.client();
  const key = async (spec, usage) => (await api.kms('create-key', { key_alias: `bench-${spec}`, key_spec: spec, ...(usage ? { key_usage: usage } : {}) })).body.key_info.key_id;
  const aes = await key('AES_256');
  const ec = await key('EC_P256');
  const rsa = await key('RSA_2048', 'SIGN_VERIFY');
  const cipher32 = (await api.kms('encrypt-data', { key_id: aes, plain_text: 'x'.repeat(32) })).body.cipher_text;
  const digest = createHash('sha256').update('bench').digest('base64');

  // One signed request per scenario, reused for its 10 s: these routes are not replay-guarded and
  // the signature stays valid for 15 minutes, so the load generator spends no CPU on signing.
  const signed = (verb, body) => {
    const path = verb === 'echo' ? `/v1.0/${creds.project_id}/bench/echo` : `/v1.0/${creds.project_id}/kms/${verb}`;
    const url = new URL(path, dew.endpoint);
    const text = JSON.stringify(body);
    const headers = { 'content-type': 'application/json', host: url.host, 'x-project-id': creds.project_id };
    const s = signSdkHmacSha256({ method: 'POST', url: path, headers, body: text }, { accessKey: creds.access, secretKey: creds.secret }, new Date());
    return { method: 'POST', path, headers: s.headers, body: text };
  };

  const scenarios = [
    ['baseline', signed('echo', {})],
    ['encrypt-data-32B', signed('encrypt-data', { key_id: aes, plain_text: 'x'.repeat(32) })],
    ['encrypt-data-4KB', signed('encrypt-data', { key_id: aes, plain_text: 'x'.repeat(4096) })],
    ['decrypt-data-32B', signed('decrypt-data', { cipher_text: cipher32 })],
    ['create-datakey', signed('create-datakey', { key_id: aes })],
    ['sign-ec-p256', signed('sign', { key_id: ec, message: digest, signing_algorithm: 'ECDSA_SHA_256' })],
    ['sign-rsa-2048', signed('sign', { key_id: rsa, message: digest, signing_algorithm: 'RSASSA_PSS_SHA_256' })],
  ];

  // Audit ingest: traces the audit service indexed while each run loaded the system, until it had
  // caught up with the AUDIT stream (every crypto call is one record, awaited before answering).
  const runner = await dew.connectNats('runner');
  const traceHealth = async () => (await runner.request('sys.health.audit', '{}', { timeout: 10_000 })).json().ok.details.traces;
  const replayNc = await dew.connectNats('replay');
  const jsm = await jetstreamManager(replayNc);
  const auditLast = async () => (await jsm.streams.info('AUDIT')).state.last_seq;
  const measured = [];
  const ingest = [];
  // BENCH_ONLY=name,name: a subset (the baseline always runs first).
  const only = process.env.BENCH_ONLY?.split(',');
  for (const [name, request] of scenarios.filter(([n]) => n === 'baseline' || !only || only.includes(n))) {
    const before = await traceHealth();
    const t0 = performance.now();
    const r = await autocannon({ url: dew.endpoint, connections: CONNECTIONS, duration: DURATION_S, requests: [request] });
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers and ${r.errors} errors; the numbers would be meaningless`);
    measured.push({ name, rps: Math.round(r.requests.average), p50_ms: r.latency.p50, p99_ms: r.latency.p99 });
    const lagAtEnd = (await auditLast()) - (await traceHealth()).applied.AUDIT;
    const target = await auditLast();
    while ((await traceHealth()).applied.AUDIT < target) await new Promise((res) => setTimeout(res, 50));
    const after = await traceHealth();
    const seconds = (performance.now() - t0) / 1000;
    if (name !== 'baseline') ingest.push({ name, traces: after.indexed - before.indexed, traces_per_s: Math.round((after.indexed - before.indexed) / seconds), lag_at_end: lagAtEnd });
  }

  // Replay: every read model rebuilt from the streams the runs above filled, compared with the live ones.
  const report = await replay(replayNc, SERVICE_NAMES);
  await replayNc.close();
  const replayResult = { identical: report.identical, messages: report.messages, events: report.events, seconds: Number((report.rebuildMs / 1000).toFixed(2)), events_per_s: Math.round(report.events / (report.rebuildMs / 1000)) };

  // The trace index over a million traces (a separate process, its own temp file).
  const tracesOut = execFileSync(process.execPath, ['--expose-gc', new URL('./bench-traces.mjs', import.meta.url).pathname], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const traceIndex = JSON.parse(tracesOut.trim().split('\n').pop());
  const [baseline, ...rest] = measured;
  const results = rest.map((m) => ({ ...m, ratio: Number((m.rps / baseline.rps).toFixed(2)) }));
  const machine = { cpus: cpus().length, cpu_model: cpus()[0]?.model ?? '', memory_gib: Math.round(totalmem() / 2 ** 30), node: process.version, connections: CONNECTIONS, duration_s: DURATION_S };
  const out = { machine, baseline: { rps: baseline.rps, p50_ms: baseline.p50_ms, p99_ms: baseline.p99_ms }, results, audit_ingest: ingest, replay: replayResult, trace_index: traceIndex };
  mkdirSync(new URL('../bench/results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('../bench/results/latest.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);

  console.log(`\n${'name'.padEnd(20)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'ratio'.padStart(6)}`);
  console.log(`${'baseline (echo)'.padEnd(20)} ${String(baseline.rps).padStart(8)} ${String(baseline.p50_ms).padStart(8)} ${String(baseline.p99_ms).padStart(8)} ${'1.00'.padStart(6)}`);
  for (const r of results) console.log(`${r.name.padEnd(20)} ${String(r.rps).padStart(8)} ${String(r.p50_ms).padStart(8)} ${String(r.p99_ms).padStart(8)} ${r.ratio.toFixed(2).padStart(6)}`);
  console.log(`\naudit ingest while each run loaded the system (traces indexed / s from start to caught up):`);
  for (const i of ingest) console.log(`  ${i.name.padEnd(20)} ${String(i.traces).padStart(8)} traces ${String(i.traces_per_s).padStart(7)} traces/s (AUDIT backlog at the end of the run: ${i.lag_at_end})`);
  console.log(`\nreplay: ${replayResult.events} events (${replayResult.messages} messages) rebuilt in ${replayResult.seconds} s = ${replayResult.events_per_s} events/s; live models ${report.identical ? 'identical' : 'DIFFERENT'}`);
  process.stdout.write(tracesOut.split('\n').slice(0, -2).join('\n') + '\n');
  await echo.close();
} finally {
  await dew.stop();
}
