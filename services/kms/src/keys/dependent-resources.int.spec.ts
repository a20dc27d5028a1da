import { csmsOperations, kpsOperations } from '@dew/contracts';
import { systemContext } from '@dew/messaging';
import { Bus } from '@dew/nest-kit';
import { startTestNats, type TestNats } from '@dew/testing';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { DependentResources } from './dependent-resources.js';

let nats: TestNats;
let kms: NatsConnection;
const responders: Subscription[] = [];
beforeAll(async () => {
  nats = await startTestNats();
  kms = await nats.connect({ actsAs: 'kms' });
});
afterEach(() => {
  for (const s of responders.splice(0)) s.unsubscribe();
});
afterAll(async () => {
  await nats?.stop();
});

/** A service process answering its key-dependents row with `envelope` (DEW's bus envelope). */
async function answering(service: 'csms' | 'kps', subject: string, envelope: object): Promise<void> {
  const nc = await nats.connect({ actsAs: service });
  responders.push(nc.subscribe(subject, { callback: (_err, msg) => void msg.respond(JSON.stringify(envelope)) }));
  await nc.flush();
}

const KEY = '0d0466b0-e727-4d9c-b35d-f84bb474a37f';
const report = () => new DependentResources(new Bus(kms as never)).of(KEY, systemContext('r-deps', 'p1'));

describe('the key-deletion risk report asks CSMS and KPS for what a key protects', () => {
  it('a service nothing subscribes for (not deployed) has no dependents: the others\' are reported', async () => {
    await answering('csms', csmsOperations.keyDependents.pattern ?? '', { ok: { dependents: [{ service: 'csms', resource_type: 'secret', resource_id: 's-1', resource_name: 'db' }] } });
    await expect(report()).resolves.toEqual([{ service: 'csms', resource_type: 'secret', resource_id: 's-1', resource_name: 'db' }]);
  });

  it('a service that answers busy (503) fails the report: "no dependents" would hide the secrets a key protects', async () => {
    await answering('csms', csmsOperations.keyDependents.pattern ?? '', { error: { code: 'CSMS.0503', status: 503, message: 'busy', retry_after_s: 1 } });
    await answering('kps', kpsOperations.keyDependents.pattern ?? '', { ok: { dependents: [] } });
    await expect(report()).rejects.toMatchObject({ status: 503 });
  });
});
