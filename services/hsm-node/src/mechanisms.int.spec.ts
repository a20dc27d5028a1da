import { constants, createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
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

describe('Sign and Verify over a digest the caller computed (prehashed)', () => {
  const message = Buffer.from('a message the application hashed itself');
  const hashOf = (scheme: string) => (scheme.endsWith('512') ? 'sha512' : scheme.endsWith('384') ? 'sha384' : 'sha256');
  const checks: Record<string, object> = {
    ECDSA: { dsaEncoding: 'der' },
    RSA_PKCS1: {},
    RSA_PSS: { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
  };

  test.each([
    ['EC_P256', 'ECDSA_SHA256'], ['EC_P256', 'ECDSA_SHA384'], ['EC_P384', 'ECDSA_SHA384'],
    ['RSA_2048', 'RSA_PKCS1_SHA256'], ['RSA_2048', 'RSA_PKCS1_SHA384'], ['RSA_2048', 'RSA_PKCS1_SHA512'],
    ['RSA_2048', 'RSA_PSS_SHA256'], ['RSA_2048', 'RSA_PSS_SHA384'], ['RSA_2048', 'RSA_PSS_SHA512'],
  ])('%s %s: a signature over the digest verifies with OpenSSL over the message, and with the node both ways', async (keyType, scheme) => {
    const key = await client.generateKey(keyType, `prehashed ${scheme}`);
    const hash = hashOf(scheme);
    const digest = createHash(hash).update(message).digest();
    const signature = await client.signDigest(key.keyId, scheme, digest);
    const publicKey = createPublicKey({ key: key.publicKey, format: 'der', type: 'spki' });
    const check = checks[scheme.replace(/_SHA\d+$/, '')];
    expect(verifySignature(hash, message, { key: publicKey, ...check }, signature)).toBe(true);
    expect(await client.verifyDigest(key.keyId, scheme, digest, signature)).toBe(true);
    // The same scheme over the message (RAW) and over its digest are one signature scheme.
    expect(await client.verify(key.keyId, scheme, message, signature)).toBe(true);
    expect(await client.verifyDigest(key.keyId, scheme, digest, await client.sign(key.keyId, scheme, message))).toBe(true);
    expect(await client.verifyDigest(key.keyId, scheme, createHash(hash).update('another message').digest(), signature)).toBe(false);
  });

  test('a digest of another length than the scheme\'s hash is refused INVALID_ARGUMENT naming both lengths, for Sign and Verify', async () => {
    const ec = await client.generateKey('EC_P256', 'prehashed wrong length');
    const err = (p: Promise<unknown>) => p.then(() => undefined, (e: grpc.ServiceError) => [e.code, e.details]);
    expect(await err(client.signDigest(ec.keyId, 'ECDSA_SHA256', Buffer.alloc(31)))).toEqual([grpc.status.INVALID_ARGUMENT, 'a prehashed ECDSA_SHA256 message is a SHA-256 digest of 32 bytes, got 31']);
    expect(await err(client.signDigest(ec.keyId, 'ECDSA_SHA384', Buffer.alloc(32)))).toEqual([grpc.status.INVALID_ARGUMENT, 'a prehashed ECDSA_SHA384 message is a SHA-384 digest of 48 bytes, got 32']);
    expect(await err(client.verifyDigest(ec.keyId, 'ECDSA_SHA256', Buffer.alloc(0), Buffer.alloc(70)))).toEqual([grpc.status.INVALID_ARGUMENT, 'a prehashed ECDSA_SHA256 message is a SHA-256 digest of 32 bytes, got 0']);
    expect(await err(client.signDigest(ec.keyId, 'EDDSA', Buffer.alloc(64)))).toEqual([grpc.status.INVALID_ARGUMENT, 'EDDSA signs the message itself: it takes no prehashed digest']);
  });
});
