import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DewSystem, marker, ONE_CALLER_MAY_FILL_THE_GATEWAY } from '@dew/testing';
import { flagOf } from './args.js';
import { allCommands, type CliCommand } from './catalog.js';
import type { FieldSpec } from './fields.js';
import { runCli } from './main.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const POOL = 4;
let dew: DewSystem;
let home: string;
const invoked = new Set<string>();

beforeAll(async () => {
  // The sweep calls every operation at once with one access key, more than its share of the gateway.
  dew = await DewSystem.start({ startTimeoutMs: 240_000, env: ONE_CALLER_MAY_FILL_THE_GATEWAY });
  home = mkdtempSync(join(tmpdir(), 'dew-cli-'));
});
afterAll(async () => {
  await dew?.stop();
});

interface Run { readonly code: number | null; readonly out: string; readonly err: string }

/** The admin's credentials as environment variables, in an empty HOME (no profile file). */
function adminEnv(): Record<string, string> {
  const c = dew.credentials;
  return { DEW_ENDPOINT: dew.endpoint, DEW_ACCESS_KEY: c.access, DEW_SECRET_KEY: c.secret, DEW_PROJECT_ID: c.project_id, DEW_DOMAIN_ID: c.domain_id };
}

let running = 0;
const waiting: (() => void)[] = [];
/** The built CLI as a child process, at most POOL at a time; records which operation was invoked. */
async function cli(args: readonly string[], env: Readonly<Record<string, string>> = adminEnv()): Promise<Run> {
  if (running >= POOL) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    if (args.length >= 2 && !args.includes('--help')) invoked.add(`${args[0]} ${args[1]}`);
    return await new Promise((done) => {
      const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: home, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('exit', (code) => done({ code, out, err }));
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * The CLI's own entry point (`runCli`, what dist/cli.js calls) in this process, for the sweep over
 * every operation: the same parsing, signing and output, without ≈ 0.7 s of CPU to start a Node
 * process per call. The walk-throughs and exit-code tests above run the built binary.
 */
async function cliInProcess(args: readonly string[]): Promise<Run> {
  invoked.add(`${args[0]} ${args[1]}`);
  let out = '';
  let err = '';
  const code = await runCli(args, { PATH: process.env.PATH, HOME: home, ...adminEnv() }, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

async function ok(args: readonly string[], env?: Readonly<Record<string, string>>): Promise<string> {
  const run = await cli(args, env);
  if (run.code !== 0) throw new Error(`dew ${args.join(' ')} exited ${run.code}: ${run.err}`);
  return run.out.trim();
}
const json = async <T>(args: readonly string[]) => JSON.parse(await ok(args)) as T;
const file = (name: string, text: string) => {
  const path = join(home, name);
  writeFileSync(path, text);
  return `file://${path}`;
};
const unique = (p: string) => `${p}-${Math.random().toString(16).slice(2, 10)}`;

describe('help', () => {
  it.each([[['--help']], [['kms', '--help']], [['kms', 'encrypt-data', '--help']]])('dew %s prints what exists (snapshot) and exits 0', async (args) => {
    const run = await cli(args);
    expect(run.code).toBe(0);
    expect(run.out).toMatchSnapshot();
  });
});

describe('usage errors exit 2', () => {
  it('an unknown flag is refused naming it, with the closest flag', async () => {
    const run = await cli(['kms', 'encrypt-data', '--key-id', 'k', '--plain-txt', 'x']);
    expect(run).toEqual({ code: 2, out: '', err: expect.stringContaining('unknown flag "--plain-txt"; did you mean --plain-text?') });
  });
  it('an unknown service or operation is refused naming it, with a "did you mean"', async () => {
    expect(await cli(['kmss', 'list-keys'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown service or command "kmss"; did you mean kms') });
    expect(await cli(['kms', 'encrpt-data'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown kms command "encrpt-data"; did you mean encrypt-data') });
  });
  it('a missing required flag and a badly typed value are refused before any call', async () => {
    expect(await cli(['kms', 'encrypt-data', '--plain-text', 'x'])).toMatchObject({ code: 2, err: expect.stringContaining('missing required --key-id') });
    expect(await cli(['csms', 'create-secret', '--name', 'n', '--expire-time', 'soon'])).toMatchObject({ code: 2, err: expect.stringContaining('--expire-time takes an integer') });
  });
  it.each(['.', '..', 'x/y'])('a path parameter value %j is refused naming the flag, before any request', async (value) => {
    // An endpoint where nothing listens: a request would be a connection error (exit 1), not exit 2.
    const run = await cli(['csms', 'show-secret', '--secret-name', value], { ...adminEnv(), DEW_ENDPOINT: 'http://127.0.0.1:9' });
    expect(run).toEqual({ code: 2, out: '', err: expect.stringContaining('--secret-name must be one path segment') });
  });
});

describe('API refusals exit 1 with the code and message on stderr', () => {
  it('describe-key of a key that does not exist: KMS.0207', async () => {
    const run = await cli(['kms', 'describe-key', '--key-id', '0b0b0b0b-0000-4000-8000-000000000000']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^KMS\.0207: .+ \(HTTP 404\)\n$/);
  });
});

describe('profiles', () => {
  it('dew configure writes a 0600 file; the profile is used; the environment overrides it', async () => {
    const config = { XDG_CONFIG_HOME: join(home, 'xdg') };
    const c = dew.credentials;
    await ok(['configure', '--profile', 'lab', '--endpoint', dew.endpoint, '--project-id', c.project_id, '--access-key', c.access, '--secret-key', c.secret], config);
    const path = join(home, 'xdg', 'dew', 'config.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await ok(['kms', 'user-quotas', '--profile', 'lab', '--query', 'quotas.resources.0.type'], config)).toBe('CMK');
    await ok(['configure', '--profile', 'stale', '--endpoint', dew.endpoint, '--project-id', c.project_id, '--access-key', c.access, '--secret-key', 'not-the-secret-key'], config);
    expect((await cli(['kms', 'user-quotas'], { ...config, DEW_PROFILE: 'stale' })).code).toBe(1);
    expect((await cli(['kms', 'user-quotas'], { ...config, DEW_PROFILE: 'stale', DEW_ACCESS_KEY: c.access, DEW_SECRET_KEY: c.secret })).code).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8')).profiles.lab.endpoint).toBe(dew.endpoint);
  });

  it('dew configure --token over a profile with an access key: the file keeps the token only, and the token is what signs', async () => {
    const config = { XDG_CONFIG_HOME: join(home, 'xdg-token') };
    const c = dew.credentials;
    await ok(['configure', '--endpoint', dew.endpoint, '--project-id', c.project_id, '--access-key', c.access, '--secret-key', c.secret], config);
    await ok(['configure', '--token', 'not-a-valid-token'], config);
    const profile = JSON.parse(readFileSync(join(home, 'xdg-token', 'dew', 'config.json'), 'utf8')).profiles.default;
    expect(profile).toEqual({ endpoint: dew.endpoint, project_id: c.project_id, token: 'not-a-valid-token' });
    expect(await cli(['kms', 'user-quotas'], config)).toMatchObject({ code: 1, err: expect.stringContaining('(HTTP 401)') });
  });
});

/**
 * The built CLI on a pseudo-terminal (util-linux `script`), answering each question once it is
 * shown (typed ahead, the terminal would echo an answer before the CLI turns echo off).
 */
function onTerminal(args: string, env: Readonly<Record<string, string>>, answers: readonly (readonly [string, string])[]): Promise<Run> {
  const pending = [...answers];
  return new Promise((done) => {
    const child = spawn('script', ['-qfec', `${process.execPath} ${CLI} ${args}`, '/dev/null'], { env: { PATH: process.env.PATH ?? '', HOME: home, TERM: 'dumb', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const [question, answer] = pending[0] ?? [];
      if (question !== undefined && out.includes(question)) {
        pending.shift();
        child.stdin.write(`${answer}\r`);
      }
    });
    child.on('exit', (code) => done({ code, out, err: '' }));
  });
}

describe('interactive configure', () => {
  it('dew configure without flags on a terminal asks for the endpoint, access key, SK (not echoed) and project; the profile then signs calls', async () => {
    const config = { DEW_CONFIG_FILE: join(home, 'interactive', 'config.json') };
    const c = dew.credentials;
    const run = await onTerminal('configure', config, [['Endpoint', dew.endpoint], ['Access key', c.access], ['Secret key', c.secret], ['Project id', c.project_id]]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('wrote profile "default"');
    expect(run.out).toContain(c.access);
    expect(run.out).not.toContain(c.secret);
    expect(statSync(config.DEW_CONFIG_FILE).mode & 0o777).toBe(0o600);
    expect(await ok(['kms', 'user-quotas', '--query', 'quotas.resources.0.type'], config)).toBe('CMK');
  });
});

describe('successes', () => {
  it('kms: create, list as a table, page with --all, encrypt a file and decrypt it, manage the key', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => ok(['kms', 'create-key', '--key-alias', unique('cli'), '--query', 'key_info.key_id'])));
    const [id = ''] = ids;
    const all = await json<{ keys: string[] }>(['kms', 'list-keys', '--limit', '1', '--all']);
    expect(all.keys).toEqual(expect.arrayContaining(ids));
    expect(await ok(['kms', 'list-keys', '--output', 'table'])).toMatch(/^key_id +domain_id +key_alias/);
    const cipher = await ok(['kms', 'encrypt-data', '--key-id', id, '--plain-text', file('plain.txt', 'hello from a file'), '--query', 'cipher_text']);
    expect(await ok(['kms', 'decrypt-data', '--cipher-text', cipher, '--query', 'plain_text'])).toBe('hello from a file');
    await ok(['kms', 'describe-key', '--key-id', id]);
    await ok(['kms', 'update-key-description', '--key-id', id, '--key-description', 'from the cli']);
    await ok(['kms', 'disable-key', '--key-id', id]);
    await ok(['kms', 'enable-key', '--key-id', id]);
    await ok(['kms', 'create-key-tag', '--key-id', id, '--tag', '{"key":"env","value":"cli"}']);
    expect(await json(['kms', 'show-key-tags', '--key-id', id])).toMatchObject({ tags: [{ key: 'env', value: 'cli' }] });
    await ok(['kms', 'create-datakey', '--key-id', id, '--datakey-length', '256']);
    await ok(['kms', 'gen-random', '--random-data-length', '256']);
    await ok(['kms', 'user-instances']);
    await ok(['kms', 'schedule-key-deletion', '--key-id', id, '--pending-days', '7']);
    await ok(['kms', 'cancel-key-deletion', '--key-id', id]);
  });

  it('csms: a secret from a file, a new version, its value by --query', async () => {
    const name = unique('cli-secret');
    const value = marker('secret-value');
    await ok(['csms', 'create-secret', '--name', name, '--secret-string', file('secret.txt', value)]);
    await ok(['csms', 'create-secret-version', '--secret-name', name, '--secret-string', 'v2-value']);
    expect(await ok(['csms', 'show-secret-version', '--secret-name', name, '--version-id', 'latest', '--query', 'version.secret_string'])).toBe('v2-value');
    expect(await json(['csms', 'list-secret-versions', '--secret-name', name])).toMatchObject({ version_metadatas: expect.any(Array) });
    await ok(['csms', 'show-secret', '--secret-name', name]);
    await ok(['csms', 'list-secrets', '--all', '--limit', '1']);
  });

  it('iam: a user from dotted flags, a group, a policy from a file; the new access key signs a call', async () => {
    const user = unique('cli-user');
    const userId = await ok(['iam', 'create-user', '--user.name', user, '--user.password', 'Cli-Passw0rd!x', '--query', 'user.id']);
    const groupId = await ok(['iam', 'create-group', '--group', `{"name":"${unique('cli-group')}"}`, '--query', 'group.id']);
    await ok(['iam', 'add-user-to-group', '--group-id', groupId, '--user-id', userId]);
    expect((await cli(['iam', 'check-user-in-group', '--group-id', groupId, '--user-id', userId])).code).toBe(0);
    const policy = file('policy.json', JSON.stringify({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:list'] }] }));
    const roleId = await ok(['iam', 'create-policy', '--role.display-name', unique('cli-policy'), '--role.type', 'XA', '--role.description', 'cli', '--role.policy', policy, '--query', 'role.id']);
    await ok(['iam', 'attach-policy-project', '--group-id', groupId, '--role-id', roleId]);
    const key = await json<{ credential: { access: string; secret: string } }>(['iam', 'create-access-key', '--credential.user-id', userId]);
    const env = { ...adminEnv(), DEW_ACCESS_KEY: key.credential.access, DEW_SECRET_KEY: key.credential.secret };
    expect((await cli(['kms', 'list-keys'], env)).code).toBe(0);
    expect(await ok(['iam', 'list-users', '--query', 'users.*.name'])).toContain(user);
    const token = await ok(['iam', 'create-token', '--auth.identity.methods', 'password', '--auth.identity.password.user.name', user, '--auth.identity.password.user.password', 'Cli-Passw0rd!x',
      '--auth.identity.password.user.domain.name', dew.credentials.domain_name, '--auth.scope.project.id', dew.credentials.project_id, '--query', 'subject_token']);
    const { DEW_ACCESS_KEY: _ak, DEW_SECRET_KEY: _sk, ...withoutKey } = adminEnv();
    expect((await cli(['kms', 'list-keys'], { ...withoutKey, DEW_TOKEN: token })).code).toBe(0);
    expect(await ok(['iam', 'validate-token', '--subject-token', token, '--query', 'token.user.name'])).toBe(user);
  });

  it('kps, cts and hsm: a key pair, the trail as a table, the instance list', async () => {
    const name = unique('cli-kp');
    await ok(['kps', 'create-keypair', '--keypair.name', name]);
    await ok(['kps', 'show-keypair', '--keypair-name', name]);
    await ok(['kps', 'list-keypairs', '--output', 'table']);
    await ok(['kps', 'delete-keypair', '--keypair-name', name]);
    expect(await ok(['cts', 'list-traces', '--trace-type', 'system', '--output', 'table'])).toContain('trace_name');
    await ok(['hsm', 'list-hsms']);
  });
});

const ID = '00000000-0000-4000-8000-000000000000';
/** A value of a field's type that names nothing that exists (each command its own names). */
function placeholder(cmd: CliCommand, name: string, spec?: FieldSpec): string {
  if (spec?.choices?.[0]) return spec.choices[0];
  if (spec?.type === 'integer' || spec?.type === 'number') return '1';
  if (spec?.type === 'boolean') return 'false';
  if (spec?.type === 'json') return spec.children ? '{}' : '[]';
  return name.endsWith('_id') || name === 'access_key' ? ID : `cli-${cmd.command}`;
}

/** Flags for the required fields, a nested object's through its own required fields. */
function requiredFlags(cmd: CliCommand, specs: readonly FieldSpec[]): string[] {
  return specs.filter((f) => f.required).flatMap((f) => {
    const inner = (f.children ?? []).filter((c) => c.required);
    return inner.length > 0 ? requiredFlags(cmd, inner) : [`--${flagOf(f.name)}`, placeholder(cmd, f.name.split('.').at(-1) ?? f.name, f)];
  });
}

describe('every operation of the table', () => {
  it('each one not called above is called with placeholder values: an answer or a documented refusal (snapshot)', async () => {
    const rest = allCommands().filter((c) => !invoked.has(`${c.service} ${c.command}`));
    const outcomes = await Promise.all(rest.map(async (cmd) => {
      const args = [cmd.service, cmd.command];
      for (const p of cmd.pathParams) if (p !== 'project_id') args.push(`--${flagOf(p)}`, placeholder(cmd, p));
      args.push(...requiredFlags(cmd, cmd.fields));
      const run = await cliInProcess(args);
      const code = /^([A-Z]+\.\d{3,4}): /.exec(run.err)?.[1];
      return [`${cmd.service} ${cmd.command}`, run.code === 0 ? 'ok' : `exit ${run.code} ${code ?? run.err}`] as const;
    }));
    expect(outcomes.filter(([, o]) => !/^(ok|exit 1 [A-Z]+\.\d+)$/.test(o))).toEqual([]);
    expect(Object.fromEntries(outcomes)).toMatchSnapshot();
  });

  it('no operation of the table was left uncalled', () => {
    expect(allCommands().map((c) => `${c.service} ${c.command}`).filter((name) => !invoked.has(name))).toEqual([]);
  });
});
