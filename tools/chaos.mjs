#!/usr/bin/env node
// `make chaos` (docs/faults.md): DEW under a steady mixed load, each process killed with SIGKILL in
// turn (then, unless DEW_CHAOS_CLUSTER=0, one node and replicas of cluster mode); prints the table
// and writes bench/results/chaos.json. DEW_CHAOS_SHORT=1 runs the short form CI runs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { runChaos, chaosTable } from '../libs/testing/dist/chaos/index.js';

const short = process.env.DEW_CHAOS_SHORT === '1';
const cluster = process.env.DEW_CHAOS_CLUSTER !== '0';
const log = (line) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}`);
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();

const reports = [await runChaos({ short, log })];
if (cluster) reports.push(await runChaos({ short, cluster: true, log }));

for (const report of reports) console.log(`\n${chaosTable(report)}`);
const out = new URL('../bench/results/', import.meta.url);
mkdirSync(out, { recursive: true });
const json = reports.map(({ replay, ...r }) => ({ ...r, replay: { identical: replay.identical, seconds: replay.seconds } }));
writeFileSync(new URL('chaos.json', out), `${JSON.stringify({ when: new Date().toISOString(), commit, reports: json }, null, 2)}\n`);
console.log('\nwritten to bench/results/chaos.json');
const failed = reports.some((r) => r.acked.missing.length > 0 || r.acked.duplicates.length > 0 || !r.replay.identical || r.faults.some((f) => f.serverFaults.length > 0 || f.unexplained.length > 0));
if (failed) {
  for (const r of reports) for (const line of [...r.acked.missing, ...r.acked.duplicates]) console.error(`  ${line}`);
  for (const r of reports) for (const f of r.faults) for (const key of [...f.serverFaults, ...f.unexplained]) console.error(`  kill -9 ${f.phase}: ${key}`);
  console.error('chaos: FAILED (an acknowledged write missing or doubled, an error a crash does not explain — a 5xx other than 503, a 4xx —, or a replay that differs)');
}
process.exit(failed ? 1 : 0);
