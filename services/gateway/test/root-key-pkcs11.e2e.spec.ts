import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DewSystem, marker, softHsmRootKeyEnv, startWithRootWrappedData, type AdminCredentialsFile, type SdkClient } from '@dew/testing';

const S = '/v1/{project_id}/secrets';

/** `npm run dew -- <args>` beside the (stopped or running) system, as an operator runs it. */
const dewCli = (dew: DewSystem, args: readonly string[], env: Readonly<Record<string, string>> = {}) => dew.cli(args, env);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

describe('root key in a PKCS#11 token (SoftHSM2)', () => {
  let dew: DewSystem;
  afterAll(async () => {
    await dew?.stop();
  });

  it('a system started on the pkcs11 provider names the token as its root key, serves crypto, and no root key file exists under the data dir', async () => {
    dew = await DewSystem.start({ rootKeyProvider: 'pkcs11' });
    expect(dew.output).toContain('root key:   pkcs11:token dew-root-token/key=dew-root');
    const api = dew.client();
    const key = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'token-rooted' });
    const plain = marker('plaintext');
    const enc = await api.kms<{ cipher_text: string }>('encrypt-data', { key_id: key.body.key_info.key_id, plain_text: plain });
    expect((await api.kms<{ plain_text: string }>('decrypt-data', { cipher_text: enc.body.cipher_text })).body.plain_text).toBe(plain);
    // The token key cannot leave the token (root-key-pkcs11.int.spec.ts: CKA_VALUE is refused): no
    // root.key file, no 32-byte file in the data dir. root-key-memory.e2e.spec.ts searches for a
    // token key of known bytes in the files and in the kms process's memory.
    const files = filesUnder(dew.dataDir);
    expect(files.filter((f) => f.endsWith('root.key') || statSync(f).size === 32)).toEqual([]);
    // `dew root-key init` beside it finds the very key the runner created, and creates no other.
    const init = await dewCli(dew, ['root-key', 'init'], { ...dew.env });
    expect(init.out.trim()).toBe('found the root key pkcs11:token dew-root-token/key=dew-root (root key version 1)');
  });
});

describe('dew root-key migrate: file → pkcs11 → file', () => {
  let dew: DewSystem;
  let api: SdkClient;
  let other: AdminCredentialsFile;
  let plain = '';
  let secretValue = '';
  let keyId = '';
  let cipherText = '';
  beforeAll(async () => {
    ({ dew, api, other, plain, secretValue, keyId, cipherText } = await startWithRootWrappedData('file', 'migrated'));
  });
  afterAll(async () => {
    await dew?.stop();
  });

  let checks = 0;
  /** Every key, secret and SK made before the migration still works, new ones too, and the replay is identical. */
  async function everythingStillWorks(): Promise<void> {
    checks += 1;
    expect((await api.kms<{ plain_text: string }>('decrypt-data', { cipher_text: cipherText })).body.plain_text).toBe(plain);
    const fresh = await api.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: plain });
    expect((await api.kms<{ plain_text: string }>('decrypt-data', { cipher_text: fresh.body.cipher_text })).body.plain_text).toBe(plain);
    expect((await api.call<{ version: { secret_string: string } }>('GET', `${S}/migrated/versions/latest`)).body.version.secret_string).toBe(secretValue);
    expect((await dew.client(other).kms('create-key', { key_alias: `after-migration-${checks}` })).status).toBe(200);
    const replay = await dewCli(dew, ['replay']);
    expect(replay.out).toMatch(/\nidentical$/m);
    expect(replay.code).toBe(0);
  }

  it('migrating to the token in two runs (the first stopped by --limit) resumes, and the system restarted on the token works unchanged', async () => {
    await dew.halt();
    const tokenEnv = softHsmRootKeyEnv(`${dew.dataDir}.softhsm`);
    const first = await dewCli(dew, ['root-key', 'migrate', '--to', 'pkcs11', '--limit', '2'], tokenEnv);
    expect(first.out).toContain('root key migration paused');
    expect(first.code).toBe(0);
    const second = await dewCli(dew, ['root-key', 'migrate', '--to', 'pkcs11'], tokenEnv);
    expect(second.out).toContain('root key migration complete');
    const already = [...second.out.matchAll(/(\d+) already in the target format/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(already).toBe(2);
    expect(second.out).not.toMatch(/left for the next run/);
    // Everything the root key wraps was visited: both administrators' SKs and the HSM instance's sealed file.
    expect(`${first.out}${second.out}`).toMatch(/IAM access keys: 2 to check/);
    expect(`${first.out}${second.out}`).toMatch(/hsm sealed files: 1 to check/);
    expect(second.out).toMatch(/KEYRING_CSMS: \d+ re-wrapped/);
    const again = await dewCli(dew, ['root-key', 'migrate', '--to', 'pkcs11'], tokenEnv);
    expect([...again.out.matchAll(/(\d+) re-wrapped/g)].every((m) => m[1] === '0')).toBe(true);
    await dew.restart(tokenEnv);
    expect(dew.output).toContain('root key:   pkcs11:token dew-root-token/key=dew-root');
    await everythingStillWorks();
  });

  it('migrating back to the file key: the system restarted on the file provider works unchanged', async () => {
    await dew.halt();
    const back = await dewCli(dew, ['root-key', 'migrate', '--to', 'file'], { ...dew.env });
    expect(back.out).toContain('root key migration complete');
    expect(back.code).toBe(0);
    await dew.restart({ DEW_ROOT_KEY_PROVIDER: 'file' });
    expect(dew.output).toContain(`root key:   file:${join(dew.dataDir, 'root.key')}`);
    await everythingStillWorks();
  });

  it('a migration while the system runs is refused and changes nothing', async () => {
    const refused = await dewCli(dew, ['root-key', 'migrate', '--to', 'pkcs11'], { ...dew.env, DEW_ROOT_KEY_PROVIDER: 'pkcs11' });
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/DEW is running on .* stop it before migrating the root key/);
    await everythingStillWorks();
  });
});
