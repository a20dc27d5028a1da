#!/usr/bin/env node
// How replay's cost grows with the history (issue 19, "How cost grows"): boots a fresh DEW, fills
// its streams with about N events, replays, adds events up to about 10 × N, replays again, and
// prints both times. The mix: IAM users, KMS keys (created, described, rotation switched on and
// off, grants), CSMS secrets and their versions — all through the gateway with the SDK — and, for
// the rest (as in production, most of the history), audit records of crypto calls appended with the
// services' own AuditPublisher, copied from a record the kms wrote. Every replay must report the
// live models identical. Last line of stdout: the figures as JSON (tools/bench.mjs reads it).
//   REPLAY_GROWTH_N (default 10000), REPLAY_GROWTH_STATE_SHARE (default 0.05: share of state changes),
//   REPLAY_CPU_PROFILE=<dir>: a V8 CPU profile of each replay (this process only) written there.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { DewSystem } from '../libs/testing/dist/index.js';
import { replay } from '../libs/read-models/dist/index.js';
import { AuditPublisher, REPLAYED_STREAMS, SERVICE_NAMES, subjects } from '../libs/messaging/dist/index.js';

const N = Number(process.env.REPLAY_GROWTH_N ?? 10_000);
const STATE_SHARE = Number(process.env.REPLAY_GROWTH_STATE_SHARE ?? 0.05);
const PROFILE_DIR = process.env.REPLAY_CPU_PROFILE;
const CONCURRENCY = 16;
const KEYS = 40; // under the 50-key quota of a project
const SECRETS = 150; // under the 200-secret quota
const log = (line) => process.stderr.write(`${line}\n`);

const dew = await DewSystem.start({ env: { DEW_LOG_LEVEL: 'warn' }, startTimeoutMs: 240_000 });
try {
  const api = dew.client();
  const replayNc = await dew.connectNats('replay');
  const jsm = await jetstreamManager(replayNc);
  const ok = async (what, promise) => {
    const res = await promise;
    if (res.status < 200 || res.status > 299) throw new Error(`${what} answered ${res.status} ${res.errorCode ?? ''} ${res.errorMsg ?? ''}`);
    return res.body;
  };

  const keys = [];
  const secrets = [];
  const users = [];
  let opCount = 0;
  /** One state-changing call, chosen round-robin so every kind of aggregate grows. */
  const stateChange = async () => {
    const n = opCount++;
    const key = keys[n % Math.max(keys.length, 1)];
    switch (n % 8) {
      case 0:
        if (keys.length < KEYS) return keys.push((await ok('create-key', api.kms('create-key', { key_alias: `growth-${n}`, key_spec: 'AES_256' }))).key_info.key_id);
        return ok('update-key-description', api.kms('update-key-description', { key_id: key, key_description: `d${n}` }));
      case 1:
        if (users.length < 50) return users.push((await ok('create-user', api.call('POST', '/v3/users', { user: { name: `growth-user-${n}`, domain_id: dew.credentials.domain_id } }))).user.id);
        return ok('update-key-description', api.kms('update-key-description', { key_id: key, key_description: `u${n}` }));
      case 2:
        if (!key || users.length === 0) return undefined;
        return ok('create-grant', api.kms('create-grant', { key_id: key, grantee_principal: users[n % users.length], operations: ['encrypt-data'] }));
      case 3:
        if (!key) return undefined;
        return ok('rotation', api.kms(n % 16 === 3 ? 'enable-key-rotation' : 'disable-key-rotation', { key_id: key }));
      case 4:
      case 5:
        if (secrets.length < SECRETS) {
          const name = `growth-secret-${n}`;
          await ok('create-secret', api.call('POST', '/v1/{project_id}/secrets', { name, secret_string: `v${n}` }));
          return secrets.push(name);
        }
      // falls through: the quota is reached, a new version instead
      default:
        if (secrets.length === 0) return undefined;
        return ok('put-secret-version', api.call('POST', `/v1/{project_id}/secrets/${secrets[n % secrets.length]}/versions`, { secret_string: `v${n}` }));
    }
  };
  const inParallel = async (count, task) => {
    let left = count;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) await task();
    }));
  };

  // A real audit record of a crypto call, as the template of the bulk of the history.
  const aes = (await ok('create-key', api.kms('create-key', { key_alias: 'growth-audit', key_spec: 'AES_256' }))).key_info.key_id;
  await ok('encrypt-data', api.kms('encrypt-data', { key_id: aes, plain_text: 'x'.repeat(32) }));
  const auditInfo = await jsm.streams.info('AUDIT');
  const reader = await jetstream(replayNc).consumers.get('AUDIT', { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: auditInfo.state.last_seq });
  const template = (await reader.next()).json();
  const kmsStreams = await dew.connectNats('kms-streams');
  const publisher = new AuditPublisher(kmsStreams, (r) => subjects.auditRecord('kms', r.project_id));
  const auditRecords = (count) => inParallel(count, () => publisher.record({ ...template, trace_id: randomUUID(), request_id: randomUUID(), time: Date.now() }));

  const storedMessages = async () => {
    let total = 0;
    for (const stream of REPLAYED_STREAMS) total += await jsm.streams.info(stream).then((s) => s.state.messages, () => 0);
    return total;
  };
  /** Adds state changes and audit records until the streams hold about `target` messages. */
  const fillTo = async (target) => {
    const t0 = performance.now();
    const have = await storedMessages();
    const missing = Math.max(0, target - have);
    await inParallel(Math.round(missing * STATE_SHARE), stateChange);
    await auditRecords(Math.max(0, target - (await storedMessages())));
    log(`filled to ${await storedMessages()} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  const session = PROFILE_DIR ? new Session() : undefined;
  if (session) {
    mkdirSync(PROFILE_DIR, { recursive: true });
    session.connect();
    await session.post('Profiler.enable');
  }
  const measure = async (label) => {
    await session?.post('Profiler.start');
    const report = await replay(replayNc, SERVICE_NAMES);
    if (session) writeFileSync(`${PROFILE_DIR}/replay-${label}.cpuprofile`, JSON.stringify((await session.post('Profiler.stop')).profile));
    if (!report.identical) throw new Error(`replay of ${label} events: the live models differ`);
    const seconds = report.rebuildMs / 1000;
    const row = { events: report.events, messages: report.messages, seconds: Number(seconds.toFixed(2)), events_per_s: Math.round(report.events / seconds) };
    log(`replay ${label}: ${row.events} events (${row.messages} messages) in ${row.seconds} s = ${row.events_per_s} events/s, identical`);
    return row;
  };

  await fillTo(N);
  const small = await measure('N');
  await fillTo(10 * N);
  const large = await measure('10N');
  const result = { n: small, ten_n: large, time_ratio: Number((large.seconds / small.seconds).toFixed(2)), events_ratio: Number((large.events / small.events).toFixed(2)) };
  log(`10 × the events: ${result.events_ratio} × the events took ${result.time_ratio} × the time`);
  console.log(JSON.stringify(result));
  await kmsStreams.close();
  await replayNc.close();
} finally {
  await dew.stop();
}
