import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import pino from 'pino';
import { FileRootKeyVersions, OwnerKeys, VersionedRootKey, wrappedVersion } from '@dew/crypto';
import { JetStreamKeyringStorage } from '@dew/event-sourcing';
import { ensureStream, JetStreamEventStore } from '@dew/event-store';
import { streams } from '@dew/messaging';
import type { ServiceSettings } from '@dew/nest-kit';
import { retiredVersions, type RootKeyRing } from '@dew/root-key-domain';
import { startTestNats, type TestNats } from '@dew/testing';
import { executeOnRing, readRootKeyRing } from './ring.js';
import { RootKeyRotation } from './root-key-rotation.js';
import { keyringStore, type RootWrappedStore } from './stores.js';

const KEYRING = { name: 'KEYRING_ROTATION', subjects: ['keyring.rotation.>'] } as const;
const silent = pino({ level: 'silent' });

let nats: TestNats;
let nc: NatsConnection;
let store: JetStreamEventStore;
beforeAll(async () => {
  nats = await startTestNats();
  nc = await nats.connect({ name: 'root-key-rotation' });
  const jsm = await jetstreamManager(nc);
  for (const s of [KEYRING, streams.rootKey]) await ensureStream(jsm, { name: s.name, subjects: [...s.subjects] });
  store = new JetStreamEventStore(nc);
});
afterAll(async () => {
  await nats?.stop();
});

async function until(check: (ring: RootKeyRing) => boolean): Promise<RootKeyRing> {
  for (let i = 0; i < 200; i++) {
    const { ring } = await readRootKeyRing(store);
    if (check(ring)) return ring;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the ring never reached the expected state');
}

const holder = (root: VersionedRootKey) => new RootKeyRotation(root, nc, { service: 'kms' } as ServiceSettings, silent, [keyringStore(nc, KEYRING)]);

test('a holder started after the rotation began resumes it: wraps with version 2, re-wraps its entries, reports; as the last reporter it retires version 1 and destroys its file; a restart is a no-op', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'dew-rotation-')), 'root.key');
  const root = VersionedRootKey.open(new FileRootKeyVersions(path), true).root;
  const keyring = new OwnerKeys(root, new JetStreamKeyringStorage(nc, KEYRING.name, (o) => `keyring.rotation.${o}`));
  const sealed = new Map<string, Buffer>();
  for (const o of ['o1', 'o2', 'o3']) {
    await keyring.create(o);
    sealed.set(o, await keyring.seal(o, 1, Buffer.from(`value of ${o}`)));
  }
  // The rotation as `dew root-key rotate` starts it, and the other holders done before this one starts.
  root.create(2);
  await executeOnRing(store, { type: 'CreateRootKeyVersion', version: 2, provider: 'file', by: 'test', now: 1 }, 'test');
  for (const h of ['csms', 'kps', 'iam', 'hsm-provisioning']) await executeOnRing(store, { type: 'CompleteRootKeyRewrap', holder: h, version: 2, rewrapped: 0, now: 2 }, 'test');
  expect(root.current).toBe(1);

  const service = holder(root);
  await service.onApplicationBootstrap();
  const ring = await until((r) => retiredVersions(r).includes(1));
  expect(ring.rewrapped.kms).toBe(2);
  expect(root.current).toBe(2);
  for (let i = 0; i < 100 && existsSync(path); i++) await new Promise((r) => setTimeout(r, 50));
  expect(existsSync(path)).toBe(false);
  expect(existsSync(`${path}.v2`)).toBe(true);

  const jsm = await jetstreamManager(nc);
  for (const o of ['o1', 'o2', 'o3']) {
    const entry = await jsm.streams.getMessage(KEYRING.name, { last_by_subj: `keyring.rotation.${o}` });
    expect(wrappedVersion(entry?.data as Uint8Array)).toBe(2);
  }
  expect((await jsm.streams.info(KEYRING.name)).state.messages).toBe(3);
  await service.onApplicationShutdown();

  // A fresh process (nothing cached) opens every owner's entry under version 2 alone.
  const restarted = VersionedRootKey.open(new FileRootKeyVersions(path), false).root;
  const fresh = new OwnerKeys(restarted, new JetStreamKeyringStorage(nc, KEYRING.name, (o) => `keyring.rotation.${o}`));
  for (const [o, value] of sealed) expect((await fresh.open(o, 1, value)).toString()).toBe(`value of ${o}`);
  const before = (await readRootKeyRing(store)).sequence;
  const again = holder(restarted);
  await again.onApplicationBootstrap();
  await new Promise((r) => setTimeout(r, 300));
  await again.onApplicationShutdown();
  expect((await readRootKeyRing(store)).sequence).toBe(before);
  expect(restarted.versions()).toEqual([2]);
});

test('a holder starting finds version 1 retired in the ring but its key still there (the retiring process died first): destroys it, reports nothing new', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'dew-rotation-')), 'root.key');
  const versions = new FileRootKeyVersions(path);
  versions.create(1);
  versions.create(2);
  const root = VersionedRootKey.open(versions, false).root;
  const before = (await readRootKeyRing(store)).sequence;
  const service = holder(root);
  await service.onApplicationBootstrap();
  for (let i = 0; i < 100 && existsSync(path); i++) await new Promise((r) => setTimeout(r, 50));
  await service.onApplicationShutdown();
  expect(existsSync(path)).toBe(false);
  expect(root.versions()).toEqual([2]);
  expect((await readRootKeyRing(store)).sequence).toBe(before);
});

test('an entry wrapped with the old version just before the switch and stored after the first re-wrap pass (a request in flight) is re-wrapped before the report: nothing is left under the retired version', async () => {
  // The ring as the tests before left it: the current version's key is this process's newest.
  const before = (await readRootKeyRing(store)).ring;
  const next = before.current + 1;
  const path = join(mkdtempSync(join(tmpdir(), 'dew-rotation-')), 'root.key');
  new FileRootKeyVersions(path).create(before.current);
  const root = VersionedRootKey.open(new FileRootKeyVersions(path), false).root;
  const ownStream = { name: 'KEYRING_IN_FLIGHT', subjects: ['keyring.inflight.>'] } as const;
  await ensureStream(await jetstreamManager(nc), { name: ownStream.name, subjects: [...ownStream.subjects] });
  const keyring = new OwnerKeys(root, new JetStreamKeyringStorage(nc, ownStream.name, (o) => `keyring.inflight.${o}`));
  await keyring.create('settled');
  // The request wrapped its new owner's entry while version 1 still wrapped; it stores it only after the holder's first pass.
  const inFlight = await root.wrap(Buffer.alloc(32, 9), 'keyring:in-flight');
  let stored = false;
  const entries = keyringStore(nc, ownStream);
  const racing: RootWrappedStore = {
    name: entries.name,
    rewrap: async (r) => {
      const count = await entries.rewrap(r);
      if (!stored) {
        stored = true;
        await jetstream(nc).publish('keyring.inflight.in-flight', inFlight, { expect: { lastSubjectSequence: 0 } });
      }
      return count;
    },
  };
  root.create(next);
  await executeOnRing(store, { type: 'CreateRootKeyVersion', version: next, provider: 'file', by: 'test', now: 1 }, 'test');
  for (const h of ['csms', 'kps', 'iam', 'hsm-provisioning']) await executeOnRing(store, { type: 'CompleteRootKeyRewrap', holder: h, version: next, rewrapped: 0, now: 2 }, 'test');

  const service = new RootKeyRotation(root, nc, { service: 'kms' } as ServiceSettings, silent, [racing]);
  await service.onApplicationBootstrap();
  await until((r) => retiredVersions(r).includes(next - 1));
  await service.onApplicationShutdown();
  expect(stored).toBe(true);
  const entry = await (await jetstreamManager(nc)).streams.getMessage(ownStream.name, { last_by_subj: 'keyring.inflight.in-flight' });
  expect(wrappedVersion(entry?.data as Uint8Array)).toBe(next);
  const fresh = VersionedRootKey.open(new FileRootKeyVersions(path), false).root;
  expect(await fresh.unwrap(entry?.data as Uint8Array, 'keyring:in-flight')).toEqual(Buffer.alloc(32, 9));
});
