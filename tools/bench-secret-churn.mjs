#!/usr/bin/env node
// create-secret as one project's history grows (issue 19), alone: boots the system (as `make
// bench`) and runs its secret-churn scenario (tools/bench/secret-churn.mjs): BENCH_CHURN (default
// 20 000) create-secret + delete-secret pairs in one project at BENCH_CONNECTIONS (default 32)
// callers, the pairs per second of each block of 1 000, then create-secret there and in a fresh
// project. A benchmark, not a test: nothing asserts speed, and the numbers move with whatever else
// shares the CPU.
import { DewSystem, ONE_CALLER_MAY_FILL_THE_GATEWAY } from '../libs/testing/dist/index.js';
import { progress } from './bench/progress.mjs';
import { secretChurnScenario } from './bench/secret-churn.mjs';

// BENCH_CONNECTIONS may be above one access key's share of the gateway.
const dew = await DewSystem.start({ env: { DEW_LOG_LEVEL: 'warn', ...ONE_CALLER_MAY_FILL_THE_GATEWAY } });
try {
  const figures = await secretChurnScenario({ dew, say: progress(), connections: Number(process.env.BENCH_CONNECTIONS ?? 32), total: Number(process.env.BENCH_CHURN ?? 20_000) });
  console.log(JSON.stringify({ secretChurn: figures }));
} finally {
  await dew.stop();
}
