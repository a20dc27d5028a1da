import { generateKeyPairSync } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { kvBuckets } from '@dew/messaging';
import { startTestNats, type TestNats } from '@dew/testing';
import { ControlCa } from './pki/control-ca.js';
import { ControlPlane } from './server/control-plane.js';
import { MAX_VALUE_BYTES } from './server/limits.js';
import { ControlClient } from './client/control-client.js';
import { ControlLease } from './client/control-lease.js';
import { MirrorLog } from './client/mirror-log.js';
import { instanceNames } from './names.js';
import { StateStore } from './client/state-store.js';
import { NodeReporter } from './client/node-reporter.js';
import { IssuanceFeed } from './client/issuance-feed.js';
import { hsmControlService } from './proto.js';
import type { NodeId, NodeIdentity } from './identity.js';

const X = 'instance-x';
const Y = 'instance-y';
const bytes = { encode: (b: Buffer) => b, decode: (d: Uint8Array) => Buffer.from(d) };
/** The lease calls' deadline the nodes use for a 1500 ms TTL (TTL / 3). */
const LEASE_CALL_MS = 500;

let nats: TestNats;
let nc: NatsConnection;
let ca: ControlCa;
let plane: ControlPlane;
let address: string;
/** The serial the admission check accepts per node (as provisioning admits each node's current certificate). */
const current = new Map<string, string>();
const clients: ControlClient[] = [];

beforeAll(async () => {
  nats = await startTestNats();
  nc = await nats.connect();
  ca = ControlCa.create();
  plane = new ControlPlane(nc, (c, serial) => current.get(`${c.instanceId}:${c.nodeId}`) === serial);
  address = `127.0.0.1:${await plane.listen('127.0.0.1', 0, { ca: ca.certPem, ...ca.issueServer(['127.0.0.1']) })}`;
});

afterAll(async () => {
  for (const c of clients) c.close();
  plane?.stop();
  await nats?.stop();
});

/** A node's client, with a certificate of the control CA naming it (admitted as its current one). */
function nodeClient(instanceId: string, nodeId: NodeId): ControlClient {
  const issued = ca.issueNode({ instanceId, nodeId });
  current.set(`${instanceId}:${nodeId}`, issued.serial);
  const client = new ControlClient({ address, ca: ca.certPem, cert: issued.cert, key: issued.key });
  clients.push(client);
  return client;
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'served', (e: grpc.ServiceError) => ({ code: e.code, details: e.details }));
const stateEntry = async (key: string) => {
  const e = await (await new Kvm(nc).open(kvBuckets.hsmState.name)).get(key);
  return e?.operation === 'PUT' ? e.string() : undefined;
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('who may call the control plane', () => {
  it('a client without a certificate is refused at the TLS handshake: the call fails UNAVAILABLE and writes nothing', async () => {
    const Service = hsmControlService();
    const bare = new Service(address, grpc.credentials.createSsl(Buffer.from(ca.certPem)));
    const err = await new Promise<grpc.ServiceError | null>((resolve) => {
      (bare as unknown as Record<string, (r: object, o: grpc.CallOptions, cb: (e: grpc.ServiceError | null) => void) => void>)['putState']!({ key: 'ca', value: 'anonymous' }, { deadline: Date.now() + 3000 }, resolve);
    });
    bare.close();
    expect(err?.code).toBe(grpc.status.UNAVAILABLE);
    expect(await stateEntry(`${X}.ca`)).toBeUndefined();
  });

  it('a node certificate issued by another CA is refused at the TLS handshake', async () => {
    const other = ControlCa.create();
    const forged = other.issueNode({ instanceId: X, nodeId: 'a' });
    const client = new ControlClient({ address, ca: ca.certPem, cert: forged.cert, key: forged.key });
    clients.push(client);
    expect(await codeOf(new StateStore(client).put('ca', 'forged'))).toMatchObject({ code: grpc.status.UNAVAILABLE });
    expect(await stateEntry(`${X}.ca`)).toBeUndefined();
  });

  it('the control server\'s own certificate (same CA, server usage only) is refused at the TLS handshake', async () => {
    const server = ca.issueServer(['127.0.0.1']);
    const client = new ControlClient({ address, ca: ca.certPem, cert: server.cert, key: server.key });
    clients.push(client);
    expect(await codeOf(new StateStore(client).put('ca', 'from the server key'))).toMatchObject({ code: grpc.status.UNAVAILABLE });
    expect(await stateEntry(`${X}.ca`)).toBeUndefined();
  });

  it('a node\'s earlier certificate is refused UNAUTHENTICATED once a newer one was issued for the node', async () => {
    const earlier = ca.issueNode({ instanceId: X, nodeId: 'b' });
    const client = new ControlClient({ address, ca: ca.certPem, cert: earlier.cert, key: earlier.key });
    clients.push(client);
    nodeClient(X, 'b');
    expect(await codeOf(new StateStore(client).get('ca'))).toEqual({ code: grpc.status.UNAUTHENTICATED, details: `the client certificate is not the current one of node b of ${X}` });
  });
});

describe('a node reaches its own instance only', () => {
  let xa: ControlClient;
  let xb: ControlClient;
  let ya: ControlClient;
  let yb: ControlClient;
  beforeAll(() => {
    [xa, xb, ya, yb] = [nodeClient(X, 'a'), nodeClient(X, 'b'), nodeClient(Y, 'a'), nodeClient(Y, 'b')];
  });

  it('state: Y reads none of X\'s keys, even naming X in the key, and its writes land under Y\'s prefix', async () => {
    const x = new StateStore(xa);
    const y = new StateStore(ya);
    expect(await x.create('ca', 'certificate of X')).toBe(true);
    expect(await y.get('ca')).toBeUndefined();
    expect(await y.get(`${X}.ca`)).toBeUndefined();
    expect(await y.create('ca', 'certificate of Y')).toBe(true);
    await y.put(`${X}.ca`, 'overwritten by Y');
    expect((await x.get('ca'))?.value).toBe('certificate of X');
    expect(await stateEntry(`${X}.ca`)).toBe('certificate of X');
    expect(await stateEntry(`${Y}.ca`)).toBe('certificate of Y');
    expect(await stateEntry(`${Y}.${X}.ca`)).toBe('overwritten by Y');
    // Y's revision of its own key does not let it update X's.
    expect(await x.create('note', 'X note')).toBe(true);
    expect(await y.create('note', 'Y note')).toBe(true);
    const revision = (await y.get('note'))!.revision;
    expect(await y.update('note', 'Y again', revision)).toBe(true);
    expect((await x.get('note'))?.value).toBe('X note');
  });

  it('state: a node writes only its own exchange points, and the CA and the administrator registration are written once (CreateState), by neither node over the other', async () => {
    const a = new StateStore(xa);
    const b = new StateStore(xb);
    await a.put('exchange.a', 'point of a');
    await a.put('exchange-app.a', 'app point of a');
    for (const key of ['exchange.b', 'exchange-app.b']) {
      expect(await codeOf(a.put(key, 'forged by a'))).toEqual({ code: grpc.status.PERMISSION_DENIED, details: `node a may not write ${key}: it is node b's` });
    }
    expect(await stateEntry(`${X}.exchange.b`)).toBeUndefined();
    expect(await b.create('admin', 'the UKey')).toBe(true);
    expect(await codeOf(a.put('admin', 'another key'))).toEqual({ code: grpc.status.PERMISSION_DENIED, details: 'admin is written once, by CreateState' });
    const revision = (await a.get('admin'))!.revision;
    expect(await codeOf(a.update('admin', 'another key', revision))).toEqual({ code: grpc.status.PERMISSION_DENIED, details: 'admin is written once, by CreateState' });
    expect(await a.create('admin', 'another key')).toBe(false);
    expect(await stateEntry(`${X}.admin`)).toBe('the UKey');
  });

  it('state: a key with a wildcard or an empty token is refused INVALID_ARGUMENT naming the rule and the key', async () => {
    for (const key of ['>', '*.ca', 'ca.>', 'a..b', '']) {
      expect(await codeOf(new StateStore(ya).get(key))).toEqual({
        code: grpc.status.INVALID_ARGUMENT, details: `key must be 1 to 64 characters of dot-separated tokens of [A-Za-z0-9_-], got ${JSON.stringify(key)}`,
      });
    }
  });

  it('state: a value over the limit is refused INVALID_ARGUMENT naming the limit and its size', async () => {
    const size = MAX_VALUE_BYTES + 1;
    expect(await codeOf(new StateStore(ya).put('big', 'v'.repeat(size)))).toEqual({ code: grpc.status.INVALID_ARGUMENT, details: `value is ${size} bytes, over the limit of ${MAX_VALUE_BYTES}` });
  });

  it('state: a watch on X\'s key sees X\'s writes and none of Y\'s', async () => {
    const seen: (string | undefined)[] = [];
    const stop = await new StateStore(xa).watch('revoked', (v) => seen.push(v));
    await new StateStore(ya).put('revoked', 'Y revokes');
    await new StateStore(xb).put('revoked', 'X revokes');
    for (let i = 0; i < 50 && seen.length === 0; i++) await pause(20);
    await pause(100);
    stop();
    expect(seen).toEqual(['X revokes']);
  });

  it('lease: each instance has its own; the holder is the caller\'s node from its certificate, and the other node cannot take it while held', async () => {
    const [leaseXa, leaseXb, leaseYa, leaseYb] = [xa, xb, ya, yb].map((c) => new ControlLease(c, LEASE_CALL_MS));
    expect(await leaseXa!.tryAcquire()).toBe(true);
    expect(await leaseYb!.tryAcquire()).toBe(true);
    expect(await leaseXb!.tryAcquire()).toBe(false);
    expect(await leaseYa!.tryAcquire()).toBe(false);
    const leases = await new Kvm(nc).open(kvBuckets.hsmLease.name);
    expect((await leases.get(X))?.string()).toMatch(/^a@[0-9a-f]+$/);
    expect((await leases.get(Y))?.string()).toMatch(/^b@[0-9a-f]+$/);
    await leaseYb!.release();
    expect(await leaseYa!.tryAcquire()).toBe(true);
    expect(await leaseXa!.tryAcquire()).toBe(true);
    expect((await leases.get(X))?.string()).toMatch(/^a@/);
  });

  it('lease: a node relaunched (a new certificate for the same node) does not inherit the lease of its dead run: it waits for the lapse like the standby', async () => {
    const first = nodeClient('instance-relaunch', 'a');
    expect(await new ControlLease(first, LEASE_CALL_MS).tryAcquire()).toBe(true);
    // The run dies without releasing; provisioning launches it again with a fresh certificate.
    const relaunched = new ControlLease(nodeClient('instance-relaunch', 'a'), LEASE_CALL_MS);
    const standby = new ControlLease(nodeClient('instance-relaunch', 'b'), LEASE_CALL_MS);
    expect([await relaunched.tryAcquire(), await standby.tryAcquire()]).toEqual([false, false]);
    // After the TTL both may race for it; exactly one wins.
    await pause(kvBuckets.hsmLease.ttlMs + 500);
    const won = [await standby.tryAcquire(), await relaunched.tryAcquire()];
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it('mirror: each instance publishes to and follows its own subject only; the last sequence is its own', async () => {
    const x = new MirrorLog(xa, bytes);
    const y = new MirrorLog(ya, bytes);
    const xSeqs = [await x.publish(Buffer.from('x1')), await x.publish(Buffer.from('x2'))];
    expect(await codeOf(y.catchUp(1000))).toBe('served');
    const fromY: string[] = [];
    await y.follow((r) => fromY.push(r.toString()));
    const ySeq = await y.publish(Buffer.from('y1'));
    await y.catchUp(5000);
    expect(fromY).toEqual(['y1']);
    expect(y.appliedSeq).toBe(ySeq);

    const follower = new MirrorLog(xb, bytes);
    const fromX: { data: string; seq: number }[] = [];
    await follower.follow((r, seq) => fromX.push({ data: r.toString(), seq }));
    await follower.catchUp(5000);
    expect(fromX).toEqual([{ data: 'x1', seq: xSeqs[0] }, { data: 'x2', seq: xSeqs[1] }]);
    await Promise.all([x.stop(), y.stop(), follower.stop()]);
    expect(await follower.closed).toBeNull();
  });

  it('mirror: an answer nats-server stored on the instance\'s mirror subject (a request naming it as reply subject) is skipped and reported; the records around it are applied and the follower catches up', async () => {
    const parsed = (d: Uint8Array) => { try { return JSON.parse(Buffer.from(d).toString()) as { record?: unknown }; } catch { return {}; } };
    const records = {
      encode: (r: string) => Buffer.from(JSON.stringify({ record: r })),
      decode: (d: Uint8Array) => { const j = parsed(d); if (typeof j.record !== 'string') throw new Error('no record'); return j.record; },
      isRecord: (d: Uint8Array) => 'record' in parsed(d),
    };
    const writer = new MirrorLog(nodeClient('instance-stray', 'a'), records);
    const skipped: number[] = [];
    const follower = new MirrorLog(nodeClient('instance-stray', 'b'), records, (seq) => skipped.push(seq));
    const applied: string[] = [];
    await follower.follow((r) => applied.push(r));
    await writer.publish('before');
    nc.publish(`$JS.API.STREAM.INFO.${instanceNames('instance-stray').mirrorStream}`, '', { reply: instanceNames('instance-stray').mirrorSubject });
    await nc.flush();
    await pause(200);
    const after = await writer.publish('after');
    await follower.catchUp(5000);
    expect(applied).toEqual(['before', 'after']);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toBeLessThan(after);
    await Promise.all([writer.stop(), follower.stop()]);
    expect(await follower.closed).toBeNull();
  });

  it('mirror: a record of a newer version (one this follower cannot decode) stops the follower rather than being skipped: a standby never skips a key', async () => {
    const decodeV1 = (d: Uint8Array) => { const j = JSON.parse(Buffer.from(d).toString()) as { record?: unknown; v?: number }; if (j.v !== 1) throw new Error(`record version ${j.v} unknown`); return String(j.record); };
    const writer = new MirrorLog(nodeClient('instance-skew', 'a'), { encode: (r: string) => Buffer.from(JSON.stringify({ record: r, v: 2 })), decode: decodeV1 });
    const skipped: number[] = [];
    const follower = new MirrorLog(nodeClient('instance-skew', 'b'), { encode: (r: string) => Buffer.from(r), decode: decodeV1, isRecord: (d) => Buffer.from(d).toString().includes('"record"') }, (seq) => skipped.push(seq));
    await follower.follow(() => undefined);
    await writer.publish('from-a-newer-node');
    expect((await follower.closed)?.message).toBe('record version 2 unknown');
    expect(skipped).toEqual([]);
    await writer.stop();
  });
});

describe('a restarted control plane', () => {
  it('a node\'s mirror follower and state watch carry on once a new control plane serves the same address: later records and values arrive, none twice', async () => {
    const first = new ControlPlane(nc);
    const tls = { ca: ca.certPem, ...ca.issueServer(['127.0.0.1']) };
    const port = await first.listen('127.0.0.1', 0, tls);
    const issued = ca.issueNode({ instanceId: 'instance-r', nodeId: 'a' });
    const client = new ControlClient({ address: `127.0.0.1:${port}`, ca: ca.certPem, cert: issued.cert, key: issued.key });
    clients.push(client);
    const log = new MirrorLog(client, bytes);
    const applied: string[] = [];
    await log.follow((r) => applied.push(r.toString()));
    const values: (string | undefined)[] = [];
    const stopWatch = await new StateStore(client).watch('revoked', (v) => values.push(v));
    await log.publish(Buffer.from('before'));
    await new StateStore(client).put('revoked', 'before');
    await log.catchUp(5000);

    first.stop();
    const second = new ControlPlane(nc);
    await second.listen('127.0.0.1', port, tls);
    try {
      const published = await waitForServed(() => log.publish(Buffer.from('after')));
      await new StateStore(client).put('revoked', 'after');
      await log.catchUp(5000);
      for (let i = 0; i < 100 && values.at(-1) !== 'after'; i++) await pause(20);
      expect(applied).toEqual(['before', 'after']);
      expect(log.appliedSeq).toBe(published);
      // The reopened watch starts with the current value again: the node applies it idempotently.
      expect(values.filter((v) => v === 'after')).toEqual(['after']);
      expect(values[0]).toBe('before');
    } finally {
      stopWatch();
      await log.stop();
      second.stop();
    }
  });
});

/** Retries a call while the client re-dials the restarted server. */
async function waitForServed<T>(call: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await call();
    } catch (err) {
      if (i > 50) throw err;
      await pause(50);
    }
  }
}

describe('what nodes report', () => {
  const heard: { node: NodeIdentity; what: string; body: unknown }[] = [];
  let reporting: ControlPlane;
  let reportingAddress: string;
  let failCalls = false;
  beforeAll(async () => {
    reporting = new ControlPlane(nc, undefined, {
      health: (node, report) => void heard.push({ node, what: 'health', body: report }),
      call: async (node, record) => {
        if (failCalls) throw new Error('the audit trail is down');
        heard.push({ node, what: 'call', body: record });
      },
    });
    reportingAddress = `127.0.0.1:${await reporting.listen('127.0.0.1', 0, { ca: ca.certPem, ...ca.issueServer(['127.0.0.1']) })}`;
  });
  afterAll(() => reporting?.stop());

  const reporter = (instanceId: string, nodeId: NodeId) => {
    const client = new ControlClient({ address: reportingAddress, ca: ca.certPem, ...ca.issueNode({ instanceId, nodeId }) });
    clients.push(client);
    return new NodeReporter(client);
  };
  const HEALTH = { role: 'active' as const, cpuPercent: 12.5, rssBytes: 1, connections: 2, requests: 3, latencyP50Ms: 0.5, latencyMaxMs: 4, mirrorAppliedSeq: 7, unmirroredKeys: 0 };
  const RECORD = { operation: 'GenerateKey', resourceId: 'ab', resourceName: 'k', code: 0, message: '', caller: 'certificate app', sourceIp: '127.0.0.1', request: { keyType: 'AES_256' } };

  it('health and call records are attributed to the node the certificate names, whatever they say', async () => {
    await reporter(X, 'b').health(HEALTH);
    await reporter(Y, 'a').call(RECORD);
    expect(heard).toEqual([{ node: { instanceId: X, nodeId: 'b', serial: expect.any(String) }, what: 'health', body: HEALTH }, { node: { instanceId: Y, nodeId: 'a', serial: expect.any(String) }, what: 'call', body: RECORD }]);
  });

  it('a call record with text over its limits is stored cut (a … marks the cut), not refused: the node acted already', async () => {
    heard.length = 0;
    await reporter(X, 'a').call({ ...RECORD, resourceName: 'n'.repeat(300), message: 'm'.repeat(2000), request: { keyType: 'k'.repeat(300) } });
    expect(heard).toEqual([{ node: expect.anything(), what: 'call', body: { ...RECORD, resourceName: `${'n'.repeat(255)}…`, message: `${'m'.repeat(1023)}…`, request: { keyType: `${'k'.repeat(255)}…` } } }]);
  });

  it('a malformed report is refused INVALID_ARGUMENT naming the field; a record the trail could not store fails the node\'s call', async () => {
    const r = reporter(X, 'a');
    expect(await codeOf(r.health({ ...HEALTH, role: 'leader' as 'active' }))).toEqual({ code: grpc.status.INVALID_ARGUMENT, details: 'role must be active or standby, got "leader"' });
    expect(await codeOf(r.call({ ...RECORD, request: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`f${i}`, 'v'])) }))).toEqual({ code: grpc.status.INVALID_ARGUMENT, details: 'request may hold at most 16 fields, got 17' });
    failCalls = true;
    expect(await codeOf(r.call(RECORD))).toMatchObject({ code: grpc.status.UNAVAILABLE });
    failCalls = false;
  });
});

// The certificate relay (docs/hsm-appliance.md, "KMS's access certificate"): a request reaches only the
// instance it names, and only that instance's node can answer it.
const publicKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('certificate relay to an instance\'s active node', () => {
  it('no feed open for the instance: refused at once as retryable, naming the instance', async () => {
    await expect(plane.issuance.issue('relay-none', 'dew-kms:ks1', publicKey())).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('relay-none') });
  });

  it('a request for instance X reaches X\'s feed only; Y\'s node cannot answer it (NOT_FOUND), X\'s answer must certify the requested key', async () => {
    const seenByY: string[] = [];
    const y = nodeClient('relay-y', 'a');
    const feedY = new IssuanceFeed(y);
    await feedY.open(async (cn) => {
      seenByY.push(cn);
      throw new Error('Y never issues');
    });
    let requestIdSeen = '';
    const x = nodeClient('relay-x', 'a');
    const feedX = new IssuanceFeed(x);
    // X's node answers with a certificate of another key: the relay refuses it.
    const other = ca.issueNode({ instanceId: 'relay-x', nodeId: 'b' });
    await feedX.open(async () => ({ certificate: other.cert, serial: other.serial }));
    const spoofed = plane.issuance.issue('relay-x', 'dew-kms:ks1', publicKey());
    await expect(spoofed).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('another name or public key') });
    // Y tries to answer X's request by id: not found for Y.
    const watch = x.stream('watchIssuance', {});
    watch.on('data', (m: { requestId: string }) => { requestIdSeen = m.requestId; });
    watch.on('error', () => undefined);
    await pause(200);
    feedX.close();
    const pending = plane.issuance.issue('relay-x', 'dew-kms:ks2', publicKey(), 1_500);
    for (let i = 0; i < 50 && !requestIdSeen; i++) await pause(20);
    expect(requestIdSeen).toMatch(/^[0-9a-f-]{36}$/);
    const answer = y.call('answerIssuance', { requestId: requestIdSeen, certificate: 'x', serial: '1' });
    await expect(answer).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    watch.cancel();
    await expect(pending).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('did not answer') });
    expect(seenByY).toEqual([]);
    feedY.close();
  });
});
