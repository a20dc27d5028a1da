import { spawn } from 'node:child_process';
import { appendFile, copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@dew/nats-server';
import { loginWithKey, loginWithPassword, runToolOrThrow, startSshd, type TestSshd } from '@dew/testing';
import { editAuthorizedKeys, type EditResult, type SshEndpoint } from './remote-edit.js';
import type { RemoteFailure } from './remote-failure.js';
import type { SshCredential } from './ssh-session.js';

interface KeyPair {
  readonly privateKey: string;
  /** The .pub line ssh-keygen wrote: "type base64 comment". */
  readonly publicKey: string;
}

let keyDir: string;
let alice: KeyPair;
let bob: KeyPair;
let carol: KeyPair;
let ecdsaHostKey: string;

beforeAll(async () => {
  keyDir = await mkdtemp(join(tmpdir(), 'dew-kps-keys-'));
  let host: KeyPair;
  [alice, bob, carol, host] = await Promise.all([
    makeKeyPair('alice', 'ed25519'),
    makeKeyPair('bob', 'ed25519'),
    makeKeyPair('carol', 'ed25519'),
    makeKeyPair('host', 'ecdsa'),
  ]);
  ecdsaHostKey = host.publicKey;
});

afterAll(async () => {
  await rm(keyDir, { recursive: true, force: true });
});

describe('editAuthorizedKeys against a real sshd', () => {
  let sshd: TestSshd;
  let endpoint: SshEndpoint;
  let password: SshCredential;

  beforeEach(async () => {
    sshd = await startSshd();
    endpoint = { host: sshd.host, port: sshd.port, user: sshd.user, sshdConfigPath: sshd.configPath, sshdPidFile: sshd.pidFile };
    password = { type: 'password', password: sshd.password };
  });

  afterEach(async () => {
    await sshd.stop();
  });

  it('binding with the password creates ~/.ssh (0700) and authorized_keys (0600) with the key, which then logs in', async () => {
    const result = await editAuthorizedKeys(endpoint, password, { add: alice.publicKey });

    expect(result).toEqual({ ok: true, hostKey: sshd.hostKey });
    expect(await sshd.authorizedKeys()).toBe(`${alice.publicKey}\n`);
    expect((await stat(join(sshd.home, '.ssh'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(sshd.home, '.ssh', 'authorized_keys'))).mode & 0o777).toBe(0o600);
    expect(await loginWithKey(sshd, alice.privateKey)).toBe(true);
    expect(await loginWithKey(sshd, bob.privateKey)).toBe(false);
  });

  it('adding a key that is already there, under another comment, leaves one line', async () => {
    await editAuthorizedKeys(endpoint, password, { add: alice.publicKey });
    const again = await editAuthorizedKeys(endpoint, password, { add: `${keyOnly(alice)} renamed` });

    expect(again.ok).toBe(true);
    expect(await sshd.authorizedKeys()).toBe(`${alice.publicKey}\n`);
  });

  it('disablePasswordLogin: afterwards the password no longer logs in and the key does; a second run adds no second block', async () => {
    expect(await loginWithPassword(sshd, sshd.password)).toBe(true);

    const result = await editAuthorizedKeys(endpoint, password, { add: alice.publicKey, disablePasswordLogin: true });

    expect(result.ok).toBe(true);
    expect(await loginWithPassword(sshd, sshd.password)).toBe(false);
    expect(await loginWithKey(sshd, alice.privateKey)).toBe(true);

    const byKey: SshCredential = { type: 'privateKey', privateKey: alice.privateKey };
    expect((await editAuthorizedKeys(endpoint, byKey, { disablePasswordLogin: true })).ok).toBe(true);
    const config = await readFile(sshd.configPath, 'utf8');
    expect(config.split('\n').filter((l) => l === `# BEGIN DEW ${sshd.user}`)).toHaveLength(1);
    expect(config.trimEnd().endsWith(`# END DEW ${sshd.user}`)).toBe(true);
    expect(await loginWithKey(sshd, alice.privateKey)).toBe(true);
  });

  it('replace, logged in with the old private key: the new key logs in, the old one does not, other lines stay', async () => {
    await writeAuthorizedKeys(sshd, [carol.publicKey, alice.publicKey]);

    const result = await editAuthorizedKeys(
      endpoint,
      { type: 'privateKey', privateKey: alice.privateKey },
      { add: bob.publicKey, remove: alice.publicKey },
    );

    expect(result).toEqual({ ok: true, hostKey: sshd.hostKey });
    expect(await sshd.authorizedKeys()).toBe(`${carol.publicKey}\n${bob.publicKey}\n`);
    expect(await loginWithKey(sshd, bob.privateKey)).toBe(true);
    expect(await loginWithKey(sshd, alice.privateKey)).toBe(false);
  });

  it('remove takes out every line of the key (with options too); the key no longer logs in; other lines stay byte for byte', async () => {
    const others = ['# managed by hand', '', `no-pty,from="127.0.0.1" ${carol.publicKey}`, `# ${keyOnly(alice)} kept as a note`];
    await writeAuthorizedKeys(sshd, [others[0], `${keyOnly(alice)} laptop`, others[1], others[2], `no-agent-forwarding ${alice.publicKey}`, others[3]]);
    expect(await loginWithKey(sshd, alice.privateKey)).toBe(true);

    const result = await editAuthorizedKeys(endpoint, password, { remove: alice.publicKey });

    expect(result.ok).toBe(true);
    expect(await sshd.authorizedKeys()).toBe(`${others.join('\n')}\n`);
    expect(await loginWithKey(sshd, alice.privateKey)).toBe(false);
    expect(await loginWithKey(sshd, carol.privateKey)).toBe(true);
  });

  it('a wrong password is AUTH_FAILED, names no password, reports the verified host key and writes nothing', async () => {
    await writeAuthorizedKeys(sshd, [carol.publicKey]);
    const wrong = `${sshd.password}-wrong`;

    const result = await editAuthorizedKeys(endpoint, { type: 'password', password: wrong }, { add: alice.publicKey });

    expectFailure(result, 'AUTH_FAILED', [wrong, sshd.password]);
    expect(result).toMatchObject({ hostKey: sshd.hostKey });
    expect(await sshd.authorizedKeys()).toBe(`${carol.publicKey}\n`);
  });

  it('a private key the server does not know, or text that is no private key, is AUTH_FAILED without quoting the key', async () => {
    await writeAuthorizedKeys(sshd, [carol.publicKey]);

    const unknown = await editAuthorizedKeys(endpoint, { type: 'privateKey', privateKey: bob.privateKey }, { add: alice.publicKey });
    const garbled = bob.privateKey.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    const unreadable = await editAuthorizedKeys(endpoint, { type: 'privateKey', privateKey: garbled }, { add: alice.publicKey });

    expectFailure(unknown, 'AUTH_FAILED', bodyLines(bob.privateKey));
    expectFailure(unreadable, 'AUTH_FAILED', bodyLines(garbled));
    expect(await sshd.authorizedKeys()).toBe(`${carol.publicKey}\n`);
  });

  it('with the pinned host key replaced by rotateHostKey(): HOST_KEY_CHANGED and nothing written; the new pin works', async () => {
    const first = await editAuthorizedKeys(endpoint, password, { add: alice.publicKey });
    expect(first).toEqual({ ok: true, hostKey: sshd.hostKey });
    const pinned = first.ok ? first.hostKey : '';

    await sshd.rotateHostKey();
    const changed = await editAuthorizedKeys({ ...endpoint, pinnedHostKey: pinned }, password, { add: bob.publicKey, remove: alice.publicKey });

    expectFailure(changed, 'HOST_KEY_CHANGED', [sshd.password]);
    expect(await sshd.authorizedKeys()).toBe(`${alice.publicKey}\n`);
    const repinned = await editAuthorizedKeys({ ...endpoint, pinnedHostKey: sshd.hostKey }, password, { add: bob.publicKey });
    expect(repinned).toEqual({ ok: true, hostKey: sshd.hostKey });
  });

  it('a pinned host key of a type the server does not have is HOST_KEY_CHANGED', async () => {
    const result = await editAuthorizedKeys({ ...endpoint, pinnedHostKey: ecdsaHostKey }, password, { add: alice.publicKey });

    expectFailure(result, 'HOST_KEY_CHANGED', [sshd.password]);
    expect(await sshd.authorizedKeys()).toBe('');
  });

  it('another writer changing the file between read and write: FILE_CHANGED, their line kept, ours not written, no temp file left', async () => {
    await writeAuthorizedKeys(sshd, [carol.publicKey]);
    const file = join(sshd.home, '.ssh', 'authorized_keys');

    const result = await editAuthorizedKeys(endpoint, password, { add: alice.publicKey }, {
      beforeWrite: async () => {
        await appendFile(file, `${bob.publicKey}\n`);
        return true;
      },
    });

    expectFailure(result, 'FILE_CHANGED', [sshd.password]);
    expect(await sshd.authorizedKeys()).toBe(`${carol.publicKey}\n${bob.publicKey}\n`);
    expect(await readdir(join(sshd.home, '.ssh'))).toEqual(['authorized_keys']);
  });

  it('another writer creating the file that was absent when read: FILE_CHANGED and their file kept', async () => {
    const result = await editAuthorizedKeys(endpoint, password, { add: alice.publicKey }, {
      beforeWrite: async () => {
        await writeAuthorizedKeys(sshd, [bob.publicKey]);
        return true;
      },
    });

    expectFailure(result, 'FILE_CHANGED', [sshd.password]);
    expect(await sshd.authorizedKeys()).toBe(`${bob.publicKey}\n`);
  });

  it('beforeWrite answering false (the task ended meanwhile): the edit stops, authorized_keys is left as it was', async () => {
    await writeAuthorizedKeys(sshd, [carol.publicKey]);

    const result = await editAuthorizedKeys(endpoint, password, { add: alice.publicKey }, { beforeWrite: async () => false });

    expectFailure(result, 'REMOTE_COMMAND_FAILED', [sshd.password]);
    expect(result.ok ? '' : result.message).toContain('not confirmed still RUNNING');
    expect(await sshd.authorizedKeys()).toBe(`${carol.publicKey}\n`);
  });

  it('beforeWrite is asked before each write: answering false after the first, sshd configuration is left as it was and sshd not reloaded', async () => {
    const config = await readFile(sshd.configPath, 'utf8');
    const answers = [true];

    const result = await editAuthorizedKeys(endpoint, password, { add: alice.publicKey, disablePasswordLogin: true }, { beforeWrite: async () => answers.shift() ?? false });

    expectFailure(result, 'REMOTE_COMMAND_FAILED', [sshd.password]);
    expect(await sshd.authorizedKeys()).toBe(`${alice.publicKey}\n`);
    expect(await readFile(sshd.configPath, 'utf8')).toBe(config);
    expect(await loginWithPassword(sshd, sshd.password)).toBe(true);
  });

  it('a configuration sshd -t refuses is left as it was, sshd is not reloaded and still takes the password', async () => {
    const broken = `${await readFile(sshd.configPath, 'utf8')}NoSuchOption yes\n`;
    await writeFile(sshd.configPath, broken);

    const result = await editAuthorizedKeys(endpoint, password, { add: alice.publicKey, disablePasswordLogin: true });

    expectFailure(result, 'REMOTE_COMMAND_FAILED', [sshd.password]);
    expect(await readFile(sshd.configPath, 'utf8')).toBe(broken);
    expect(await readdir(join(sshd.configPath, '..'))).not.toContainEqual(expect.stringMatching(/^\.dew\./));
    expect(await loginWithPassword(sshd, sshd.password)).toBe(true);
    // The steps run in order: the key was added before the configuration was refused.
    expect(await sshd.authorizedKeys()).toBe(`${alice.publicKey}\n`);
  });

  it('a pid file naming a process that is not sshd: nothing is signalled, the file stays, REMOTE_COMMAND_FAILED', async () => {
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const pidFile = join(sshd.home, 'other.pid');
      await writeFile(pidFile, `${other.pid}\n`);
      const result = await editAuthorizedKeys({ ...endpoint, sshdPidFile: pidFile }, password, { add: alice.publicKey, disablePasswordLogin: true });
      expectFailure(result, 'REMOTE_COMMAND_FAILED', [sshd.password]);
      expect(result.ok ? '' : result.message).toContain('not sshd');
      expect(await readFile(pidFile, 'utf8')).toBe(`${other.pid}\n`);
      expect(other.exitCode).toBeNull();
      expect(other.signalCode).toBeNull();
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('paths holding blanks, quotes and $(…) reach the server as data, never as shell text', async () => {
    const oddDir = join(sshd.home, `odd $(touch INJECTED) 'q' "d" \`touch INJECTED\``);
    await mkdir(oddDir);
    const oddConfig = join(oddDir, 'sshd config');
    await copyFile(sshd.configPath, oddConfig);

    const result = await editAuthorizedKeys({ ...endpoint, sshdConfigPath: oddConfig }, password, { add: alice.publicKey, disablePasswordLogin: true });

    expect(result.ok).toBe(true);
    expect(await readFile(oddConfig, 'utf8')).toContain(`# BEGIN DEW ${sshd.user}\nMatch User ${sshd.user}\n`);
    expect(await readdir(sshd.home)).not.toContain('INJECTED');
    expect(await readdir(oddDir)).toEqual(['sshd config']);
  });
});

describe('editAuthorizedKeys with no SSH server to talk to', () => {
  const password: SshCredential = { type: 'password', password: 'not-used-anywhere-9f2c' };
  const endpointAt = (host: string, port: number): SshEndpoint => ({ host, port, user: 'root' });

  it('a port with nothing listening is UNREACHABLE (ECONNREFUSED)', async () => {
    const port = await findFreePort('127.0.0.1');

    const result = await editAuthorizedKeys(endpointAt('127.0.0.1', port), password, { add: alice.publicKey });

    expectFailure(result, 'UNREACHABLE', ['not-used-anywhere-9f2c']);
    expect(result.ok === false && result.message).toContain('ECONNREFUSED');
  });

  it('a host name that does not resolve is UNREACHABLE', async () => {
    const result = await editAuthorizedKeys(endpointAt('no-such-host.invalid', 22), password, { add: alice.publicKey });

    expectFailure(result, 'UNREACHABLE', ['not-used-anywhere-9f2c']);
  });

  it('a server that accepts TCP but never speaks SSH is UNREACHABLE once readyTimeoutMs has passed', async () => {
    const accepted = new Set<Socket>();
    const silent: Server = createServer((socket) => accepted.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const started = Date.now();
      const result = await editAuthorizedKeys(endpointAt('127.0.0.1', port), password, { add: alice.publicKey }, { readyTimeoutMs: 300 });

      expectFailure(result, 'UNREACHABLE', ['not-used-anywhere-9f2c']);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

async function makeKeyPair(name: string, type: 'ed25519' | 'ecdsa'): Promise<KeyPair> {
  const path = join(keyDir, name);
  await runToolOrThrow('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', `${name}@dew-test`, '-f', path]);
  return { privateKey: await readFile(path, 'utf8'), publicKey: (await readFile(`${path}.pub`, 'utf8')).trim() };
}

/** The base64 lines of a private key's text, any of which would leak part of the key. */
function bodyLines(privateKey: string): string[] {
  return privateKey.split('\n').filter((l) => /^[A-Za-z0-9+/=]{20,}$/.test(l));
}

function keyOnly(pair: KeyPair): string {
  return pair.publicKey.split(' ').slice(0, 2).join(' ');
}

async function writeAuthorizedKeys(sshd: TestSshd, lines: readonly (string | undefined)[]): Promise<void> {
  await mkdir(join(sshd.home, '.ssh'), { recursive: true, mode: 0o700 });
  await writeFile(join(sshd.home, '.ssh', 'authorized_keys'), `${lines.join('\n')}\n`, { mode: 0o600 });
}

function expectFailure(result: EditResult, failure: RemoteFailure, secrets: readonly string[]): void {
  expect(result).toMatchObject({ ok: false, failure });
  const message = result.ok ? '' : result.message;
  expect(message.length).toBeGreaterThan(10);
  for (const secret of secrets) expect(message).not.toContain(secret);
}
