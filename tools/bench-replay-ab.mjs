#!/usr/bin/env node
// Replay's cost on one history, before and after a change (issue 19): boots a fresh DEW, fills its
// streams once with about REPLAY_AB_N events (tools/bench/replay-history.mjs), then runs `dew
// replay` (deploy/local/dist/cli.js) REPLAY_AB_ROUNDS times from this checkout and, with
// REPLAY_AB_BASE=<another built checkout>, from that one too, alternately, so both see the same
// streams and the same load. Prints for each replay its rebuild rate (events/s, the report's figure)
// and the replay process's CPU per event (user + system, from /proc, the whole `dew replay`
// process: start, rebuild, comparison), with the load average; every replay must say identical.
// REPLAY_AB_ROUNDS=0: fills, prints the system's DEW_DATA_DIR and DEW_NATS_PORT and keeps it
// running (for `node deploy/local/dist/cli.js replay` by hand) until SIGINT or SIGTERM.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DewSystem } from '../libs/testing/dist/index.js';
import { historyFiller } from './bench/replay-history.mjs';

const N = Number(process.env.REPLAY_AB_N ?? 100_000);
const ROUNDS = Number(process.env.REPLAY_AB_ROUNDS ?? 3);
const here = resolve(import.meta.dirname, '..');
const checkouts = [['after', here], ...(process.env.REPLAY_AB_BASE ? [['before', resolve(process.env.REPLAY_AB_BASE)]] : [])];
const log = (line) => process.stderr.write(`${line}\n`);
const TICKS_PER_S = 100; // USER_HZ on Linux

/** CPU seconds (user + system) of a live process and its finished children, from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return fields.slice(11, 15).reduce((s, f) => s + Number(f), 0) / TICKS_PER_S;
}

/** One `dew replay`: its report's rebuild line and the CPU its process used, read just before it exits. */
function replayOnce(root, dew) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(root, 'deploy/local/dist/cli.js'), 'replay'], {
      env: { PATH: process.env.PATH ?? '', DEW_DATA_DIR: dew.dataDir, DEW_NATS_PORT: String(dew.natsPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let cpu = 0;
    const sample = setInterval(() => { try { cpu = cpuSeconds(child.pid); } catch { /* exited */ } }, 20);
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => {
      clearInterval(sample);
      const m = /rebuilt from an empty start: (\d+) messages, (\d+) events in ([\d.]+) s \((\d+) events\/s\); compared with the live models, ([\d.]+) s in all/.exec(out);
      if (code !== 0 || !m || !/\nidentical$/m.test(out)) return fail(new Error(`replay from ${root} exited ${code}:\n${out}`));
      done({ events: Number(m[2]), rebuild_s: Number(m[3]), events_per_s: Number(m[4]), total_s: Number(m[5]), cpu_us_per_event: Math.round((cpu * 1e6) / Number(m[2])) });
    });
  });
}

const dew = await DewSystem.start({ env: { DEW_LOG_LEVEL: 'warn' }, startTimeoutMs: 240_000 });
try {
  const replayNc = await dew.connectNats('replay');
  const history = await historyFiller(dew, replayNc);
  const t0 = performance.now();
  log(`filled to ${await history.fillTo(N)} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await history.close();
  await replayNc.close();
  if (ROUNDS === 0) {
    log(`DEW_DATA_DIR=${dew.dataDir} DEW_NATS_PORT=${dew.natsPort}`);
    await new Promise((stop) => { process.once('SIGINT', stop); process.once('SIGTERM', stop); });
  }
  const rows = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [label, root] of round % 2 === 1 ? checkouts : [...checkouts].reverse()) {
      const row = { round, checkout: label, ...(await replayOnce(root, dew)), loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') };
      log(`${label}: ${row.events} events, rebuilt in ${row.rebuild_s} s = ${row.events_per_s} events/s, ${row.cpu_us_per_event} µs CPU per event (whole process), ${row.total_s} s in all; load ${row.loadavg}`);
      rows.push(row);
    }
  }
  console.log(JSON.stringify(rows));
} finally {
  await dew.stop();
}
