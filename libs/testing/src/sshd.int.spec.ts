import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { acceptsConnections } from '@dew/nats-server';
import { runToolOrThrow } from './run-tool.js';
import { loginWithKey, loginWithPassword } from './ssh-login.js';
import { startSshd } from './sshd.js';

describe('startSshd', () => {
  it('serves its own user: the password logs in, another password and an unlisted key do not', async () => {
    const sshd = await startSshd();
    try {
      expect(sshd.user).toMatch(/^dewkps[0-9a-f]{8}$/);
      expect(await loginWithPassword(sshd, sshd.password)).toBe(true);
      expect(await loginWithPassword(sshd, `${sshd.password}x`)).toBe(false);
      const dir = dirname(sshd.configPath);
      await runToolOrThrow('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'probe')]);
      expect(await loginWithKey(sshd, await readFile(join(dir, 'probe'), 'utf8'))).toBe(false);
    } finally {
      await sshd.stop();
    }
  });

  it('a key written to the user\'s authorized_keys logs in with the real ssh client', async () => {
    const sshd = await startSshd();
    try {
      const keyPath = join(dirname(sshd.configPath), 'client');
      await runToolOrThrow('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyPath]);
      await mkdir(join(sshd.home, '.ssh'), { mode: 0o700 });
      await writeFile(join(sshd.home, '.ssh', 'authorized_keys'), await readFile(`${keyPath}.pub`), { mode: 0o600 });
      expect(await sshd.authorizedKeys()).toBe(await readFile(`${keyPath}.pub`, 'utf8'));
      expect(await loginWithKey(sshd, await readFile(keyPath, 'utf8'))).toBe(true);
    } finally {
      await sshd.stop();
    }
  });

  it('rotateHostKey() serves a new ed25519 host key on the same port', async () => {
    const sshd = await startSshd();
    try {
      const before = sshd.hostKey;
      await sshd.rotateHostKey();
      expect(sshd.hostKey).toMatch(/^ssh-ed25519 [A-Za-z0-9+/]+=*$/);
      expect(sshd.hostKey).not.toBe(before);
      const scanned = await runToolOrThrow('ssh-keyscan', ['-t', 'ed25519', '-p', String(sshd.port), sshd.host]);
      expect(scanned).toContain(sshd.hostKey);
      expect(await loginWithPassword(sshd, sshd.password)).toBe(true);
    } finally {
      await sshd.stop();
    }
  });

  it('stop() ends sshd, deletes the user and the temp dir, and may be called again', async () => {
    const sshd = await startSshd();
    await sshd.stop();
    await sshd.stop();
    expect(await acceptsConnections(sshd.host, sshd.port)).toBe(false);
    expect(await readFile('/etc/passwd', 'utf8')).not.toContain(`${sshd.user}:`);
    await expect(access(dirname(sshd.configPath))).rejects.toThrow(/ENOENT/);
  });
});
