import { connect, createServer, type Server } from 'node:net';
import { startTestNats, type TestNats } from '@dew/testing';
import { firstActive, startAppliance, type Appliance } from '../test/appliance.js';
import { startPausableProxy, type PausableProxy } from '../test/pausable-proxy.js';

const TTL_MS = 1500;

let nats: TestNats;
let hsm: Appliance;
let relay: PausableProxy;
let squatter: Server;

beforeAll(async () => {
  nats = await startTestNats();
  hsm = await startAppliance(nats, 'fence1', { controlAddress: async (actual) => (relay = await startPausableProxy(actual)).address });
  // Nodes compete for the lease one TTL after they start: the PKCS#11 port is taken before either binds it.
  squatter = createServer();
  await new Promise<void>((listening) => squatter.listen(hsm.pkcs11Port, hsm.floating, listening));
}, 60_000);

afterAll(async () => {
  squatter?.close();
  await hsm?.stop();
  await relay?.close();
  await nats?.stop();
});

/** Whether a TCP connection to the address is accepted. */
const accepts = (host: string, port: number) => new Promise<boolean>((resolve) => {
  const s = connect(port, host);
  s.once('connect', () => { s.destroy(); resolve(true); });
  s.once('error', () => resolve(false));
});

test('a PKCS#11 port still held by another process when the node becomes active: pkcs11-failed, gRPC served, and PKCS#11 served once the port is free', async () => {
  const active = await firstActive(hsm);
  const failed = await active.waitFor('pkcs11-failed');
  expect(failed).toMatchObject({ reason: expect.stringContaining('EADDRINUSE'), retryInMs: 1000 });
  expect(await accepts(hsm.floating, hsm.port)).toBe(true);

  const freedAt = Date.now();
  await new Promise((closed) => squatter.close(closed));
  const serving = await active.waitFor('pkcs11-serving', freedAt, 35_000);
  expect(serving['port']).toBe(hsm.pkcs11Port);
  expect(await accepts(hsm.floating, hsm.pkcs11Port)).toBe(true);
}, 60_000);

test('an active node whose control plane stops answering (connections open, no replies) stops serving within the lease TTL; it serves again once the control plane answers', async () => {
  const active = hsm.active();
  expect(await accepts(hsm.floating, hsm.port)).toBe(true);

  const pausedAt = Date.now();
  relay.pause();
  await active.waitFor('standby', pausedAt, 10_000);
  const ports = [hsm.port, hsm.adminPort, hsm.pkcs11Port];
  while ((await Promise.all(ports.map((p) => accepts(hsm.floating, p)))).some(Boolean) && Date.now() - pausedAt < 10_000) await new Promise((r) => setTimeout(r, 20));
  expect(Date.now() - pausedAt).toBeLessThan(TTL_MS);

  const resumedAt = Date.now();
  relay.resume();
  await Promise.race([hsm.nodes.a.waitFor('active', resumedAt, 15_000), hsm.nodes.b.waitFor('active', resumedAt, 15_000)]);
  expect(await accepts(hsm.floating, hsm.port)).toBe(true);
}, 60_000);
