import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadHsmProto } from '@dew/hsm-client';
import { runToolOrThrow, startTestNats, type TestNats } from '@dew/testing';
import { startInitialisedAppliance, type Appliance } from '../test/appliance.js';
import { tlsHandshake } from '../test/tls-probe.js';

let nats: TestNats;
let hsm: Appliance;
let ca: Buffer;
let dir: string;

beforeAll(async () => {
  nats = await startTestNats();
  ({ hsm } = await startInitialisedAppliance(nats, 'mtls1'));
  ca = await hsm.caPem();
  dir = await mkdtemp(join(tmpdir(), 'dew-hsm-mtls-'));
}, 60_000);

afterAll(async () => {
  await hsm?.stop();
  await nats?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A CA and a client certificate it issued, made by the real openssl: not the instance's CA. */
async function foreignClient(): Promise<{ cert: Buffer; key: Buffer }> {
  const f = (n: string) => join(dir, n);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await runToolOrThrow('openssl', ['req', '-x509', ...ec, '-keyout', f('other-ca.key'), '-out', f('other-ca.pem'), '-subj', '/CN=another CA', '-days', '1']);
  await runToolOrThrow('openssl', ['req', ...ec, '-keyout', f('client.key'), '-out', f('client.csr'), '-subj', '/CN=app-of-another-ca']);
  await runToolOrThrow('openssl', ['x509', '-req', '-in', f('client.csr'), '-CA', f('other-ca.pem'), '-CAkey', f('other-ca.key'), '-CAcreateserial', '-out', f('client.pem'), '-days', '1']);
  return { cert: await readFile(f('client.pem')), key: await readFile(f('client.key')) };
}

test('a client certificate issued by the instance CA completes the handshake and its calls are served', async () => {
  const { cert, key, client } = await hsm.clientFor('app-ok');
  expect(await tlsHandshake(hsm.floating, hsm.port, ca, { cert, key })).toBe('http2-served');
  expect((await client.health()).role).toBe('active');
  client.close();
});

test('a client without a certificate is refused at the TLS handshake', async () => {
  // Without a certificate OpenSSL itself ends the handshake (the server asks for one and insists).
  expect(await tlsHandshake(hsm.floating, hsm.port, ca, {})).toBe('error ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED');
  const { Hsm } = loadHsmProto();
  const bare = new Hsm(`${hsm.floating}:${hsm.port}`, grpc.credentials.createSsl(ca));
  const err = await new Promise<grpc.ServiceError>((resolve) => {
    (bare as unknown as { health: (r: object, o: grpc.CallOptions, cb: (e: grpc.ServiceError) => void) => void }).health({}, { deadline: Date.now() + 3000 }, resolve);
  });
  expect(err.code).toBe(grpc.status.UNAVAILABLE);
  bare.close();
});

test('a client certificate of another CA is refused at the TLS handshake', async () => {
  const other = await foreignClient();
  expect(await tlsHandshake(hsm.floating, hsm.port, ca, other)).toBe('closed-after-handshake');
});

test('a revoked client certificate is refused at the next handshake, and an open connection with it gets UNAUTHENTICATED on its next call', async () => {
  const { cert, key, serial, client } = await hsm.clientFor('app-revoked');
  const { client: bystander, cert: otherCert, key: otherKey } = await hsm.clientFor('app-still-valid');
  expect((await client.health()).role).toBe('active');
  expect(await tlsHandshake(hsm.floating, hsm.port, ca, { cert, key })).toBe('http2-served');
  const admin = await hsm.admin();
  expect(await admin.revokeCertificate(serial)).toEqual({ revoked: true });
  admin.close();

  expect(await tlsHandshake(hsm.floating, hsm.port, ca, { cert, key })).toBe('closed-after-handshake');
  const refused = await client.health().catch((e: grpc.ServiceError) => e);
  expect(refused).toMatchObject({ code: grpc.status.UNAUTHENTICATED, details: 'the client certificate is revoked' });
  // The CRL names one serial: another certificate of the same CA is still accepted.
  expect(await tlsHandshake(hsm.floating, hsm.port, ca, { cert: otherCert, key: otherKey })).toBe('http2-served');
  expect((await bystander.health()).role).toBe('active');
  client.close();
  bystander.close();
});
