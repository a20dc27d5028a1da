import { generateKeyPairSync } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import type { NatsConnection } from '@nats-io/transport-node';
import { startTestNats, type TestNats } from '@dew/testing';
import { ControlCa } from './pki/control-ca.js';
import { ControlPlane } from './server/control-plane.js';
import { ControlClient } from './client/control-client.js';
import { IssuanceFeed } from './client/issuance-feed.js';
import type { NodeId } from './identity.js';

/**
 * The certificate relay of the control plane (docs/hsm-appliance.md, "KMS's access certificate"):
 * a request reaches only the instance it names, and only that instance's node can answer it.
 */
let nats: TestNats;
let nc: NatsConnection;
let ca: ControlCa;
let plane: ControlPlane;
let address: string;
const clients: ControlClient[] = [];
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  nats = await startTestNats();
  nc = await nats.connect();
  ca = ControlCa.create();
  plane = new ControlPlane(nc);
  address = `127.0.0.1:${await plane.listen('127.0.0.1', 0, { ca: ca.certPem, ...ca.issueServer(['127.0.0.1']) })}`;
});

afterAll(async () => {
  for (const c of clients) c.close();
  plane?.stop();
  await nats?.stop();
});

function nodeClient(instanceId: string, nodeId: NodeId): ControlClient {
  const issued = ca.issueNode({ instanceId, nodeId });
  const client = new ControlClient({ address, ca: ca.certPem, cert: issued.cert, key: issued.key });
  clients.push(client);
  return client;
}

const publicKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('certificate relay to an instance\'s active node', () => {
  it('no feed open for the instance: refused at once as retryable, naming the instance', async () => {
    await expect(plane.issuance.issue('instance-none', 'dew-kms:ks1', publicKey())).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('instance-none') });
  });

  it('a request for instance X reaches X\'s feed only; Y\'s node cannot answer it (NOT_FOUND), X\'s answer must certify the requested key', async () => {
    const seenByY: string[] = [];
    const y = nodeClient('instance-y', 'a');
    const feedY = new IssuanceFeed(y);
    await feedY.open(async (cn) => {
      seenByY.push(cn);
      throw new Error('Y never issues');
    });
    let requestIdSeen = '';
    const x = nodeClient('instance-x', 'a');
    const feedX = new IssuanceFeed(x);
    // X's node answers with a certificate of another key: the relay refuses it.
    const other = ca.issueNode({ instanceId: 'instance-x', nodeId: 'b' });
    await feedX.open(async () => ({ certificate: other.cert, serial: other.serial }));
    const spoofed = plane.issuance.issue('instance-x', 'dew-kms:ks1', publicKey());
    await expect(spoofed).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('another name or public key') });
    // Y tries to answer X's request by id: not found for Y.
    const watch = x.stream('watchIssuance', {});
    watch.on('data', (m: { requestId: string }) => { requestIdSeen = m.requestId; });
    watch.on('error', () => undefined);
    await pause(200);
    feedX.close();
    const pending = plane.issuance.issue('instance-x', 'dew-kms:ks2', publicKey(), 1_500);
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
