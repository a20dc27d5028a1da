import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { FileRootKeyVersions, innerFormat, OwnerKeys, Pkcs11RootKeyVersions, TOKEN_WRAP_VERSION, VersionedRootKey, wrappedVersion } from '@dew/crypto';
import { JetStreamKeyringStorage } from '@dew/event-sourcing';
import { ensureStream } from '@dew/event-store';
import { startTestNats, type TestNats } from '@dew/testing';
import { rewrapKeyringStream } from './keyring-entries.js';
import { silentProgress } from './progress.js';
import { migrationRewrap, rotationRewrap, type Rewrap } from './rewrap.js';

// SoftHSM reads SOFTHSM2_CONF from the real environment: the int run's sandbox (libs/testing/src/softhsm-sandbox.ts).
const TOKEN = `migrate-${randomBytes(4).toString('hex')}`;
const PIN = '13572468';
const STREAM = 'KEYRING_MIGRATE';
const PREFIX = 'keyring.migrate.';

let nats: TestNats;
let nc: NatsConnection;
let token: VersionedRootKey;
let file: VersionedRootKey;

beforeAll(async () => {
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', TOKEN, '--pin', PIN, '--so-pin', '86420'], { stdio: 'ignore' });
  token = VersionedRootKey.open(Pkcs11RootKeyVersions.open({ module: '/usr/lib/softhsm/libsofthsm2.so', tokenLabel: TOKEN, pin: PIN, keyLabel: 'dew-root' }, true), true).root;
  file = VersionedRootKey.open(new FileRootKeyVersions(join(mkdtempSync(join(tmpdir(), 'dew-migrate-')), 'root.key')), true).root;
  nats = await startTestNats();
  nc = await nats.connect({ name: 'root-key-migrate' });
  await ensureStream(await jetstreamManager(nc), { name: STREAM, subjects: [`${PREFIX}>`] });
});
afterAll(async () => {
  token?.close();
  await nats?.stop();
});

test('keyring entries: a run killed between publishing an entry re-wrapped and erasing the old one resumes — old copy erased, the rest re-wrapped, every owner opens under the token key', async () => {
  const storage = new JetStreamKeyringStorage(nc, STREAM, (o) => `${PREFIX}${o}`);
  const before = new OwnerKeys(file, storage);
  const owners = ['o1', 'o2', 'o3', 'o4'];
  const sealed = new Map<string, Buffer>();
  for (const o of owners) {
    await before.create(o);
    sealed.set(o, await before.seal(o, 1, Buffer.from(`value of ${o}`)));
  }
  // The state a killed run leaves: o1's entry published under the token key, its old copy still there.
  const jsm = await jetstreamManager(nc);
  const old = await jsm.streams.getMessage(STREAM, { last_by_subj: `${PREFIX}o1` });
  if (!old) throw new Error('no entry for o1');
  const entry = await file.unwrap(old.data, 'keyring:o1');
  await jetstream(nc).publish(`${PREFIX}o1`, await token.wrap(entry, 'keyring:o1'), { expect: { lastSubjectSequence: old.seq } });

  const rewrap = () => rewrapKeyringStream(nc, STREAM, PREFIX, migrationRewrap(file, token, TOKEN_WRAP_VERSION, { budget: { left: 100 }, progress: silentProgress }));
  expect(await rewrap()).toEqual({ rewrapped: 3, already: 2, left: 0 });
  expect((await jsm.streams.info(STREAM)).state.messages).toBe(4);
  expect(await jsm.streams.getMessage(STREAM, { seq: old.seq })).toBeNull();
  const after = new OwnerKeys(token, storage);
  for (const o of owners) {
    const stored = await storage.get(o);
    expect(innerFormat(stored as Uint8Array)).toBe(TOKEN_WRAP_VERSION);
    expect(wrappedVersion(stored as Uint8Array)).toBe(1);
    expect((await after.open(o, 1, sealed.get(o) as Buffer)).toString()).toBe(`value of ${o}`);
  }
  expect(await rewrap()).toEqual({ rewrapped: 0, already: 4, left: 0 });
});

test('keyring entries: an owner destroyed while the rotation re-wraps its entry stays destroyed (the re-wrapped copy is refused, nothing resurrected); the others move to the new version', async () => {
  const root = VersionedRootKey.open(new FileRootKeyVersions(join(mkdtempSync(join(tmpdir(), 'dew-shred-')), 'root.key')), true).root;
  const stream = 'KEYRING_SHRED';
  const prefix = 'keyring.shred.';
  await ensureStream(await jetstreamManager(nc), { name: stream, subjects: [`${prefix}>`] });
  const keys = new OwnerKeys(root, new JetStreamKeyringStorage(nc, stream, (o) => `${prefix}${o}`));
  for (const o of ['kept', 'doomed']) await keys.create(o);
  root.create(2);
  root.use(2);
  const rotation = rotationRewrap(root, { progress: silentProgress });
  // The owner's deletion runs while its entry is open for re-wrapping.
  const racing: Rewrap = { ...rotation, convert: async (blob, aad) => {
    const wrapped = await rotation.convert(blob, aad);
    if (aad === 'keyring:doomed') await keys.destroy('doomed');
    return wrapped;
  } };
  // The lost race is left for the next run, so the rotation does not complete over it; that run finds the owner gone.
  expect(await rewrapKeyringStream(nc, stream, prefix, racing)).toEqual({ rewrapped: 1, already: 0, left: 1 });
  expect(await rewrapKeyringStream(nc, stream, prefix, rotation)).toEqual({ rewrapped: 0, already: 1, left: 0 });
  const jsm = await jetstreamManager(nc);
  expect(await jsm.streams.getMessage(stream, { last_by_subj: `${prefix}doomed` })).toBeNull();
  expect((await jsm.streams.info(stream)).state.messages).toBe(1);
  expect(wrappedVersion((await jsm.streams.getMessage(stream, { last_by_subj: `${prefix}kept` }))?.data as Uint8Array)).toBe(2);
  root.close();
});

test('keyring entries: stray messages on an entry\'s subject (nats-server answers to a request naming it as reply subject) are passed over — the entry is re-wrapped and opens, the rotation completes', async () => {
  const root = VersionedRootKey.open(new FileRootKeyVersions(join(mkdtempSync(join(tmpdir(), 'dew-stray-')), 'root.key')), true).root;
  const stream = 'KEYRING_STRAY';
  const prefix = 'keyring.stray.';
  await ensureStream(await jetstreamManager(nc), { name: stream, subjects: [`${prefix}>`] });
  const keys = new OwnerKeys(root, new JetStreamKeyringStorage(nc, stream, (o) => `${prefix}${o}`));
  await keys.create('o1');
  const sealed = await keys.seal('o1', 1, Buffer.from('value of o1'));
  nc.publish(`$JS.API.STREAM.INFO.${stream}`, '', { reply: `${prefix}o1` });
  await nc.flush();
  await new Promise((r) => setTimeout(r, 100));
  root.create(2);
  root.use(2);
  const rotation = rotationRewrap(root, { progress: silentProgress });
  expect(await rewrapKeyringStream(nc, stream, prefix, rotation)).toEqual({ rewrapped: 1, already: 0, left: 0 });
  const reopened = new OwnerKeys(root, new JetStreamKeyringStorage(nc, stream, (o) => `${prefix}${o}`));
  expect((await reopened.open('o1', 1, sealed)).toString()).toBe('value of o1');
  expect(await rewrapKeyringStream(nc, stream, prefix, rotation)).toEqual({ rewrapped: 0, already: 1, left: 0 });
  root.close();
});
