import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { wrappedVersion } from '@dew/crypto';
import { JetStreamEventStore } from '@dew/event-store';
import { accountDecider, type AccountEvent, type AccountState } from '@dew/iam-domain';
import { streams } from '@dew/messaging';
import { startWithRootWrappedData, type DewSystem, type RootWrappedData } from '@dew/testing';

const S = '/v1/{project_id}/secrets';
const KEYRINGS = [
  ['kms', streams.kmsKeyring.name],
  ['csms', streams.csmsKeyring.name],
  ['kps', streams.kpsKeyring.name],
  ['iam', streams.iamKeyring.name],
] as const;

function sealedFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sealedFilesUnder(join(dir, e.name)) : e.name.endsWith('.sealed') ? [join(dir, e.name)] : []));
}

/** The root key version every stored root-wrapped blob names: keyring entries, SKs, sealed files. */
async function versionsStored(dew: DewSystem): Promise<{ keyring: number[]; secretKeys: number[]; sealed: number[] }> {
  const keyring: number[] = [];
  for (const [service, stream] of KEYRINGS) {
    const jsm = await jetstreamManager(await dew.connectNats(`${service}-streams`));
    const { first_seq, last_seq } = (await jsm.streams.info(stream)).state;
    for (let seq = first_seq; seq > 0 && seq <= last_seq; seq++) {
      const msg = await jsm.streams.getMessage(stream, { seq });
      if (msg) keyring.push(wrappedVersion(msg.data));
    }
  }
  const accounts = new Map<string, AccountState>();
  for (const msg of await new JetStreamEventStore(await dew.connectNats('iam-streams')).read<AccountEvent>(streams.iamEvents.name)) {
    accounts.set(msg.subject, msg.events.reduce(accountDecider.evolve, accounts.get(msg.subject) ?? accountDecider.initialState));
  }
  const secretKeys = [...accounts.values()].flatMap((a) => (a.status === 'Active' ? [...a.accessKeys.values()].map((k) => wrappedVersion(Buffer.from(k.wrappedSecret, 'base64'))) : []));
  const sealed = sealedFilesUnder(join(dew.dataDir, 'hsm')).map((f) => wrappedVersion(readFileSync(f)));
  return { keyring, secretKeys, sealed };
}

/** The root key versions whose key still exists where the provider keeps them (`dew root-key status`). */
async function versionsKept(dew: DewSystem): Promise<string> {
  const status = await dew.cli(['root-key', 'status'], { ...dew.env });
  return /keys held: +(.*)/.exec(status.out)?.[1] ?? status.out;
}

async function eventually<T>(probe: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.each(['file', 'pkcs11'] as const)('dew root-key rotate on the %s provider', (provider) => {
  let s: RootWrappedData;
  beforeAll(async () => {
    s = await startWithRootWrappedData(provider, 'rotated');
  });
  afterAll(async () => {
    await s?.dew.stop();
  });

  /** Keys, secrets and SKs from before still work, new ones too, and the replay is identical. */
  async function everythingWorks(label: string): Promise<void> {
    expect((await s.api.kms<{ plain_text: string }>('decrypt-data', { cipher_text: s.cipherText })).body.plain_text).toBe(s.plain);
    expect((await s.api.call<{ version: { secret_string: string } }>('GET', `${S}/rotated/versions/latest`)).body.version.secret_string).toBe(s.secretValue);
    expect((await s.dew.client(s.other).kms('create-key', { key_alias: `after-rotation-${label}` })).status).toBe(200);
    expect((await s.api.call('POST', S, { name: `after-rotation-${label}`, secret_string: s.secretValue })).status).toBe(200);
    const replay = await s.dew.cli(['replay']);
    expect(replay.out).toMatch(/\nidentical$/m);
  }

  it('a rotation while requests are served: no request fails, every blob moves to version 2, version 1 retires and its key is destroyed', async () => {
    let stop = false;
    const failures: string[] = [];
    let served = 0;
    const traffic = (async () => {
      while (!stop) {
        const enc = await s.api.kms<{ cipher_text: string }>('encrypt-data', { key_id: s.keyId, plain_text: s.plain });
        const dec = await s.api.kms<{ plain_text: string }>('decrypt-data', { cipher_text: enc.body.cipher_text ?? '' });
        const secret = await s.api.call('GET', `${S}/rotated/versions/latest`);
        for (const r of [enc, dec, secret]) if (r.status !== 200) failures.push(`${r.status} ${JSON.stringify(r.body)}`);
        served += 3;
      }
    })();
    const rotated = await s.dew.cli(['root-key', 'rotate', '--wait', '--timeout', '120'], { ...s.dew.env });
    stop = true;
    await traffic;
    expect(rotated.out).toContain('root key version 2 created');
    expect(rotated.out).toContain('hsm-provisioning: re-wrapped to version 2');
    expect(rotated.out).toContain('older versions retired; version 2 is the only live root key');
    expect(rotated.code).toBe(0);
    expect(failures).toEqual([]);
    expect(served).toBeGreaterThan(0);

    expect(await eventually(() => versionsKept(s.dew), (v) => v === '2')).toBe('2');
    const stored = await versionsStored(s.dew);
    expect(stored.keyring.length).toBeGreaterThanOrEqual(3);
    expect(stored.secretKeys.length).toBeGreaterThanOrEqual(2);
    expect(stored.sealed.length).toBeGreaterThanOrEqual(1);
    expect(new Set([...stored.keyring, ...stored.secretKeys, ...stored.sealed])).toEqual(new Set([2]));

    const status = await s.dew.cli(['root-key', 'status'], { ...s.dew.env });
    expect(status.out).toContain('current version: 2');
    expect(status.out).toContain('retired:         1');
    expect(status.out).toContain('no rotation in progress');
    await everythingWorks('running');
  });

  it('a restart after the rotation opens version 2 (no new version 1) and everything still works', async () => {
    await s.dew.restart();
    expect(s.dew.output).toContain('(root key version 2)');
    expect(await versionsKept(s.dew)).toBe('2');
    await everythingWorks('restarted');
  });

  it('the env provider cannot rotate: refused with a message naming the way out, nothing created', async () => {
    const refused = await s.dew.cli(['root-key', 'rotate'], { DEW_ROOT_KEY_PROVIDER: 'env', DEW_ROOT_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('the env root key (DEW_ROOT_KEY) cannot rotate');
    expect(await versionsKept(s.dew)).toBe('2');
  });
});
