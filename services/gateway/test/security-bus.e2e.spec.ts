import { randomBytes } from 'node:crypto';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { checkSignedRequest, signSdkHmacSha256 } from '@dew/aksk';
import { DewSystem, rawSignedRequest, rememberSecret, tracesOf, type ApiCredentials, type SdkClient } from '@dew/testing';

let dew: DewSystem;
let admin: SdkClient;
let adminUserId: string;

beforeAll(async () => {
  dew = await DewSystem.start();
  admin = dew.client();
  const users = await admin.call<{ users: { id: string; name: string }[] }>('GET', '/v3/users');
  adminUserId = users.body.users.find((u) => u.name === dew.credentials.user_name)?.id ?? '';
  expect(adminUserId).toMatch(/^[0-9a-f]{32}$/);
});
afterAll(async () => {
  await dew?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const kmsPath = (verb: string) => `/v1.0/${dew.credentials.project_id}/kms/${verb}`;

async function groupNames(): Promise<string[]> {
  const res = await admin.call<{ groups: { name: string }[] }>('GET', '/v3/groups');
  expect(res.status).toBe(200);
  return res.body.groups.map((g) => g.name);
}

/** Headers a forger would store beside its message: the admin's identity and an Allow. */
function forgedContext() {
  const h = natsHeaders();
  for (const [name, value] of Object.entries({
    'Dew-Request-Id': 'forged', 'Dew-Project-Id': dew.credentials.project_id, 'Dew-Domain-Id': dew.credentials.domain_id,
    'Dew-User-Id': adminUserId, 'Dew-User-Name': dew.credentials.user_name, 'Dew-Trace-Type': 'ApiCall', 'Dew-Iam-Decision': 'Allow',
  })) h.set(name, value);
  return h;
}

/** Subscribes and reports how the server answered within a second: a permission violation, or nothing. */
async function subscribeOutcome(nc: NatsConnection, subject: string): Promise<string> {
  const sub = nc.subscribe(subject);
  await nc.flush();
  const closed = sub.closed.then((err) => (err instanceof Error ? err.message : 'closed'));
  return Promise.race([closed, sleep(1000).then(() => 'subscribed')]);
}

async function userWithAccessKey(name: string): Promise<{ userId: string; creds: ApiCredentials }> {
  const user = await admin.call<{ user: { id: string } }>('POST', '/v3/users', { user: { name, domain_id: dew.credentials.domain_id } });
  expect(user.status).toBe(201);
  const key = await admin.call<{ credential: { access: string; secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: user.body.user.id } });
  expect(key.status).toBe(201);
  rememberSecret('secret-key', key.body.credential.secret);
  return { userId: user.body.user.id, creds: { access: key.body.credential.access, secret: key.body.credential.secret, project_id: dew.credentials.project_id } };
}

describe('point 6: replies are private (one inbox prefix per NATS user)', () => {
  it.each(['replay', 'kms', 'csms-streams'])('%s user: subscribing to the gateway\'s or iam\'s inbox, or to all of _INBOX, is a permission violation', async (user) => {
    const nc = await dew.connectNats(user);
    for (const subject of ['_INBOX.gateway.>', '_INBOX.iam.>', '_INBOX.>']) {
      expect(await subscribeOutcome(nc, subject)).toMatch(/permissions violation/i);
    }
  });

  it('every user still gets its own replies: runner health, replay and kms stream info, gateway traffic over HTTP', async () => {
    const runner = await dew.connectNats('runner');
    expect((await runner.request('sys.health.iam', '{}', { timeout: 10_000 })).json<{ ok: { status: string } }>().ok.status).toBe('ok');
    expect((await (await jetstreamManager(await dew.connectNats('replay'))).streams.info('AUDIT')).config.name).toBe('AUDIT');
    expect((await (await jetstreamManager(await dew.connectNats('kms'))).streams.info('EVT_KMS')).config.name).toBe('EVT_KMS');
    expect((await admin.kms('list-keys', {})).status).toBe(200);
  });
});

describe('point 7: the secret key never leaves IAM', () => {
  it('iam.authenticate asked as the gateway with a valid signature: identity and decision only, no secret field, no SK anywhere in the reply', async () => {
    const gateway = await dew.connectNats('gateway');
    const url = kmsPath('list-keys');
    const signed = signSdkHmacSha256({ method: 'POST', url, headers: { 'content-type': 'application/json', host: 'dew' }, body: '{}' }, { accessKey: dew.credentials.access, secretKey: dew.credentials.secret }, new Date());
    const check = checkSignedRequest({ method: 'POST', url, headers: signed.headers, body: Buffer.from('{}') }, new Date());
    if (!check.ok) throw new Error(check.message);
    const credential = { kind: 'aksk', access_key: check.accessKey, string_to_sign: check.stringsToSign, signature: check.signature };
    const reply = await gateway.request('iam.authenticate', JSON.stringify({ credential, action: 'kms:cmk:list' }), { timeout: 10_000 });
    const body = reply.json<{ ok?: Record<string, unknown> }>();
    expect(body.ok).toMatchObject({ user_id: adminUserId, decision: 'Allow' });
    expect(Object.keys(body.ok ?? {})).not.toContain('secret');
    expect(reply.string()).not.toContain(dew.credentials.secret);
  });

  it('iam.authenticate asked the old way (access key only, no signature): IAM.0002, no SK', async () => {
    const gateway = await dew.connectNats('gateway');
    const reply = await gateway.request('iam.authenticate', JSON.stringify({ credential: { kind: 'aksk', access_key: dew.credentials.access }, action: 'kms:cmk:list' }), { timeout: 10_000 });
    expect(reply.json<{ error?: { code: string } }>().error?.code).toBe('IAM.0002');
    expect(reply.string()).not.toContain(dew.credentials.secret);
  });

  it('over HTTP: a valid signature is 200; a wrong SK and an unknown AK are both 401 KMS.0302 with the same message shape', async () => {
    expect((await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', kmsPath('list-keys'), '{}')).status).toBe(200);
    const wrongSk = await rawSignedRequest(dew.endpoint, { ...dew.credentials, secret: 'y'.repeat(40) }, 'POST', kmsPath('list-keys'), '{}');
    const unknownAk = await rawSignedRequest(dew.endpoint, { ...dew.credentials, access: 'UNKNOWNACCESSKEY0000' }, 'POST', kmsPath('list-keys'), '{}');
    for (const [res, ak] of [[wrongSk, dew.credentials.access], [unknownAk, 'UNKNOWNACCESSKEY0000']] as const) {
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ error: { error_code: 'KMS.0302', error_msg: expect.stringContaining(`signature does not match for access key ${ak}`) } });
    }
  });
});

describe('point 8: no forged requests through JetStream or the bus', () => {
  it('kms user: a push consumer delivering a stored message with forged Dew-* headers to iam.create-group creates no group', async () => {
    const kms = await dew.connectNats('kms');
    const jsm = await jetstreamManager(kms);
    const name = `forged-${randomBytes(4).toString('hex')}`;
    const subject = `$KV.KMS_LEASES.${name}`;
    await jetstream(kms).publish(subject, JSON.stringify({ group: { name } }), { headers: forgedContext() });
    await jsm.consumers.add('KV_KMS_LEASES', { deliver_subject: 'iam.create-group', deliver_group: 'dew', filter_subject: subject, ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All });
    await sleep(1500);
    expect(await groupNames()).not.toContain(name);
    // The same body through the gateway does create it: the refusal above is the bus's, not the request's.
    expect((await admin.call('POST', '/v3/groups', { group: { name: `${name}-via-gateway` } })).status).toBe(201);
  });

  it('kms user: a core publish to iam.create-group, even with a reply subject in the gateway\'s inbox, is a permission violation and creates no group', async () => {
    const kms = await dew.connectNats('kms');
    const errors: string[] = [];
    void (async () => {
      for await (const s of kms.status()) if (s.type === 'error') errors.push(String((s as { error?: unknown }).error));
    })();
    const name = `forged-${randomBytes(4).toString('hex')}`;
    kms.publish('iam.create-group', JSON.stringify({ group: { name } }), { headers: forgedContext(), reply: '_INBOX.gateway.forged' });
    await kms.flush().catch(() => undefined);
    await sleep(500);
    expect(errors.join(' ')).toMatch(/permissions violation/i);
    expect(await groupNames()).not.toContain(name);
  });

  it('a request without Dew-Iam-Decision to a grant-coverable KMS op (describe-key, own project, no grant): refused KMS.0306, never Allow', async () => {
    const created = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `no-decision-${randomBytes(3).toString('hex')}` });
    expect(created.status).toBe(200);
    const gateway = await dew.connectNats('gateway');
    const h = forgedContext();
    h.delete('Dew-Iam-Decision');
    const reply = await gateway.request('kms.describe-key', JSON.stringify({ key_id: created.body.key_info.key_id }), { headers: h, timeout: 10_000 });
    expect(reply.json<{ error?: { code: string; status: number } }>().error).toMatchObject({ code: 'KMS.0306', status: 403 });
    h.set('Dew-Iam-Decision', 'Allow');
    const allowed = await gateway.request('kms.describe-key', JSON.stringify({ key_id: created.body.key_info.key_id }), { headers: h, timeout: 10_000 });
    expect(allowed.json<{ ok?: { key_info: { key_id: string } } }>().ok?.key_info.key_id).toBe(created.body.key_info.key_id);
  });
});

describe('stream configuration: no runtime user can make its stream capture other users\' subjects', () => {
  const OWN_STREAMS: readonly (readonly [string, string])[] = [
    ['kms', 'EVT_KMS'], ['kms-streams', 'KEYRING_KMS'], ['csms', 'EVT_CSMS'], ['iam', 'EVT_IAM'],
    ['iam-streams', 'KEYRING_IAM'], ['csms-streams', 'KEYRING_CSMS'], ['audit', 'AUDIT'], ['audit-streams', 'AUDIT'],
  ];

  it.each(OWN_STREAMS)('%s user: adding the gateway\'s inbox and a request subject to %s, deleting or purging it is refused; the stream keeps its subjects', async (user, stream) => {
    const nc = await dew.connectNats(user);
    const jsm = await jetstreamManager(nc, { timeout: 3000 });
    const before = await jsm.streams.info(stream);
    await expect(jsm.streams.update(stream, { ...before.config, subjects: [...before.config.subjects, '_INBOX.gateway.>', 'csms.create-secret'] })).rejects.toThrow();
    await expect(jsm.streams.delete(stream)).rejects.toThrow();
    await expect(jsm.streams.purge(stream)).rejects.toThrow();
    const after = await (await jetstreamManager(await dew.connectNats(user))).streams.info(stream);
    expect(after.config.subjects).toEqual(before.config.subjects);
    expect(after.state.messages).toBeGreaterThanOrEqual(before.state.messages);
  });

  it.each([['kms', 'KV_KMS_LEASES', '$KV.KMS_LEASES.>'], ['iam', 'KV_IAM_SIGNATURES', '$KV.IAM_SIGNATURES.>']])('%s user: its KV bucket %s exists from the start, so creating it first with the gateway\'s inbox added is refused', async (user, stream, own) => {
    const jsm = await jetstreamManager(await dew.connectNats(user), { timeout: 3000 });
    const before = await jsm.streams.info(stream);
    expect(before.config.subjects).toEqual([own]);
    await expect(jsm.streams.add({ ...before.config, subjects: [own, '_INBOX.gateway.>'] })).rejects.toThrow();
    expect((await jsm.streams.info(stream)).config.subjects).toEqual([own]);
  });

  it('audit user: after its refused widening of AUDIT, a new SK and a secret value are answered to the gateway only (the suite-end scan finds them in no stream)', async () => {
    const jsm = await jetstreamManager(await dew.connectNats('audit'), { timeout: 3000 });
    const cfg = (await jsm.streams.info('AUDIT')).config;
    await expect(jsm.streams.update('AUDIT', { ...cfg, subjects: [...cfg.subjects, '_INBOX.gateway.>'] })).rejects.toThrow();
    await userWithAccessKey(`captured-${randomBytes(3).toString('hex')}`);
    const value = `captured-value-${randomBytes(8).toString('hex')}`;
    rememberSecret('secret-value', value);
    const created = await admin.call('POST', '/v1/{project_id}/secrets', { name: `captured-${randomBytes(3).toString('hex')}`, secret_string: value });
    expect(created.status).toBe(200);
    expect(created.body).toHaveProperty('secret');
    expect((await jsm.streams.info('AUDIT')).config.subjects).toEqual(cfg.subjects);
  });
});

describe('consumers: no runtime user reads a stream it was not given', () => {
  // [user, another service's stream, one of the user's own streams]: the named-create form
  // `$JS.API.CONSUMER.CREATE.<stream>.<consumer>.<filter>` with the consumer named like the user's
  // own stream once matched a wildcard grant meant for that stream.
  const FOREIGN: readonly (readonly [string, string, string, string])[] = [
    ['kms', 'EVT_CSMS', 'evt.csms.>', 'EVT_KMS'],
    ['kms', 'KEYRING_IAM', 'keyring.iam.>', 'EVT_KMS'],
    ['kms', 'AUDIT', 'audit.>', 'EVT_KMS'],
    ['csms', 'EVT_KMS', 'evt.kms.>', 'EVT_CSMS'],
    ['csms-streams', 'KEYRING_KMS', 'keyring.kms.>', 'KEYRING_CSMS'],
    ['iam', 'EVT_CSMS', 'evt.csms.>', 'EVT_IAM'],
    ['iam-streams', 'KEYRING_CSMS', 'keyring.csms.>', 'KEYRING_IAM'],
  ];

  it.each(FOREIGN)('%s user: a push consumer on %s (filter %s) named %s is refused; nothing is delivered', async (user, stream, filter, own) => {
    const nc = await dew.connectNats(user);
    const delivered: string[] = [];
    const inbox = `_INBOX.${user}.probe-${randomBytes(4).toString('hex')}`;
    nc.subscribe(inbox, { callback: (_err, m) => void delivered.push(m.subject) });
    const config = { name: own, deliver_subject: inbox, filter_subject: filter, ack_policy: 'none', deliver_policy: 'all' };
    const create = nc.request(`$JS.API.CONSUMER.CREATE.${stream}.${own}.${filter}`, JSON.stringify({ stream_name: stream, config }), { timeout: 2000 });
    await expect(create).rejects.toThrow();
    await sleep(300);
    expect(delivered).toEqual([]);
  });
});

describe('point 9: failure limits never lock out a valid signature', () => {
  it('100 junk requests from one source, 25 at a time (random AKs, spoofed X-Forwarded-For), then the administrator\'s valid request: junk past the limit is 429, the valid request is 200', async () => {
    const started = Date.now();
    const statuses: number[] = [];
    // 25 at a time stays within one address's share of the requests awaiting authentication
    // (32, docs/input-limits.md): every one reaches the failure limits.
    for (let wave = 0; wave < 4; wave++) {
      statuses.push(...(await Promise.all(Array.from({ length: 25 }, async (_, i) => {
        const junk = { ...dew.credentials, access: `JUNK${randomBytes(8).toString('hex').toUpperCase()}` };
        return (await rawSignedRequest(dew.endpoint, junk, 'POST', kmsPath('list-keys'), '{}', { headers: { 'x-forwarded-for': `198.51.100.${25 * wave + i}` } })).status;
      }))));
    }
    // X-Forwarded-For from an untrusted peer is ignored: all 100 count against the one real source
    // (a burst of 50, then 5 forgiven a second), so at most 50 + 5/s of them are answered 401.
    const checkedAtMost = 50 + Math.ceil(((Date.now() - started) / 1000) * 5);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(checkedAtMost);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect((await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', kmsPath('list-keys'), '{}')).status).toBe(200);
  });

  it('bogus signatures naming alice\'s access key interleaved with alice\'s 30 valid calls: all 30 valid calls succeed', async () => {
    const alice = await userWithAccessKey(`alice-${randomBytes(3).toString('hex')}`);
    const bogus = { ...alice.creds, secret: 'z'.repeat(40) };
    const valid: number[] = [];
    const refused: number[] = [];
    for (let i = 0; i < 30; i++) {
      for (let j = 0; j < 3; j++) refused.push((await rawSignedRequest(dew.endpoint, bogus, 'GET', '/v3/auth/projects')).status);
      valid.push((await rawSignedRequest(dew.endpoint, alice.creds, 'GET', '/v3/auth/projects')).status);
    }
    expect(valid).toEqual(Array.from({ length: 30 }, () => 200));
    expect(refused).toContain(429);
  });
});

describe('replay decision: signatures are valid within their window, except create-access-key', () => {
  it('two identical signed rotate-on-demand calls within one second: both 200', async () => {
    const created = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `twice-${randomBytes(3).toString('hex')}` });
    const body = JSON.stringify({ key_id: created.body.key_info.key_id });
    const date = new Date();
    const first = await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', kmsPath('rotate-on-demand'), body, { date });
    const second = await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', kmsPath('rotate-on-demand'), body, { date });
    expect([first.status, second.status]).toEqual([200, 200]);
  });

  it('create-access-key sent twice with the identical signature: the second is 409 IAM.0003 saying to sign again, and only one key is created', async () => {
    const bob = await userWithAccessKey(`bob-${randomBytes(3).toString('hex')}`);
    const list = async () => (await admin.call<{ credentials: unknown[] }>('GET', `/v3.0/OS-CREDENTIAL/credentials?user_id=${bob.userId}`)).body.credentials.length;
    expect(await list()).toBe(1);
    const body = JSON.stringify({ credential: { user_id: bob.userId } });
    // A date of its own: the key made for bob above was signed with the same body within this second.
    const date = new Date(Date.now() - 5000);
    const first = await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', '/v3.0/OS-CREDENTIAL/credentials', body, { date });
    expect(first.status).toBe(201);
    rememberSecret('secret-key', (first.json as { credential: { secret: string } }).credential.secret);
    const again = await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', '/v3.0/OS-CREDENTIAL/credentials', body, { date });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error_code: 'IAM.0003', error_msg: expect.stringMatching(/sign the request again/), error: { code: 409, title: 'Conflict' } });
    expect(await list()).toBe(2);
  });
});

describe('subjects nats-server publishes to: a stray message in an event stream never stops its subject', () => {
  const keyring = () => `evt.kms.${dew.credentials.project_id}.keyring`;

  async function readiness(): Promise<{ ready: boolean; warnings?: Record<string, string[]> }> {
    return (await fetch(`${dew.endpoint}/ready`)).json() as Promise<{ ready: boolean; warnings?: Record<string, string[]> }>;
  }

  async function createKeyWorks(alias: string): Promise<void> {
    const created = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: alias });
    expect(created.status).toBe(200);
    const described = await admin.kms<{ key_info: { key_alias: string } }>('describe-key', { key_id: created.body.key_info.key_id });
    expect(described.body.key_info.key_alias).toBe(alias);
  }

  it('backup user: a snapshot of AUDIT delivered into the project\'s keyring subject; create-key there still answers 200, kms skips the chunks and readiness warns, still ready', async () => {
    await createKeyWorks(`before-snapshot-${randomBytes(3).toString('hex')}`);
    const backup = await dew.connectNats('backup');
    const jsm = await jetstreamManager(await dew.connectNats('runner'));
    const before = (await jsm.streams.info('EVT_KMS', { subjects_filter: keyring() })).state.subjects?.[keyring()] ?? 0;
    const answer = await backup.request('$JS.API.STREAM.SNAPSHOT.AUDIT', JSON.stringify({ deliver_subject: keyring(), chunk_size: 1024 }), { timeout: 5000 });
    expect(JSON.parse(new TextDecoder().decode(answer.data))).not.toHaveProperty('error');
    let stored = 0;
    for (let i = 0; i < 50 && stored === 0; i++) {
      await sleep(100);
      stored = ((await jsm.streams.info('EVT_KMS', { subjects_filter: keyring() })).state.subjects?.[keyring()] ?? 0) - before;
    }
    // The gap this guards against is real: the server stored its chunks in EVT_KMS.
    expect(stored).toBeGreaterThan(0);
    await createKeyWorks(`after-snapshot-${randomBytes(3).toString('hex')}`);
    const ready = await readiness();
    expect(ready.ready).toBe(true);
    expect(ready.warnings?.['kms']?.join('\n')).toMatch(/^EVT_KMS: \d+ messages skipped as no event of their subject \(latest: message \d+\)$/m);
    // Anyone may ask /ready: no subject (it names the project) in what it says.
    expect(JSON.stringify(ready)).not.toContain(dew.credentials.project_id);
  });

  it('runner user: a JetStream API request whose reply subject is the keyring subject; the server\'s answer is stored there, skipped by kms as no event, create-key still answers 200', async () => {
    const runner = await dew.connectNats('runner');
    const jsm = await jetstreamManager(runner);
    const count = async () => (await jsm.streams.info('EVT_KMS', { subjects_filter: keyring() })).state.subjects?.[keyring()] ?? 0;
    const skipped = async () => Number(/EVT_KMS: (\d+)/.exec((await readiness()).warnings?.['kms']?.join('\n') ?? '')?.[1] ?? 0);
    const [storedBefore, skippedBefore] = [await count(), await skipped()];
    runner.publish('$JS.API.STREAM.INFO.EVT_KMS', '', { reply: keyring() });
    let stored = 0;
    for (let i = 0; i < 50 && stored === 0; i++) {
      await sleep(100);
      stored = (await count()) - storedBefore;
    }
    expect(stored).toBe(1);
    let skippedNow = skippedBefore;
    for (let i = 0; i < 50 && skippedNow === skippedBefore; i++) {
      await sleep(100);
      skippedNow = await skipped();
    }
    expect(skippedNow).toBe(skippedBefore + 1);
    await createKeyWorks(`after-reply-${randomBytes(3).toString('hex')}`);
  });

  it('runner user: JetStream answers and a snapshot chunk stored on an AUDIT subject; audit skips them, warns, and still indexes the next encrypt-data record', async () => {
    const runner = await dew.connectNats('runner');
    const auditSubject = `audit.kms.${dew.credentials.project_id}`;
    runner.publish('$JS.API.STREAM.INFO.AUDIT', '', { reply: auditSubject });
    await (await dew.connectNats('backup')).request('$JS.API.STREAM.SNAPSHOT.EVT_IAM', JSON.stringify({ deliver_subject: auditSubject, chunk_size: 1024 }), { timeout: 5000 });
    let warned = '';
    for (let i = 0; i < 50 && !/AUDIT: /.test(warned); i++) {
      await sleep(100);
      warned = (await readiness()).warnings?.['audit']?.join('\n') ?? '';
    }
    expect(warned).toMatch(/AUDIT: \d+ messages skipped as no event of their subject/);
    const keyId = (await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `audited-${randomBytes(3).toString('hex')}` })).body.key_info.key_id;
    expect((await admin.kms('encrypt-data', { key_id: keyId, plain_text: 'hello' })).status).toBe(200);
    const list = await tracesOf(admin, `resource_id=${keyId}&trace_name=encryptData`, 1);
    expect(list.traces.map((t) => t.trace_name)).toEqual(['encryptData']);
  });

  it('after the stray messages above: dew replay folds every stream to the models the services hold (both skip the same messages)', async () => {
    const replay = await dew.cli(['replay']);
    expect(replay.out).toMatch(/\nidentical$/m);
    expect(replay.code).toBe(0);
  });
});
