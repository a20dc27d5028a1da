import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { status } from '@grpc/grpc-js';
import { TEST_SYSTEM_PIN, TEST_USER_PIN, type NodeProcess } from '../test/appliance.js';
import { parseMechanisms, parseObjects, pkcs11ToolMechanisms, pkcs11ToolOnNode, pkcs11ToolViaBridge } from '../test/pkcs11-tool.js';
import { APP_TOKEN_LABEL, KMS_TOKEN_LABEL, SYSTEM_TOKEN_LABEL, kmsTokenPins } from './token/node-tokens.js';
import { APP_EXCHANGE_KEY_ID, DOMAIN_KEY_ID, EXCHANGE_KEY_ID } from './ha/node-key-ids.js';
import { CA_KEY_ID } from './pki/instance-ca.js';
import { startP11Fixture, stopP11Fixture, type P11Fixture } from '../test/p11-fixture.js';
import { tlsHandshake } from '../test/tls-probe.js';

let f: P11Fixture;
let appKeyBefore: KeyObject;

beforeAll(async () => {
  f = await startP11Fixture('p11one');
}, 60_000);

afterAll(async () => {
  await stopP11Fixture(f);
});

const p11 = (args: readonly string[], login = true) => pkcs11ToolViaBridge(f.bridge.socketPath, args, login ? f.pin : undefined);
const standby = () => (f.active.id === 'a' ? 'b' : 'a');

/** ECDSA through the bridge: `-m ECDSA` signs a SHA-256 digest (SoftHSM 2.6.1 has no CKM_ECDSA_SHA256); DER out. */
async function signThroughBridge(keyId: string, message: Buffer): Promise<Buffer> {
  const digestFile = join(f.dir, `digest-${keyId}`);
  const signatureFile = join(f.dir, `signature-${keyId}`);
  await writeFile(digestFile, createHash('sha256').update(message).digest());
  await p11(['--sign', '-m', 'ECDSA', '--id', keyId, '-i', digestFile, '-o', signatureFile, '--signature-format', 'openssl']);
  return readFile(signatureFile);
}

async function publicKeyThroughBridge(keyId: string): Promise<KeyObject> {
  const file = join(f.dir, `public-${keyId}.der`);
  await p11(['--read-object', '--type', 'pubkey', '--id', keyId, '-o', file], false);
  return createPublicKey({ key: await readFile(file), format: 'der', type: 'spki' });
}

const objectIds = (listing: string) => [...listing.matchAll(/^\s+ID:\s+([0-9a-f]+)$/gm)].map((m) => m[1]);
const tokenLabels = (listing: string) => [...listing.matchAll(/^\s+token label\s*:\s*(.*)$/gm)].map((m) => m[1]!.trim());
const systemObjects = async (node: 'a' | 'b') => parseObjects(await pkcs11ToolOnNode(f.hsm.dataDir(node), ['--list-objects'], TEST_SYSTEM_PIN, SYSTEM_TOKEN_LABEL));

test('GetCryptoUserPin signed with the UKey returns the token user PIN the nodes were given; without a signature it is refused', async () => {
  expect(f.pin).toBe(TEST_USER_PIN);
  const admin = await f.hsm.admin();
  await expect(admin.call('GetCryptoUserPin', {})).rejects.toMatchObject({ code: status.UNAUTHENTICATED, details: "GetCryptoUserPin must be signed with the instance's UKey" });
  admin.close();
});

test('through the bridge pkcs11-tool sees the application token alone: --list-slots and --list-token-slots name dew-hsm only, never dew-system or dew-kms-keys', async () => {
  expect(tokenLabels(await p11(['--list-slots'], false))).toEqual([APP_TOKEN_LABEL]);
  expect(tokenLabels(await p11(['--list-token-slots'], false))).toEqual([APP_TOKEN_LABEL]);
  // The three tokens are in the node's SoftHSM directory: only p11-kit's filter keeps the system and KMS tokens out.
  expect(tokenLabels(await pkcs11ToolOnNode(f.hsm.dataDir(f.active.id), ['--list-token-slots'])).sort()).toEqual([APP_TOKEN_LABEL, KMS_TOKEN_LABEL, SYSTEM_TOKEN_LABEL].sort());
});

test('logged in through the bridge, --list-objects shows no object of the system token (no CA key, no exchange key); the one node object is the application domain key, wrap/unwrap only, not extractable, not modifiable', async () => {
  const system = await systemObjects(f.active.id);
  const systemIds = new Set(system.map((o) => o.id));
  for (const id of [CA_KEY_ID, EXCHANGE_KEY_ID, APP_EXCHANGE_KEY_ID, DOMAIN_KEY_ID]) expect(systemIds).toContain(id);

  const visible = parseObjects(await p11(['--list-objects']));
  expect(visible.map((o) => o.id)).not.toContain(CA_KEY_ID);
  expect(visible.map((o) => o.id)).not.toContain(EXCHANGE_KEY_ID);
  expect(visible.map((o) => o.id)).not.toContain(APP_EXCHANGE_KEY_ID);
  // The domain keys share an id; the system token's is another object under another label.
  for (const o of system) expect(visible).not.toContainEqual(expect.objectContaining({ id: o.id, label: o.label }));
  const nodeOwn = visible.filter((o) => o.id === DOMAIN_KEY_ID);
  expect(nodeOwn).toEqual([expect.objectContaining({ kind: expect.stringMatching(/^Secret Key Object; AES/), label: 'dew instance domain key', usage: ['wrap', 'unwrap'] })]);
  expect(nodeOwn[0]!.access).not.toContain('extractable');
  await expect(p11(['--type', 'secrkey', '--id', DOMAIN_KEY_ID, '--set-id', '08'])).rejects.toThrow('C_SetAttributeValue failed');
  expect(parseObjects(await p11(['--list-objects', '--type', 'secrkey'])).filter((o) => o.id === DOMAIN_KEY_ID)).toEqual(nodeOwn);
});

test('the instance CA key is in the system token of both nodes and in neither application token; the PIN handed out does not open the system token', async () => {
  for (const node of ['a', 'b'] as const) {
    expect((await systemObjects(node)).filter((o) => o.id === CA_KEY_ID).map((o) => o.kind)).toEqual(expect.arrayContaining([expect.stringMatching(/^Private Key Object; EC/)]));
    expect(objectIds(await pkcs11ToolOnNode(f.hsm.dataDir(node), ['--list-objects'], TEST_USER_PIN))).not.toContain(CA_KEY_ID);
  }
  await expect(pkcs11ToolOnNode(f.hsm.dataDir(f.active.id), ['--list-objects'], f.pin, SYSTEM_TOKEN_LABEL)).rejects.toThrow('CKR_PIN_INCORRECT');
});

test('a key KMS generates over its dew-kms: certificate is in the KMS token: the bridge lists none of its objects, an application and another key store neither list, use, wrap nor destroy it (NOT_FOUND), and the standby holds it in its KMS token', async () => {
  const kms = await f.hsm.kmsClientFor('ks-one');
  const otherStore = await f.hsm.kmsClientFor('ks-two');
  const { client: app } = await f.hsm.clientFor('lookalike-app');
  try {
    const key = await kms.generateKey('AES_256', 'kms-key-label');
    const aad = Buffer.from('aad');
    const sealed = await kms.encrypt(key.keyId, Buffer.from('kept by KMS'), aad);
    const appKey = await app.generateKey('AES_256', 'kms-key-label');
    const codeOf = (p: Promise<unknown>) => p.then(() => 'served', (err: { code?: number }) => err.code);
    for (const stranger of [app, otherStore]) {
      expect((await stranger.listKeys()).map((k) => k.keyId)).not.toContain(key.keyId);
      expect(await codeOf(stranger.decrypt(key.keyId, sealed.iv, sealed.ciphertext, aad))).toBe(status.NOT_FOUND);
      expect(await codeOf(stranger.encrypt(key.keyId, Buffer.from('x')))).toBe(status.NOT_FOUND);
      expect(await stranger.destroyKey(key.keyId)).toBe(false);
    }
    expect(await codeOf(app.wrap(appKey.keyId, key.keyId))).toBe(status.NOT_FOUND);
    expect(await codeOf(kms.wrap(key.keyId, appKey.keyId))).toBe(status.NOT_FOUND);
    expect((await kms.listKeys()).map((k) => k.keyId)).toEqual([key.keyId]);
    expect((await kms.decrypt(key.keyId, sealed.iv, sealed.ciphertext, aad)).toString()).toBe('kept by KMS');

    const throughBridge = parseObjects(await p11(['--list-objects']));
    expect(throughBridge.map((o) => o.id)).not.toContain(key.keyId);
    expect(throughBridge.map((o) => o.label)).not.toContain('dew instance domain key (KMS)');
    const kmsPin = kmsTokenPins({ pin: TEST_SYSTEM_PIN, soPin: 'test-system-so-pin' }).pin;
    for (let tries = 0; ; tries++) {
      const onStandby = objectIds(await pkcs11ToolOnNode(f.hsm.dataDir(standby()), ['--list-objects', '--type', 'secrkey'], kmsPin, KMS_TOKEN_LABEL));
      if (onStandby.includes(key.keyId) || tries === 50) {
        expect(onStandby).toContain(key.keyId);
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    kms.close();
    otherStore.close();
    app.close();
  }
});

test('pkcs11-tool --list-mechanisms through the bridge lists mechanisms of the active token only, the key generation and signing ones among them', async () => {
  const remote = parseMechanisms(await p11(['--list-mechanisms'], false));
  const local = new Map((await pkcs11ToolMechanisms(f.hsm.dataDir(f.active.id), 'dew-hsm')).map((m) => [m.name, m]));
  // p11-kit's client drops the mechanisms whose parameters its protocol cannot carry (docs/hsm-appliance.md "PKCS#11").
  for (const m of remote) expect({ name: m.name, keySize: local.get(m.name)?.keySize }).toEqual({ name: m.name, keySize: m.keySize });
  expect(remote.map((m) => m.name)).toEqual(expect.arrayContaining(['ECDSA-KEY-PAIR-GEN', 'ECDSA', 'RSA-PKCS-KEY-PAIR-GEN', 'SHA256-RSA-PKCS', 'AES-KEY-GEN', 'SHA256']));
});

test('the PKCS#11 port serves a client certificate of the instance CA, refuses one without a certificate or with a revoked one at the handshake, and closes an open connection whose certificate is revoked', async () => {
  const { cert, key, serial, client } = await f.hsm.clientFor('pkcs11-revoked');
  client.close();
  expect(await tlsHandshake(f.hsm.floating, f.hsm.pkcs11Port, f.ca, { cert, key }, 'p11-kit')).toBe('p11-kit-served');
  expect(await tlsHandshake(f.hsm.floating, f.hsm.pkcs11Port, f.ca, {}, 'p11-kit')).toBe('error ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED');
  const open = tlsConnect({ host: f.hsm.floating, port: f.hsm.pkcs11Port, ca: f.ca, cert, key, checkServerIdentity: () => undefined });
  open.on('error', () => undefined);
  open.once('secureConnect', () => open.write(Buffer.from([0])));
  await new Promise((served) => open.once('data', served));
  const closed = new Promise((r) => open.once('close', r));

  const admin = await f.hsm.admin();
  await admin.revokeCertificate(serial);
  admin.close();
  await closed;
  expect(await tlsHandshake(f.hsm.floating, f.hsm.pkcs11Port, f.ca, { cert, key }, 'p11-kit')).toBe('closed-after-handshake');
});

test('a key pair generated with pkcs11-tool through the bridge signs, the signature verifies with its public key, and the standby holds the key', async () => {
  const since = Date.now();
  await p11(['--keypairgen', '--key-type', 'EC:prime256v1', '--id', '01', '--label', 'app-key', '--extractable']);
  const message = Buffer.from('signed through p11-kit');
  const signature = await signThroughBridge('01', message);
  appKeyBefore = await publicKeyThroughBridge('01');
  expect(verify('sha256', message, appKeyBefore, signature)).toBe(true);
  await f.active.waitFor('pkcs11-key-mirrored', since, 10_000, (e) => e['keyId'] === '01');
  expect(objectIds(await pkcs11ToolOnNode(f.hsm.dataDir(standby()), ['--list-objects', '--type', 'privkey'], TEST_USER_PIN))).toContain('01');
});

test('a non-extractable key made through PKCS#11 is reported once as not mirrored (event line and Health) and is not on the standby', async () => {
  const since = Date.now();
  await p11(['--keypairgen', '--key-type', 'EC:prime256v1', '--id', '03', '--label', 'stays-here']);
  const event = await f.active.waitFor('pkcs11-key-not-mirrored', since, 10_000, (e) => e['keyId'] === '03');
  expect(event).toMatchObject({ label: 'stays-here', reason: expect.stringContaining('CKA_EXTRACTABLE is false') });
  const { client } = await f.hsm.clientFor('pkcs11-health');
  const health = await client.health();
  client.close();
  expect(health['unmirroredKeys']).toContainEqual({ keyId: '03', label: 'stays-here', reason: event['reason'] });
  expect(objectIds(await pkcs11ToolOnNode(f.hsm.dataDir(standby()), ['--list-objects', '--type', 'privkey'], TEST_USER_PIN))).not.toContain('03');
  // Swept every second: still one report.
  await new Promise((r) => setTimeout(r, 1500));
  expect(f.active.events.filter((e) => e.event === 'pkcs11-key-not-mirrored' && e['keyId'] === '03')).toHaveLength(1);
});

test('keys made through PKCS#11 without CKA_ID: a secret key is given a 16-byte id and mirrored, a key pair is reported as not mirrored', async () => {
  const since = Date.now();
  await p11(['--keygen', '--key-type', 'AES:32', '--label', 'secret-without-id', '--extractable']);
  await p11(['--keypairgen', '--key-type', 'EC:prime256v1', '--label', 'pair-without-id', '--extractable']);
  const assigned = await f.active.waitFor('pkcs11-key-id-assigned', since, 10_000, (e) => e['label'] === 'secret-without-id');
  expect(assigned['keyId']).toMatch(/^[0-9a-f]{32}$/);
  await f.active.waitFor('pkcs11-key-mirrored', since, 10_000, (e) => e['keyId'] === assigned['keyId']);
  const pair = await f.active.waitFor('pkcs11-key-not-mirrored', since, 10_000, (e) => e['label'] === 'pair-without-id');
  expect(pair).toMatchObject({ keyId: '', reason: expect.stringContaining('has no CKA_ID') });
  expect(objectIds(await pkcs11ToolOnNode(f.hsm.dataDir(standby()), ['--list-objects', '--type', 'secrkey'], TEST_USER_PIN))).toContain(assigned['keyId']);
});

test('a second key made through PKCS#11 under the id of a mirrored key is reported, not taken for the mirrored one', async () => {
  let since = Date.now();
  await p11(['--keypairgen', '--key-type', 'EC:prime256v1', '--id', '06', '--label', 'first-06', '--extractable']);
  await f.active.waitFor('pkcs11-key-mirrored', since, 10_000, (e) => e['keyId'] === '06');
  since = Date.now();
  await p11(['--keypairgen', '--key-type', 'EC:prime256v1', '--id', '06', '--label', 'second-06', '--extractable']);
  const event = await f.active.waitFor('pkcs11-key-not-mirrored', since, 10_000, (e) => e['label'] === 'second-06');
  expect(event).toMatchObject({ keyId: '06', reason: '2 keys share this CKA_ID: the mirror names keys by id' });
});

test('a mirrored key deleted with pkcs11-tool through the bridge is destroyed on the standby too', async () => {
  let since = Date.now();
  await p11(['--keypairgen', '--key-type', 'EC:prime256v1', '--id', '04', '--label', 'short-lived', '--extractable']);
  await f.active.waitFor('pkcs11-key-mirrored', since, 10_000, (e) => e['keyId'] === '04');
  since = Date.now();
  await p11(['--delete-object', '--type', 'privkey', '--id', '04']);
  await f.active.waitFor('pkcs11-key-destroyed', since, 10_000, (e) => e['keyId'] === '04');
  const deadline = Date.now() + 5000;
  let standbyIds = objectIds(await pkcs11ToolOnNode(f.hsm.dataDir(standby()), ['--list-objects'], TEST_USER_PIN));
  while (standbyIds.includes('04') && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    standbyIds = objectIds(await pkcs11ToolOnNode(f.hsm.dataDir(standby()), ['--list-objects'], TEST_USER_PIN));
  }
  expect(standbyIds).not.toContain('04');
  expect(standbyIds).toContain('01');
});

test('keys made and destroyed through PKCS#11 are traced with caller pkcs11: a mirrored key\'s creation and destruction, a non-extractable key\'s creation and destruction', async () => {
  const traced = (operation: string, keyId: string) => f.hsm.waitForCall((r) => r.operation === operation && r.resourceId === keyId);
  await p11(['--keygen', '--key-type', 'AES:32', '--id', '07', '--label', 'traced-07', '--extractable']);
  expect(await traced('Pkcs11KeyCreated', '07')).toEqual({
    operation: 'Pkcs11KeyCreated', resourceId: '07', resourceName: 'traced-07', code: 0, message: '', caller: 'pkcs11', sourceIp: '', request: { keyType: 'AES_256', mirrored: 'yes' },
  });
  await p11(['--keygen', '--key-type', 'AES:32', '--id', '08', '--label', 'traced-08']);
  expect(await traced('Pkcs11KeyCreated', '08')).toMatchObject({ resourceName: 'traced-08', caller: 'pkcs11', request: { mirrored: 'no' } });
  await p11(['--delete-object', '--type', 'secrkey', '--id', '07']);
  await p11(['--delete-object', '--type', 'secrkey', '--id', '08']);
  expect(await traced('Pkcs11KeyDestroyed', '07')).toMatchObject({ code: 0, caller: 'pkcs11' });
  expect(await traced('Pkcs11KeyDestroyed', '08')).toMatchObject({ resourceName: 'traced-08', caller: 'pkcs11' });
  // Swept every second: each once.
  await new Promise((r) => setTimeout(r, 1500));
  expect(f.hsm.calls.filter((c) => ['07', '08'].includes(c.record.resourceId)).map((c) => `${c.record.operation} ${c.record.resourceId}`).sort())
    .toEqual(['Pkcs11KeyCreated 07', 'Pkcs11KeyCreated 08', 'Pkcs11KeyDestroyed 07', 'Pkcs11KeyDestroyed 08']);
});

test('64 idle TCP sockets on the PKCS#11 port do not keep out an authenticated pkcs11-tool call; all but the newest 16 of them are closed at once', async () => {
  const idle = Array.from({ length: 64 }, () => netConnect({ host: f.hsm.floating, port: f.hsm.pkcs11Port }));
  const closed = idle.map((s) => new Promise<void>((r) => s.once('close', () => r())));
  let closedCount = 0;
  for (const c of closed) void c.then(() => closedCount++);
  for (const s of idle) s.on('error', () => undefined);
  await Promise.all(idle.map((s) => new Promise((r) => s.once('connect', r))));
  try {
    expect(await p11(['--list-objects', '--type', 'secrkey'])).toContain('dew instance domain key');
    await Promise.all(closed.slice(0, 48));
    expect(closedCount).toBeGreaterThanOrEqual(48);
  } finally {
    for (const s of idle) s.destroy();
  }
});

test('a TCP connection to the PKCS#11 port that never starts its TLS handshake is closed after the 5 s handshake timeout', async () => {
  const socket = netConnect({ host: f.hsm.floating, port: f.hsm.pkcs11Port });
  socket.on('error', () => undefined);
  await new Promise((r) => socket.once('connect', r));
  const opened = Date.now();
  await new Promise((r) => socket.once('close', r));
  const heldMs = Date.now() - opened;
  expect(heldMs).toBeGreaterThan(4_000);
  expect(heldMs).toBeLessThan(8_000);
}, 15_000);

test('an application that destroys the application domain key and puts a key of its own under its id does not disturb mirroring: the node derives the key again in place of the impostor', async () => {
  const since = Date.now();
  await p11(['--delete-object', '--type', 'secrkey', '--id', DOMAIN_KEY_ID]);
  await p11(['--keygen', '--key-type', 'AES:32', '--id', DOMAIN_KEY_ID, '--label', 'impostor', '--extractable']);
  await p11(['--keygen', '--key-type', 'AES:32', '--id', '07', '--label', 'after-domain-key-loss', '--extractable']);
  await f.active.waitFor('domain-key-rederived', since, 10_000);
  await f.active.waitFor('pkcs11-key-mirrored', since, 10_000, (e) => e['keyId'] === '07');
  // The standby unwraps with the domain key it always had: the re-derived key is the same one.
  const deadline = Date.now() + 5000;
  let standbyIds = objectIds(await pkcs11ToolOnNode(f.hsm.dataDir(standby()), ['--list-objects', '--type', 'secrkey'], TEST_USER_PIN));
  while (!standbyIds.includes('07') && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    standbyIds = objectIds(await pkcs11ToolOnNode(f.hsm.dataDir(standby()), ['--list-objects', '--type', 'secrkey'], TEST_USER_PIN));
  }
  expect(standbyIds).toContain('07');
  expect(f.hsm.nodes[standby()].events.filter((e) => e.event === 'mirror-stopped')).toEqual([]);
  const labels = parseObjects(await p11(['--list-objects', '--type', 'secrkey'])).filter((o) => o.id === DOMAIN_KEY_ID).map((o) => o.label);
  expect(labels).toEqual(['dew instance domain key']);
});

test('a p11-kit server that dies while its node is active is restarted, and PKCS#11 is served again', async () => {
  const pid = lastP11KitPid(f.active);
  const killedAt = Date.now();
  process.kill(pid, 'SIGKILL');
  await f.active.waitFor('pkcs11-server-exited', killedAt, 5000);
  const restarted = await f.active.waitFor('pkcs11-serving', killedAt, 10_000);
  expect(restarted['p11KitServerPid']).not.toBe(pid);
  expect(objectIds(await p11(['--list-objects', '--type', 'privkey']))).toContain('01');
});

test('kill -9 of the active node: its p11-kit server dies with it, and a signature asked for at once through the same bridge is made by the standby with the same key; a new key is generated there', async () => {
  const killed = f.active;
  const survivor = f.hsm.nodes[standby()];
  const p11KitPid = lastP11KitPid(killed);
  const killedAt = Date.now();
  killed.child.kill('SIGKILL');
  // No wait for the takeover: the bridge retries connecting until the standby serves the floating address.
  const message = Buffer.from('signed after the failover');
  const signature = await signThroughBridge('01', message);
  await survivor.waitFor('pkcs11-serving', killedAt, 1000);
  f.active = survivor;
  expect(verify('sha256', message, appKeyBefore, signature)).toBe(true);
  const deadline = Date.now() + 3000;
  while (isRunning(p11KitPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(isRunning(p11KitPid)).toBe(false);

  await p11(['--keypairgen', '--key-type', 'EC:prime256v1', '--id', '05', '--label', 'after-failover', '--extractable']);
  const newKey = await publicKeyThroughBridge('05');
  expect(verify('sha256', message, newKey, await signThroughBridge('05', message))).toBe(true);
  const ids = objectIds(await p11(['--list-objects', '--type', 'privkey']));
  expect(ids).toEqual(expect.arrayContaining(['01', '05']));
  expect(ids).not.toContain('03');
  expect(ids).not.toContain('04');
}, 60_000);

function lastP11KitPid(node: NodeProcess): number {
  return node.events.filter((e) => e.event === 'pkcs11-serving').at(-1)!['p11KitServerPid'] as number;
}

/** A zombie counts as gone: it holds no socket or file any more, only its exit status. */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}
