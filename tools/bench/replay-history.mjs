// A realistic history in a running DEW's streams, for measuring replay (tools/bench-replay-growth.mjs).
// State changes go through the gateway with the SDK: IAM users, KMS keys (created, described,
// rotation switched on and off, grants), CSMS secrets and their versions. The rest — as in
// production, most of the history — are audit records of crypto calls, appended with the services'
// own AuditPublisher as the kms's streams user, each a copy of a record the kms wrote with a new
// trace id, request id and time.
import { randomUUID } from 'node:crypto';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { AuditPublisher, REPLAYED_STREAMS, subjects } from '../../libs/messaging/dist/index.js';
import { auditRecordsOf } from '../../libs/contracts/dist/index.js';

const API_CONCURRENCY = 16;
const AUDIT_CONCURRENCY = 256;
const KEYS = 40; // under the 50-key quota of a project
const SECRETS = 150; // under the 200-secret quota
const USERS = 50;

const ok = async (what, promise) => {
  const res = await promise;
  if (res.status < 200 || res.status > 299) throw new Error(`${what} answered ${res.status} ${res.errorCode ?? ''} ${res.errorMsg ?? ''}`);
  return res.body;
};

const inParallel = async (count, concurrency, task) => {
  let left = count;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (left-- > 0) await task();
  }));
};

/**
 * `fillTo(target)`: adds state changes (`stateShare` of what is missing) and audit records until
 * the replayed streams hold about `target` events (AUDIT records counted one by one). `replayNc`: a connection as the replay user.
 */
export async function historyFiller(dew, replayNc, { stateShare = 0.05 } = {}) {
  const api = dew.client();
  const { domain_id: domainId } = dew.credentials;
  const jsm = await jetstreamManager(replayNc);
  const keys = [];
  const secrets = [];
  const users = [];
  let calls = 0;

  /** One state-changing call, chosen round-robin so every kind of aggregate grows. */
  const stateChange = async () => {
    const n = calls++;
    const key = keys[n % Math.max(keys.length, 1)];
    switch (n % 8) {
      case 0:
        if (keys.length < KEYS) return keys.push((await ok('create-key', api.kms('create-key', { key_alias: `growth-${n}`, key_spec: 'AES_256' }))).key_info.key_id);
        return ok('update-key-description', api.kms('update-key-description', { key_id: key, key_description: `d${n}` }));
      case 1:
        if (users.length < USERS) return users.push((await ok('create-user', api.call('POST', '/v3/users', { user: { name: `growth-user-${n}`, domain_id: domainId } }))).user.id);
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

  // A real audit record of a crypto call: the template of the bulk of the history.
  const aes = (await ok('create-key', api.kms('create-key', { key_alias: 'growth-audit', key_spec: 'AES_256' }))).key_info.key_id;
  await ok('encrypt-data', api.kms('encrypt-data', { key_id: aes, plain_text: 'x'.repeat(32) }));
  const { state } = await jsm.streams.info('AUDIT');
  const reader = await jetstream(replayNc).consumers.get('AUDIT', { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: state.last_seq });
  const template = auditRecordsOf(new TextDecoder().decode((await reader.next()).data))[0];
  const kmsStreams = await dew.connectNats('kms-streams');
  const publisher = new AuditPublisher(kmsStreams, (r) => subjects.auditRecord('kms', r.project_id));
  // The publisher stores the records of one turn several to a message (docs/architecture.md,
  // "Audit"), so the history is counted in events: the event streams' messages, the AUDIT records
  // stored before, and the records published here.
  let published = 0;
  const auditRecords = (count) => inParallel(count, AUDIT_CONCURRENCY, async () => {
    await publisher.record({ ...template, trace_id: randomUUID(), request_id: randomUUID(), time: Date.now() });
    published++;
  });
  const auditBefore = (await jsm.streams.info('AUDIT')).state.messages;
  const storedEvents = async () => {
    let total = auditBefore + published;
    for (const stream of REPLAYED_STREAMS) if (stream !== 'AUDIT') total += await jsm.streams.info(stream).then((s) => s.state.messages, () => 0);
    return total;
  };

  return {
    storedEvents,
    async fillTo(target) {
      const missing = Math.max(0, target - (await storedEvents()));
      await inParallel(Math.round(missing * stateShare), API_CONCURRENCY, stateChange);
      await auditRecords(Math.max(0, target - (await storedEvents())));
      return storedEvents();
    },
    close: () => kmsStreams.close(),
  };
}
