import * as grpc from '@grpc/grpc-js';
import type { HsmClient } from '@dew/hsm-client';
import { startTestNats, type TestNats } from '@dew/testing';
import { startInitialisedAppliance, type Appliance, type NodeProcess } from '../test/appliance.js';
import { pkcs11 } from './token/pkcs11.js';
import { CKM_EC_EDWARDS_KEY_PAIR_GEN, CKM_EDDSA } from './token/mechanisms.js';
import { flagWords, pkcs11ToolMechanisms } from '../test/pkcs11-tool.js';

let nats: TestNats;
let hsm: Appliance;
let active: NodeProcess;
let client: HsmClient;

beforeAll(async () => {
  nats = await startTestNats();
  ({ hsm, active } = await startInitialisedAppliance(nats, 'mech1'));
  ({ client } = await hsm.clientFor('app-mechanisms'));
}, 60_000);

afterAll(async () => {
  client?.close();
  await hsm?.stop();
  await nats?.stop();
});

const namesOf = (mechanism: number): string[] => Object.entries(pkcs11).filter(([k, v]) => k.startsWith('CKM_') && v === mechanism).map(([k]) => k)
  .concat(Object.entries({ CKM_EC_EDWARDS_KEY_PAIR_GEN, CKM_EDDSA }).filter(([, v]) => v === mechanism).map(([k]) => k));

test('ListMechanisms equals, entry by entry, what pkcs11-tool -M reports for the active node\'s token', async () => {
  const served = await client.listMechanisms();
  const listed = await pkcs11ToolMechanisms(hsm.dataDir(active.id), 'dew-hsm');
  expect(served.length).toBe(listed.length);
  expect(served.length).toBeGreaterThan(20);
  served.forEach((m, i) => {
    const tool = listed[i]!;
    // OpenSC names a mechanism it knows (a CKM_ name, '-' for '_'; some numbers have two
    // names, e.g. CKM_ECDSA_KEY_PAIR_GEN = CKM_EC_KEY_PAIR_GEN), else prints its number.
    if (tool.name.startsWith('mechtype-')) expect(m.mechanism).toBe(Number(tool.name.slice('mechtype-'.length)));
    else expect(namesOf(m.mechanism)).toContain(`CKM_${tool.name.replace(/-/g, '_')}`);
    expect(namesOf(m.mechanism).concat(`0x${m.mechanism.toString(16)}`)).toContain(m.name);
    expect(flagWords(m.flags)).toEqual(tool.flags);
    expect(tool.keySize ?? [0, 0]).toEqual([m.minKeySize, m.maxKeySize]);
  });
});

test('a signature scheme the token does not offer (RSA_OAEP_SHA256) is refused UNIMPLEMENTED, naming it', async () => {
  const rsa = await client.generateKey('RSA_2048', 'rsa-for-oaep');
  const err = await client.sign(rsa.keyId, 'RSA_OAEP_SHA256', Buffer.from('m')).catch((e: grpc.ServiceError) => e);
  expect(err).toMatchObject({ code: grpc.status.UNIMPLEMENTED });
  expect((err as grpc.ServiceError).details).toContain('RSA_OAEP_SHA256');
});
