import * as grpc from '@grpc/grpc-js';
import { Kvm, type KV } from '@nats-io/kv';
import type { HsmAdminClient } from '@dew/hsm-client';
import { kvBuckets } from '@dew/messaging';
import { runToolOrThrow, startTestNats, type TestNats } from '@dew/testing';
import { startInitialisedAppliance, type Appliance, type NodeProcess } from '../test/appliance.js';
import { tlsHandshake } from '../test/tls-probe.js';

let nats: TestNats;
let hsm: Appliance;
let active: NodeProcess;
let admin: HsmAdminClient;
let kv: KV;
let ca: Buffer;

beforeAll(async () => {
  nats = await startTestNats();
  ({ hsm, active } = await startInitialisedAppliance(nats, 'revoke1'));
  admin = await hsm.admin();
  kv = await new Kvm(await nats.connect()).open(kvBuckets.hsmState.name);
  ca = await hsm.caPem();
}, 60_000);

afterAll(async () => {
  admin?.close();
  await hsm?.stop();
  await nats?.stop();
});

const revokedKey = () => `${hsm.instanceId}.revoked`;
const codeOf = (p: Promise<unknown>) => p.then(() => 'served', (e: grpc.ServiceError) => ({ code: e.code, details: e.details }));
const running = (n: NodeProcess) => n.child.exitCode === null && n.child.signalCode === null;

/** The serial as `openssl x509 -text` prints it: byte pairs joined by colons. */
async function opensslSerial(cert: Buffer): Promise<string> {
  const text = await runToolOrThrow('openssl', ['x509', '-noout', '-text'], cert.toString());
  return /Serial Number:\s*\n\s*([0-9a-f:]+)/i.exec(text)![1]!;
}

test('RevokeCertificate with the serial as openssl prints it (colons) and in capitals revokes that certificate: refused at its next handshake, UNAUTHENTICATED on its open connection', async () => {
  const revoked = await hsm.clientFor('app-colons');
  expect((await revoked.client.health()).role).toBe('active');
  const printed = await opensslSerial(revoked.cert);
  expect(printed).toContain(':');

  expect(await admin.revokeCertificate(printed.toUpperCase())).toEqual({ revoked: true });

  expect(await tlsHandshake(hsm.floating, hsm.port, ca, revoked)).toBe('closed-after-handshake');
  expect(await codeOf(revoked.client.health())).toEqual({ code: grpc.status.UNAUTHENTICATED, details: 'the client certificate is revoked' });
  expect(JSON.parse((await kv.get(revokedKey()))!.string())).toContainEqual(expect.objectContaining({ serial: revoked.serial.replace(/^0+/, '') }));
  revoked.client.close();
});

test.each([
  ['zz', '"zz"'],
  ['00:00', '"00:00"'],
  ['1'.repeat(41), `"${'1'.repeat(41)}"`],
])('RevokeCertificate of %s is refused INVALID_ARGUMENT naming the limit and the value, stores nothing, and new connections are still served', async (serial, named) => {
  const before = (await kv.get(revokedKey()))?.revision ?? 0;
  expect(await codeOf(admin.revokeCertificate(serial))).toEqual({
    code: grpc.status.INVALID_ARGUMENT, details: `serial must be a positive certificate serial of at most 40 hex digits (colons and spaces allowed), not ${named}`,
  });
  expect((await kv.get(revokedKey()))?.revision ?? 0).toBe(before);
  const fresh = await hsm.clientFor(`app-after-${serial.slice(0, 8)}`);
  expect((await fresh.client.health()).role).toBe('active');
  fresh.client.close();
});

test('a revocation list in the state that is not JSON, or holds an entry that is no serial, stops neither node nor the serving; its valid entries stay revoked', async () => {
  const listed = await hsm.clientFor('app-listed');
  let since = Date.now();
  await kv.put(revokedKey(), 'not a list {');
  await active.waitFor('revocations-skipped', since, 5000);

  const listedSerial = await opensslSerial(listed.cert);
  since = Date.now();
  await kv.put(revokedKey(), JSON.stringify([{ serial: 'zz' }, { serial: '' }, { serial: listedSerial, at: 'no date' }, 42]));
  const threeSkipped = (e: Record<string, unknown>) => e['skipped'] === 3;
  for (const id of ['a', 'b'] as const) await hsm.nodes[id].waitFor('revocations-skipped', since, 5000, threeSkipped);

  expect(await tlsHandshake(hsm.floating, hsm.port, ca, listed)).toBe('closed-after-handshake');
  expect(await tlsHandshake(hsm.floating, hsm.pkcs11Port, ca, listed, 'p11-kit')).toBe('closed-after-handshake');
  const fresh = await hsm.clientFor('app-after-garbage');
  expect((await fresh.client.health()).role).toBe('active');
  expect(await tlsHandshake(hsm.floating, hsm.pkcs11Port, ca, fresh, 'p11-kit')).toBe('p11-kit-served');
  fresh.client.close();
  listed.client.close();
  expect([running(hsm.nodes.a), running(hsm.nodes.b)]).toEqual([true, true]);
  expect(active.events.filter((e) => e.event === 'standby')).toEqual([]);
});
