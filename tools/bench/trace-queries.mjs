// Part of `make bench`: trace queries over HTTP against an audit service holding BENCH_HTTP_TRACES
// (default 1 000 000) traces. The records are published to the bench system's AUDIT stream (as the
// KMS would append them, in the caller's project) and the running audit service indexes them from
// the stream, as it does any record; then GET /v3/{project_id}/traces is called through the
// gateway with the Huawei SDK's signing (resource-id and trace-name filters, page of 10 over the
// whole 7-day window), one request at a time. Also reports the audit service's RSS (VmRSS) and
// records kms's and audit's memory (`memoryAt`, tools/bench/memory.mjs) before, indexed, after the queries.
import { readFileSync } from 'node:fs';

const TOTAL = Number(process.env.BENCH_HTTP_TRACES ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_HTTP_TRACE_QUERIES ?? 500);
const KEYS = 10_000;
const FLUSH_EVERY = 5000;
const NAMES = ['createKey', 'encryptData', 'decryptData', 'createDataKey', 'decryptDataKey', 'sign', 'verify', 'disableKey', 'enableKey', 'createGrant', 'getSecretVersion', 'createSecretVersion', 'scheduleKeyDeletion', 'rotateKey', 'genRandom'];
const DAY = 86_400_000;

const uuid = (prefix, n) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const keyId = (k) => uuid('b0000000', k);
const rssMib = (pid) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);

function percentiles(lat) {
  lat.sort((a, b) => a - b);
  const pct = (p) => Number(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(2));
  return { p50_ms: pct(0.5), p99_ms: pct(0.99) };
}

/**
 * Publishes the records, waits until the audit service has indexed them all (`appliedAudit()`:
 * its health's AUDIT sequence; `auditLastSeq()`: the stream's), then measures the queries. `api` is an SdkClient of the project.
 */
export async function traceQueriesOverHttp({ dew, api, projectId, appliedAudit, auditLastSeq, say, memoryAt }) {
  const now = Date.now();
  // Spread over the retention, minus an hour at each end: no trace ages out during the run.
  const timeOf = (i) => now - 7 * DAY + 3_600_000 + Math.floor((i / TOTAL) * (7 * DAY - 2 * 3_600_000));
  const record = (i) => JSON.stringify({
    trace_id: uuid('a0000000', i), trace_name: NAMES[i % NAMES.length], trace_rating: 'normal', trace_type: 'ApiCall', service_type: 'KMS',
    resource_type: 'cmk', resource_id: keyId((i * 7919) % KEYS), resource_name: '', code: '200',
    user: { id: 'bench-user', name: 'admin', domain: { id: 'bench-domain', name: 'bench' }, access_key_id: 'BENCHAK', root_user: true },
    source_ip: '127.0.0.1', request: { key_id: keyId((i * 7919) % KEYS), encryption_algorithm: 'SYMMETRIC_DEFAULT' }, time: timeOf(i), request_id: `bench-${i}`,
    api_version: 'v1.0', project_id: projectId, response: `{"key_id":"${keyId((i * 7919) % KEYS)}"}`, endpoint: 'bench', read_only: true,
  });

  const auditPid = dew.servicePid('audit');
  const rssBefore = rssMib(auditPid);
  await memoryAt('before trace queries');
  const nc = await dew.connectNats('kms-streams');
  const encoder = new TextEncoder();
  const t0 = performance.now();
  // Core publishes to the stream's subject (JetStream stores them as any), flushed every FLUSH_EVERY:
  // an ack per record would measure the publisher, not the audit service.
  const first = await auditLastSeq();
  for (let i = 0; i < TOTAL; i++) {
    nc.publish('audit.kms.bench', encoder.encode(record(i)));
    if ((i + 1) % FLUSH_EVERY === 0) await nc.flush();
    if (i % 100_000 === 0 && i > 0) say.step(`trace queries: ${i} records published`);
  }
  await nc.flush();
  const last = first + TOTAL;
  while ((await auditLastSeq()) < last) {
    if (performance.now() - t0 > 600_000) throw new Error(`the AUDIT stream holds ${(await auditLastSeq()) - first} of ${TOTAL} records`);
    await new Promise((res) => setTimeout(res, 200));
  }
  const publishedS = (performance.now() - t0) / 1000;
  while ((await appliedAudit()) < last) await new Promise((res) => setTimeout(res, 500));
  const indexedS = (performance.now() - t0) / 1000;
  await nc.close();
  const rssIndexed = rssMib(auditPid);
  await memoryAt(`${TOTAL.toLocaleString('en-US')} traces indexed`);

  const window = `from=${now - 7 * DAY + 60_000}&to=${now + 60_000}&limit=10`;
  async function measure(query) {
    const lat = [];
    for (let i = 0; i < QUERIES; i++) {
      const t = performance.now();
      const r = await api.call('GET', `/v3/{project_id}/traces?${query(i)}&${window}`);
      lat.push(performance.now() - t);
      // A query that answers nothing fast would be a meaningless benchmark.
      if (r.status !== 200 || r.body.traces.length !== 10) throw new Error(`trace query ${query(i)}: ${r.status}, ${r.body.traces?.length} traces`);
    }
    return percentiles(lat);
  }
  const resourceId = await measure((i) => `resource_id=${keyId((i * 104_729) % KEYS)}`);
  const traceName = await measure((i) => `trace_name=${NAMES[i % NAMES.length]}`);
  const result = {
    traces: TOTAL,
    publish_s: Number(publishedS.toFixed(1)),
    indexed_s: Number(indexedS.toFixed(1)),
    service_ingest_traces_per_s: Math.round(TOTAL / indexedS),
    queries: QUERIES,
    resource_id: resourceId,
    trace_name: traceName,
    audit_rss_mib: { before: rssBefore, indexed: rssIndexed, after_queries: rssMib(auditPid) },
  };
  await memoryAt('after the trace queries');
  return result;
}

/** The figures as `make bench` prints them. */
export function traceQueryLines(r) {
  return [
    `trace queries over HTTP, ${r.traces} traces in the audit service (published in ${r.publish_s} s, all indexed after ${r.indexed_s} s = ${r.service_ingest_traces_per_s} traces/s):`,
    ...['resource_id', 'trace_name'].map((f) => `  ${f.padEnd(12)} filter, page of 10, 7 days: p50 ${r[f].p50_ms} ms, p99 ${r[f].p99_ms} ms (${r.queries} signed requests, one at a time)`),
    `  audit service RSS: ${r.audit_rss_mib.before} MiB before, ${r.audit_rss_mib.indexed} MiB with the traces indexed, ${r.audit_rss_mib.after_queries} MiB after the queries`,
  ];
}
