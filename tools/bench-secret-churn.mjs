#!/usr/bin/env node
// create-secret as one project's history grows (issue 19): boots the system (as `make bench`),
// then BENCH_CHURN (default 20 000) create-secret + delete-secret pairs in one project at
// BENCH_CONNECTIONS (default 32) callers, printing the pairs per second of each block of 1 000.
// A flat series means the cost of one event does not grow with the history (the secret set's
// maps are persistent and deleted secrets leave it: docs/architecture.md). A benchmark, not a
// test: nothing asserts speed, and the numbers move with whatever else shares the CPU.
import { DewSystem } from '../libs/testing/dist/index.js';

const TOTAL = Number(process.env.BENCH_CHURN ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const BLOCK = 1000;

const dew = await DewSystem.start({ env: { DEW_LOG_LEVEL: 'warn' } });
try {
  const api = dew.client();
  let next = 0;
  /** One caller: create then delete, until the block's last pair is taken. */
  async function caller(until) {
    for (let i = next++; i < until; i = next++) {
      const created = await api.call('POST', '/v1/{project_id}/secrets', { name: `churn-${i}`, secret_string: 'v' });
      if (created.status !== 200) throw new Error(`create-secret ${i}: ${created.status} ${JSON.stringify(created.body)}`);
      const deleted = await api.call('DELETE', `/v1/{project_id}/secrets/churn-${i}`);
      if (deleted.status !== 204) throw new Error(`delete-secret ${i}: ${deleted.status} ${JSON.stringify(deleted.body)}`);
    }
  }
  const rows = [];
  for (let done = 0; done < TOTAL; done += BLOCK) {
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CONNECTIONS }, () => caller(done + BLOCK)));
    next = done + BLOCK;
    const pairsPerS = Math.round(BLOCK / ((performance.now() - t0) / 1000));
    rows.push({ history: done, pairs_per_s: pairsPerS });
    console.log(`after ${String(done).padStart(6)} creates+deletes: ${String(pairsPerS).padStart(5)} create+delete pairs/s (${2 * pairsPerS} req/s)`);
  }
  console.log(JSON.stringify({ secretChurn: rows }));
} finally {
  await dew.stop();
}
