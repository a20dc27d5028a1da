#!/usr/bin/env node
// How replay's cost grows with the history (issue 19, "How cost grows"): boots a fresh DEW, fills
// its streams with about N events (tools/bench/replay-history.mjs: state changes through the API,
// audit records through the services' publisher), replays, adds events up to about 10 × N, replays
// again, and prints both. Every replay must find the live models identical. Progress on stderr; the
// last line of stdout is the figures as JSON (tools/bench.mjs reads it).
//   REPLAY_GROWTH_N (default 10000), REPLAY_GROWTH_STATE_SHARE (default 0.05: state changes' share),
//   REPLAY_CPU_PROFILE=<dir>: a V8 CPU profile of each replay (this process only) written there.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { DewSystem } from '../libs/testing/dist/index.js';
import { replay } from '../libs/read-models/dist/index.js';
import { SERVICE_NAMES } from '../libs/messaging/dist/index.js';
import { historyFiller } from './bench/replay-history.mjs';

const N = Number(process.env.REPLAY_GROWTH_N ?? 10_000);
const STATE_SHARE = Number(process.env.REPLAY_GROWTH_STATE_SHARE ?? 0.05);
const PROFILE_DIR = process.env.REPLAY_CPU_PROFILE;
const log = (line) => process.stderr.write(`${line}\n`);

const dew = await DewSystem.start({ env: { DEW_LOG_LEVEL: 'warn' }, startTimeoutMs: 240_000 });
try {
  const replayNc = await dew.connectNats('replay');
  const history = await historyFiller(dew, replayNc, { stateShare: STATE_SHARE });
  const session = PROFILE_DIR ? new Session() : undefined;
  if (session) {
    mkdirSync(PROFILE_DIR, { recursive: true });
    session.connect();
    await session.post('Profiler.enable');
  }
  const fillTo = async (target) => {
    const t0 = performance.now();
    const stored = await history.fillTo(target);
    log(`filled to ${stored} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  const measure = async (label) => {
    await session?.post('Profiler.start');
    const report = await replay(replayNc, SERVICE_NAMES);
    if (session) writeFileSync(`${PROFILE_DIR}/replay-${label}.cpuprofile`, JSON.stringify((await session.post('Profiler.stop')).profile));
    if (!report.identical) throw new Error(`replay of ${label} events: the live models differ`);
    const seconds = report.rebuildMs / 1000;
    const row = { events: report.events, messages: report.messages, seconds: Number(seconds.toFixed(2)), events_per_s: Math.round(report.events / seconds), total_seconds: Number((report.totalMs / 1000).toFixed(2)) };
    log(`replay ${label}: ${row.events} events (${row.messages} messages) rebuilt in ${row.seconds} s = ${row.events_per_s} events/s (${row.total_seconds} s with the comparison), identical`);
    return row;
  };

  await fillTo(N);
  const small = await measure('N');
  await fillTo(10 * N);
  const large = await measure('10N');
  const result = { n: small, ten_n: large, events_ratio: Number((large.events / small.events).toFixed(2)), time_ratio: Number((large.seconds / small.seconds).toFixed(2)) };
  log(`${result.events_ratio} × the events took ${result.time_ratio} × the time`);
  console.log(JSON.stringify(result));
  await history.close();
  await replayNc.close();
} finally {
  await dew.stop();
}
