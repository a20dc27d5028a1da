import { execFileSync } from 'node:child_process';
import { jetstreamManager } from '@nats-io/jetstream';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DewSystem, IamUsers, refusal, rememberSecret, tracesOf, type SdkClient } from '@dew/testing';
import { KPS_MODELS } from './conformance/kps-models.js';
import { conformanceProblems } from './conformance/model-walk.js';

let dew: DewSystem;
let api: SdkClient;
let users: IamUsers;
let scratch: string;

beforeAll(async () => {
  dew = await DewSystem.start();
  api = dew.client();
  users = new IamUsers(dew, api, 'kps');
  scratch = mkdtempSync(join(tmpdir(), 'dew-kps-'));
});
afterAll(async () => {
  await dew?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const KP = '/v3/{project_id}/keypairs';
interface CreateBody { keypair: { name: string; public_key: string; private_key?: string; fingerprint: string; user_id: string } }
interface DetailBody { keypair: { name: string; id: number; scope: string; algorithm: string; fingerprint: string; fingerprint_sha256: string; is_key_protection: boolean; key_id: string; description: string } }
interface ListBody { keypairs: { keypair: { name: string; is_key_protection: boolean } }[]; page_info: { next_marker?: string; current_count: number } }

/** ssh-keygen's own view of a key file: its public key (from a private key) and fingerprints. */
function sshKeygen(...args: string[]): string {
  return execFileSync('ssh-keygen', args, { encoding: 'utf8' }).trim();
}
function keyFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`, { mode: 0o600 });
  return path;
}
const typeAndBlob = (line: string): string => line.split(/\s+/).slice(0, 2).join(' ');
function fingerprints(publicKeyFile: string): { md5: string; sha256: string } {
  const field = (hash: string) => sshKeygen('-l', '-E', hash, '-f', publicKeyFile).split(/\s+/)[1] ?? '';
  return { md5: field('md5').replace(/^MD5:/, ''), sha256: field('sha256') };
}
/** A key pair made by the real ssh-keygen. */
function sshKeygenPair(name: string, type: string, bits?: number): { publicKey: string; privateKey: string; pubFile: string } {
  const path = join(scratch, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(bits ? ['-b', String(bits)] : []), '-N', '', '-C', name, '-f', path]);
  const privateKey = rememberSecret('private-key', readFileSync(path, 'utf8'));
  return { publicKey: readFileSync(`${path}.pub`, 'utf8').trim(), privateKey, pubFile: `${path}.pub` };
}
const names = async (client: SdkClient = api) => (await client.call<ListBody>('GET', `${KP}?limit=1000`)).body.keypairs.map((k) => k.keypair.name);

describe('creating key pairs (P1)', () => {
  it.each(['SSH_RSA_2048', 'SSH_RSA_3072', 'SSH_RSA_4096', 'SSH_ECDSA_P256', 'SSH_ECDSA_P384', 'SSH_ECDSA_P521', 'SSH_ED25519'])(
    '%s: the private key shown once loads in ssh-keygen -y, which prints the public key; fingerprints equal ssh-keygen -l -E md5/sha256', async (algorithm) => {
      const name = `gen-${algorithm.toLowerCase()}`;
      const created = await api.call<CreateBody>('POST', KP, { keypair: { name, algorithm } });
      expect(created.status).toBe(200);
      expect(conformanceProblems(created.body, KPS_MODELS['create-keypair'] ?? {})).toEqual([]);
      const privateKey = rememberSecret('private-key', created.body.keypair.private_key ?? '');
      expect(privateKey).toContain('PRIVATE KEY');
      expect(typeAndBlob(sshKeygen('-y', '-f', keyFile(`${name}.key`, privateKey)))).toBe(typeAndBlob(created.body.keypair.public_key));
      const prints = fingerprints(keyFile(`${name}.pub`, created.body.keypair.public_key));
      expect(created.body.keypair.fingerprint).toBe(prints.md5);
      const shown = await api.call<DetailBody>('GET', `${KP}/${name}`);
      expect(conformanceProblems(shown.body, KPS_MODELS['show-keypair'] ?? {})).toEqual([]);
      expect(shown.body.keypair).toMatchObject({ name, algorithm, scope: 'user', is_key_protection: false, fingerprint: prints.md5, fingerprint_sha256: prints.sha256 });
    });

  it('without an algorithm the pair is SSH_RSA_2048; a pair never shows its private key again', async () => {
    await api.call('POST', KP, { keypair: { name: 'default-algo' } });
    const shown = await api.call<DetailBody & { keypair: { private_key?: string } }>('GET', `${KP}/default-algo`);
    expect(shown.body.keypair.algorithm).toBe('SSH_RSA_2048');
    expect(shown.body.keypair.private_key).toBeUndefined();
    expect(refusal(await api.call('POST', `${KP}/private-key/export`, { keypair: { name: 'default-algo' } }))).toEqual({ status: 400, code: 'KPS.1102' });
  });

  it('names: 64 characters accepted, 65 and a bad character refused naming the rule, a taken name KPS.0409; nothing is created by a refusal', async () => {
    expect((await api.call('POST', KP, { keypair: { name: 'n'.repeat(64), algorithm: 'SSH_ED25519' } })).status).toBe(200);
    const before = await names();
    const long = await api.call('POST', KP, { keypair: { name: 'n'.repeat(65) } });
    expect(refusal(long)).toEqual({ status: 400, code: 'KPS.0002' });
    expect(long.errorMsg).toContain('64');
    const bad = await api.call('POST', KP, { keypair: { name: 'has space' } });
    expect(refusal(bad)).toEqual({ status: 400, code: 'KPS.0002' });
    expect(refusal(await api.call('POST', KP, { keypair: { name: 'n'.repeat(64), algorithm: 'SSH_ED25519' } }))).toEqual({ status: 409, code: 'KPS.0409' });
    expect(refusal(await api.call('POST', KP, { keypair: { name: 'x-algo', algorithm: 'SSH_DSA_1024' } }))).toEqual({ status: 400, code: 'KPS.0002' });
    expect(await names()).toEqual(before);
  });

  it('a generated pair named with a control character: KPS.0002 naming the name, not a fault; in a batch only that item fails and the others are created with their private keys', async () => {
    const alone = await api.call('POST', KP, { keypair: { name: 'ctl\u0001name', algorithm: 'SSH_ED25519' } });
    expect(refusal(alone)).toEqual({ status: 400, code: 'KPS.0002' });
    expect(alone.errorMsg).toContain('name may contain only');
    const batch = await api.call<{ succeeded_keypairs: CreateBody[]; failed_keypairs: { keypair_name: string; failed_reason: string }[] }>('POST', `${KP}/batch-import`, [
      { keypair: { name: 'ctl-batch-good', algorithm: 'SSH_ED25519' } },
      { keypair: { name: 'ctl\u0001batch', algorithm: 'SSH_ED25519' } },
    ]);
    expect(batch.status).toBe(200);
    expect(batch.body.failed_keypairs).toEqual([{ keypair_name: 'ctl\u0001batch', failed_reason: expect.stringContaining('KPS.0002') }]);
    const [good] = batch.body.succeeded_keypairs;
    const privateKey = rememberSecret('private-key', good?.keypair.private_key ?? '');
    expect(typeAndBlob(sshKeygen('-y', '-f', keyFile('ctl-batch-good.key', privateKey)))).toBe(typeAndBlob(good?.keypair.public_key ?? ''));
  });

  it('a managed pair hides its private key; export returns it, sealed under kps/default, which risk tips list as the pair\'s dependency', async () => {
    const created = await api.call<CreateBody>('POST', KP, { keypair: { name: 'managed', algorithm: 'SSH_ECDSA_P256', key_protection: { encryption: { type: 'default' } } } });
    expect(created.status).toBe(200);
    expect(created.body.keypair.private_key).toBeUndefined();
    const shown = await api.call<DetailBody>('GET', `${KP}/managed`);
    expect(shown.body.keypair.is_key_protection).toBe(true);
    const keys = await api.kms<{ key_details: { key_id: string; key_alias: string }[] }>('list-keys', { key_spec: 'ALL' });
    expect(keys.body.key_details).toContainEqual(expect.objectContaining({ key_id: shown.body.keypair.key_id, key_alias: 'kps/default' }));

    const exported = await api.call<{ keypair: { name: string; private_key: string } }>('POST', `${KP}/private-key/export`, { keypair: { name: 'managed' } });
    expect(conformanceProblems(exported.body, KPS_MODELS['export-private-key'] ?? {})).toEqual([]);
    const privateKey = rememberSecret('private-key', exported.body.keypair.private_key);
    expect(typeAndBlob(sshKeygen('-y', '-f', keyFile('managed.key', privateKey)))).toBe(typeAndBlob(created.body.keypair.public_key));

    const tips = await api.kms<{ dependents: { service: string; resource_type: string; resource_name: string }[] }>('delete-key-risk-tips', { key_id: shown.body.keypair.key_id });
    expect(tips.body.dependents).toContainEqual({ service: 'kps', resource_type: 'keypair', resource_id: String(shown.body.keypair.id), resource_name: 'managed' });
  });
});

describe('importing public keys (P2)', () => {
  it.each([['rsa', 2048], ['rsa', 3072], ['rsa', 4096], ['ecdsa', 256], ['ecdsa', 384], ['ecdsa', 521], ['ed25519', undefined], ['dsa', 1024]] as const)(
    'ssh-keygen -t %s %s: imported with the algorithm and the fingerprints ssh-keygen prints, no private key in the answer', async (type, bits) => {
      const name = `imp-${type}-${bits ?? 'x'}`;
      const pair = sshKeygenPair(name, type, bits);
      const created = await api.call<CreateBody>('POST', KP, { keypair: { name, public_key: pair.publicKey } });
      expect(created.status).toBe(200);
      expect(created.body.keypair.private_key).toBeUndefined();
      const prints = fingerprints(pair.pubFile);
      const shown = await api.call<DetailBody>('GET', `${KP}/${name}`);
      expect(shown.body.keypair).toMatchObject({ fingerprint: prints.md5, fingerprint_sha256: prints.sha256 });
      expect(shown.body.keypair.algorithm).toMatch(type === 'ed25519' ? /^SSH_ED25519$/ : new RegExp(`^SSH_${type === 'ecdsa' ? 'ECDSA_P' : `${type.toUpperCase()}_`}${bits}$`));
    });

  it('broken public keys are refused with KPS.0002 naming the problem, and nothing is created', async () => {
    const { publicKey } = sshKeygenPair('broken-src', 'ed25519');
    const [type, blob] = publicKey.split(' ') as [string, string];
    const rsa1024 = sshKeygenPair('small-rsa', 'rsa', 1024).publicKey;
    const before = await names();
    const cases: Array<[string, string, RegExp]> = [
      ['bad base64', `${type} ${blob.slice(0, 10)}!!${blob.slice(12)}`, /base64/i],
      ['unknown type', `ssh-foo ${blob}`, /ssh-foo/],
      ['trailing junk', `${type} ${Buffer.concat([Buffer.from(blob, 'base64'), Buffer.from('junk')]).toString('base64')}`, /4 bytes follow the last field/],
      ['truncated', `${type} ${Buffer.from(blob, 'base64').subarray(0, 30).toString('base64')}`, /./],
      ['RSA of 1024 bits', rsa1024, /1024/],
    ];
    for (const [label, key, problem] of cases) {
      const res = await api.call('POST', KP, { keypair: { name: `broken-${label.replace(/\W+/g, '-')}`, public_key: key } });
      expect({ label, ...refusal(res) }).toEqual({ label, status: 400, code: 'KPS.0002' });
      expect(res.errorMsg).toMatch(problem);
    }
    expect(await names()).toEqual(before);
  });
});

describe('private keys (P6)', () => {
  it('import must match; a hosted key exports, clears (then export is KPS.1102); delete removes the pair', async () => {
    const pair = sshKeygenPair('pk-own', 'ed25519');
    const other = sshKeygenPair('pk-other', 'ed25519');
    await api.call('POST', KP, { keypair: { name: 'pk-own', public_key: pair.publicKey } });
    const mismatch = await api.call('POST', `${KP}/private-key/import`, { keypair: { name: 'pk-own', key_protection: { private_key: other.privateKey, encryption: { type: 'default' } } } });
    expect(refusal(mismatch)).toEqual({ status: 400, code: 'KPS.0002' });
    expect(mismatch.errorMsg).not.toContain('PRIVATE KEY');
    const imported = await api.call('POST', `${KP}/private-key/import`, { keypair: { name: 'pk-own', key_protection: { private_key: pair.privateKey, encryption: { type: 'default' } } } });
    expect(imported.status).toBe(200);
    expect(conformanceProblems(imported.body, KPS_MODELS['import-private-key'] ?? {})).toEqual([]);
    expect(refusal(await api.call('POST', `${KP}/private-key/import`, { keypair: { name: 'pk-own', key_protection: { private_key: pair.privateKey } } }))).toEqual({ status: 409, code: 'KPS.0409' });
    const exported = await api.call<{ keypair: { private_key: string } }>('POST', `${KP}/private-key/export`, { keypair: { name: 'pk-own' } });
    expect(exported.body.keypair.private_key).toBe(pair.privateKey);
    const batch = await api.call<Array<{ keypair: { name: string; private_key: string } }>>('POST', `${KP}/private-key/batch-export`, [{ keypair: { name: 'pk-own' } }]);
    expect(batch.status).toBe(200);

    expect((await api.call('DELETE', `${KP}/pk-own/private-key`)).status).toBe(204);
    expect(refusal(await api.call('POST', `${KP}/private-key/export`, { keypair: { name: 'pk-own' } }))).toEqual({ status: 400, code: 'KPS.1102' });
    expect((await api.call('DELETE', `${KP}/pk-own`)).status).toBe(204);
    expect(refusal(await api.call('GET', `${KP}/pk-own`))).toEqual({ status: 404, code: 'KPS.0404' });
  });

  it('export fails clearly while the pair\'s own CMK is disabled or pending deletion, and works again when it is enabled', async () => {
    const key = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'kps-own-cmk' });
    const keyId = key.body.key_info.key_id;
    await api.call('POST', KP, { keypair: { name: 'on-cmk', algorithm: 'SSH_ED25519', key_protection: { encryption: { type: 'kms', kms_key_id: keyId } } } });
    const shown = await api.call<DetailBody>('GET', `${KP}/on-cmk`);
    expect(shown.body.keypair.key_id).toBe(keyId);

    await api.kms('disable-key', { key_id: keyId });
    const disabled = await api.call('POST', `${KP}/private-key/export`, { keypair: { name: 'on-cmk' } });
    expect(refusal(disabled)).toEqual({ status: 400, code: 'KPS.1201' });
    expect(disabled.errorMsg).toMatch(/disabled/);
    await api.kms('enable-key', { key_id: keyId });
    expect((await api.call('POST', `${KP}/private-key/export`, { keypair: { name: 'on-cmk' } })).status).toBe(200);
    await api.kms('schedule-key-deletion', { key_id: keyId, pending_days: '7' });
    const pending = await api.call('POST', `${KP}/private-key/export`, { keypair: { name: 'on-cmk' } });
    expect(refusal(pending)).toEqual({ status: 400, code: 'KPS.1201' });
    expect(pending.errorMsg).toMatch(/pending deletion/);
    await dew.advanceClock('kms', 8 * 86_400_000);
    const gone = await api.call('POST', `${KP}/private-key/export`, { keypair: { name: 'on-cmk' } });
    expect(refusal(gone)).toEqual({ status: 400, code: 'KPS.1201' });
    expect(gone.errorMsg).toMatch(/does not exist/);
  });

  it('a pair imported with its private key hosts it only if it matches; deleting or clearing a hosted key erases its keyring entry (crypto-shredding)', async () => {
    const pair = sshKeygenPair('shred-me', 'ecdsa', 256);
    const other = sshKeygenPair('shred-other', 'ecdsa', 256);
    const mismatch = await api.call('POST', KP, { keypair: { name: 'shred-me', public_key: pair.publicKey, key_protection: { private_key: other.privateKey } } });
    expect(refusal(mismatch)).toEqual({ status: 400, code: 'KPS.0002' });
    const nothingToHost = await api.call('POST', KP, { keypair: { name: 'shred-me', public_key: pair.publicKey, key_protection: { encryption: { type: 'default' } } } });
    expect(refusal(nothingToHost)).toEqual({ status: 400, code: 'KPS.0002' });
    expect(nothingToHost.errorMsg).toContain('key_protection.private_key');
    const nc = await dew.connectNats('kps-streams');
    const jsm = await jetstreamManager(nc);
    const entries = async () => (await jsm.streams.info('KEYRING_KPS')).state.messages;
    const before = await entries();
    expect((await api.call('POST', KP, { keypair: { name: 'shred-me', public_key: pair.publicKey, key_protection: { private_key: pair.privateKey } } })).status).toBe(200);
    expect((await api.call<{ keypair: { private_key: string } }>('POST', `${KP}/private-key/export`, { keypair: { name: 'shred-me' } })).body.keypair.private_key).toBe(pair.privateKey);
    expect(await entries()).toBe(before + 1);
    expect((await api.call('DELETE', `${KP}/shred-me`)).status).toBe(204);
    expect(await entries()).toBe(before);
    await api.call('POST', KP, { keypair: { name: 'shred-clear', algorithm: 'SSH_ED25519', key_protection: { encryption: { type: 'default' } } } });
    expect(await entries()).toBe(before + 1);
    expect((await api.call('DELETE', `${KP}/shred-clear/private-key`)).status).toBe(204);
    expect(await entries()).toBe(before);
  });
});

describe('list, update, scope, batch import', () => {
  it('lists page by name with next_marker; each answer has the SDK model\'s fields', async () => {
    for (const n of ['page-a', 'page-b', 'page-c']) await api.call('POST', KP, { keypair: { name: n, algorithm: 'SSH_ED25519' } });
    const first = await api.call<ListBody>('GET', `${KP}?limit=2&marker=page-`);
    expect(conformanceProblems(first.body, KPS_MODELS['list-keypairs'] ?? {})).toEqual([]);
    expect(first.body.keypairs.map((k) => k.keypair.name)).toEqual(['page-a', 'page-b']);
    expect(first.body.page_info).toMatchObject({ next_marker: 'page-b', current_count: 2 });
    const next = await api.call<ListBody>('GET', `${KP}?limit=2&marker=page-b`);
    expect(next.body.keypairs[0]?.keypair.name).toBe('page-c');
  });

  it('update sets the description; a user pair upgrades to an account pair, refused when another user has that name', async () => {
    const kpsUser = await users.withPolicies([await users.systemPolicy('DEW KeypairFullAccess')]);
    await api.call('POST', KP, { keypair: { name: 'shared-name', algorithm: 'SSH_ED25519' } });
    expect((await kpsUser.client.call('POST', KP, { keypair: { name: 'shared-name', algorithm: 'SSH_ED25519' } })).status).toBe(200);
    expect((await api.call('PUT', `${KP}/shared-name`, { keypair: { description: 'ops team' } })).status).toBe(204);
    expect((await api.call<DetailBody>('GET', `${KP}/shared-name`)).body.keypair.description).toBe('ops team');
    expect(refusal(await api.call('PUT', `${KP}/shared-name`, { keypair: { scope: 'domain' } }))).toEqual({ status: 409, code: 'KPS.0409' });
    await api.call('POST', KP, { keypair: { name: 'to-account', algorithm: 'SSH_ED25519' } });
    expect((await api.call('PUT', `${KP}/to-account`, { keypair: { scope: 'domain' } })).status).toBe(204);
    expect((await api.call<DetailBody>('GET', `${KP}/to-account`)).body.keypair.scope).toBe('domain');
    expect(await names(kpsUser.client)).toContain('to-account');
  });

  it('batch import: each good item is created, each bad one is reported with its reason', async () => {
    const good = sshKeygenPair('batch-good', 'ed25519');
    const res = await api.call<{ succeeded_keypairs: CreateBody[]; failed_keypairs: { keypair_name: string; failed_reason: string }[] }>('POST', `${KP}/batch-import`, [
      { keypair: { name: 'batch-good', public_key: good.publicKey } },
      { keypair: { name: 'batch-bad', public_key: 'ssh-rsa AAAA' } },
    ]);
    expect(res.status).toBe(200);
    expect(conformanceProblems(res.body, KPS_MODELS['batch-import-keypairs'] ?? {})).toEqual([]);
    expect(res.body.succeeded_keypairs.map((k) => k.keypair.name)).toEqual(['batch-good']);
    expect(res.body.failed_keypairs).toEqual([{ keypair_name: 'batch-bad', failed_reason: expect.stringContaining('KPS.0002') }]);
  });

  it('DEW KeypairReadOnlyAccess lists and shows but may not create (KPS.0403)', async () => {
    const reader = await users.withPolicies([await users.systemPolicy('DEW KeypairReadOnlyAccess')]);
    expect((await reader.client.call('GET', KP)).status).toBe(200);
    expect(refusal(await reader.client.call('POST', KP, { keypair: { name: 'reader-made' } }))).toEqual({ status: 403, code: 'KPS.0403' });
  });
});

describe('KPS traces (guide table 5-1)', () => {
  it('create, import and export of a private key, update and delete are traced as KPS operations on the key pair, with no key material', async () => {
    const pair = sshKeygenPair('traced', 'ed25519');
    await api.call('POST', KP, { keypair: { name: 'traced', public_key: pair.publicKey } });
    await api.call('POST', `${KP}/private-key/import`, { keypair: { name: 'traced', key_protection: { private_key: pair.privateKey } } });
    await api.call('POST', `${KP}/private-key/export`, { keypair: { name: 'traced' } });
    await api.call('PUT', `${KP}/traced`, { keypair: { description: 'traced' } });
    await api.call('DELETE', `${KP}/traced`);
    const list = await tracesOf(api, 'service_type=KPS&resource_id=traced', 5);
    expect(list.traces.map((t) => t.trace_name).sort()).toEqual(['createOrImportKeypair', 'deleteKeypair', 'exportPrivateKey', 'importPrivateKey', 'updateKeypairDescription']);
    expect(list.traces.every((t) => t.resource_type === 'keypair' && t.resource_name === 'traced' && t.user.name === 'admin')).toBe(true);
    expect(JSON.stringify(list)).not.toContain(pair.privateKey.split('\n')[1]);
  });
});
