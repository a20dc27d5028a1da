import { execFileSync } from 'node:child_process';
import { createServer, type Server as TcpServer, type Socket } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@dew/nats-server';
import { DewSystem, IamUsers, loginWithKey, loginWithPassword, marker, refusal, rememberSecret, startSshd, type SdkClient, type TestSshd } from '@dew/testing';
import { KPS_MODELS } from './conformance/kps-models.js';
import { conformanceProblems } from './conformance/model-walk.js';

let dew: DewSystem;
let api: SdkClient;
let sshd: TestSshd;
let scratch: string;

beforeAll(async () => {
  [dew, sshd] = await Promise.all([DewSystem.start(), startSshd()]);
  rememberSecret('password', sshd.password);
  api = dew.client();
  scratch = mkdtempSync(join(tmpdir(), 'dew-kps-srv-'));
});
afterAll(async () => {
  await Promise.all([dew?.stop(), sshd?.stop()]);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const KP = '/v3/{project_id}/keypairs';
const SRV = '/v3/{project_id}/dew-servers';
interface ServerBody { server: { id: string; name: string; status: string; keypair_name: string | null; host_key: string | null } }
interface TaskAccepted { task_id: string; server_id: string; status: string }
interface FailedTasks { total: number; tasks: { task_id: string; operate_type: string; task_error_code: string; task_error_msg: string; server_id: string }[] }

async function newServer(name: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await api.call<ServerBody>('POST', SRV, {
    server: { name, address: sshd.host, port: sshd.port, login_user: sshd.user, sshd_config_path: sshd.configPath, sshd_pid_file: sshd.pidFile, ...over },
  });
  expect(res.status).toBe(200);
  return res.body.server.id;
}

/** A generated pair whose private key the test keeps (shown once). */
async function generatedPair(name: string): Promise<{ publicKey: string; privateKey: string }> {
  const res = await api.call<{ keypair: { public_key: string; private_key: string } }>('POST', KP, { keypair: { name, algorithm: 'SSH_ED25519' } });
  expect(res.status).toBe(200);
  return { publicKey: res.body.keypair.public_key, privateKey: rememberSecret('private-key', res.body.keypair.private_key) };
}

/** The task's final `task_status` (tasks run in the background). */
async function finished(taskId: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await api.call<{ task_status: string }>('GET', `/v3/{project_id}/tasks/${taskId}`);
    expect(conformanceProblems(res.body, KPS_MODELS['show-task'] ?? {})).toEqual([]);
    if (!/^(READY|RUNNING)_/.test(res.body.task_status)) return res.body.task_status;
    if (Date.now() > deadline) throw new Error(`task ${taskId} still ${res.body.task_status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function associate(body: object): Promise<TaskAccepted> {
  const res = await api.call<TaskAccepted>('POST', `${KP}/associate`, body);
  expect(res.status).toBe(200);
  expect(conformanceProblems(res.body, KPS_MODELS['associate-keypair'] ?? {})).toEqual([]);
  expect(res.body.status).toBe('SUCCESS');
  return res.body;
}

/** The server fields that point the inventory at `target` (another sshd than the file's). */
function endpointOf(target: TestSshd): Record<string, unknown> {
  return { address: target.host, port: target.port, login_user: target.user, sshd_config_path: target.configPath, sshd_pid_file: target.pidFile };
}

/** Base64 of `secret` encrypted to `publicKey` (an ssh-rsa line) by openssl, as a Windows instance does. */
function encryptedTo(publicKey: string, fileName: string, secret: string): string {
  const pub = join(scratch, `${fileName}.pub`);
  writeFileSync(pub, `${publicKey}\n`);
  const pem = join(scratch, `${fileName}.pem`);
  writeFileSync(pem, execFileSync('ssh-keygen', ['-e', '-m', 'PKCS8', '-f', pub]));
  return execFileSync('openssl', ['pkeyutl', '-encrypt', '-pubin', '-inkey', pem, '-pkeyopt', 'rsa_padding_mode:pkcs1'], { input: secret }).toString('base64');
}

interface TraceList { traces: { trace_name: string; resource_id: string; resource_type: string; request: string; user: { name: string } }[] }

/** The traces named `traceName` of `resourceId`, waiting until at least `expected` are indexed. */
async function tracesOf(traceName: string, resourceId: string, expected = 1): Promise<TraceList['traces']> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await api.call<TraceList>('GET', `/v3/{project_id}/traces?trace_type=system&limit=50&trace_name=${traceName}&resource_id=${encodeURIComponent(resourceId)}`);
    if (res.body.traces.length >= expected || Date.now() > deadline) return res.body.traces;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function failedTask(taskId: string): Promise<FailedTasks['tasks'][number]> {
  const list = await api.call<FailedTasks>('GET', '/v3/{project_id}/failed-tasks');
  expect(conformanceProblems(list.body, KPS_MODELS['list-failed-tasks'] ?? {})).toEqual([]);
  const task = list.body.tasks.find((t) => t.task_id === taskId);
  if (!task) throw new Error(`task ${taskId} is not in the failed-task list`);
  return task;
}

describe('binding key pairs to a real OpenSSH server (P4)', () => {
  let serverId: string;
  let first: { publicKey: string; privateKey: string };
  let second: { publicKey: string; privateKey: string };

  beforeAll(async () => {
    serverId = await newServer('web-1');
    first = await generatedPair('bind-first');
    second = await generatedPair('bind-second');
  });

  it('bind with the password and "disable password login": the key logs in, the password no longer does; the host key is pinned', async () => {
    expect(await loginWithPassword(sshd, sshd.password)).toBe(true);
    const task = await associate({ keypair_name: 'bind-first', server: { id: serverId, auth: { type: 'password', key: sshd.password }, disable_password: true } });
    expect(await finished(task.task_id)).toBe('SUCCESS_RESET');
    expect(await loginWithKey(sshd, first.privateKey)).toBe(true);
    expect(await loginWithPassword(sshd, sshd.password)).toBe(false);
    const server = await api.call<ServerBody>('GET', `${SRV}/${serverId}`);
    expect(server.body.server).toMatchObject({ keypair_name: 'bind-first', host_key: sshd.hostKey });
    expect((await api.call<{ keypair: { bound_servers: number } }>('GET', `${KP}/bind-first`)).body.keypair.bound_servers).toBe(1);
  });

  it('replace logs in with the old private key and swaps the line: the new key logs in, the old one does not', async () => {
    const task = await associate({ keypair_name: 'bind-second', server: { id: serverId, auth: { type: 'keypair', key: first.privateKey } } });
    expect(await finished(task.task_id)).toBe('SUCCESS_REPLACE');
    expect(await loginWithKey(sshd, second.privateKey)).toBe(true);
    expect(await loginWithKey(sshd, first.privateKey)).toBe(false);
    expect((await sshd.authorizedKeys()).split('\n').filter(Boolean)).toHaveLength(1);
    expect(refusal(await api.call('POST', `${KP}/associate`, { keypair_name: 'bind-second', server: { id: serverId, auth: { type: 'keypair', key: second.privateKey } } }))).toEqual({ status: 409, code: 'KPS.0409' });
  });

  it('a wrong credential fails the task with its cause (KPS.2001), names no secret, and changes nothing', async () => {
    const before = await sshd.authorizedKeys();
    const wrong = marker('password');
    const task = await associate({ keypair_name: 'bind-first', server: { id: serverId, auth: { type: 'password', key: wrong } } });
    expect(await finished(task.task_id)).toBe('FAILED_REPLACE');
    const failed = await failedTask(task.task_id);
    expect(failed).toMatchObject({ task_error_code: 'KPS.2001', operate_type: 'FAILED_REPLACE', server_id: serverId });
    expect(failed.task_error_msg).not.toContain(wrong);
    expect(await sshd.authorizedKeys()).toBe(before);
    expect((await api.call<ServerBody>('GET', `${SRV}/${serverId}`)).body.server.keypair_name).toBe('bind-second');
  });

  it('a changed host key fails the task before anything is written (KPS.2003)', async () => {
    await sshd.rotateHostKey();
    const before = await sshd.authorizedKeys();
    const task = await associate({ keypair_name: 'bind-first', server: { id: serverId, auth: { type: 'keypair', key: second.privateKey } } });
    expect(await finished(task.task_id)).toBe('FAILED_REPLACE');
    expect((await failedTask(task.task_id)).task_error_code).toBe('KPS.2003');
    expect(await sshd.authorizedKeys()).toBe(before);
    // A reinstalled server: the pin is forgotten (null) or set to the key the operator checked.
    expect((await api.call<ServerBody>('PUT', `${SRV}/${serverId}`, { server: { host_key: null } })).body.server.host_key).toBeNull();
    expect((await api.call<ServerBody>('PUT', `${SRV}/${serverId}`, { server: { host_key: sshd.hostKey } })).body.server.host_key).toBe(sshd.hostKey);
    expect(refusal(await api.call('PUT', `${SRV}/${serverId}`, { server: { host_key: 'not a key' } }))).toEqual({ status: 400, code: 'KPS.0002' });
  });

  it('reset of a shut-down server waits (READY_RESET) and runs when it is Running again, logging in with the old pair\'s hosted key', async () => {
    const server = await newServer('web-reset');
    expect((await api.call('POST', KP, { keypair: { name: 'reset-old', algorithm: 'SSH_ED25519', key_protection: { encryption: { type: 'default' } } } })).status).toBe(200);
    const bound = await associate({ keypair_name: 'reset-old', server: { id: server, auth: { type: 'keypair', key: second.privateKey } } });
    expect(await finished(bound.task_id)).toBe('SUCCESS_RESET');
    const fresh = await generatedPair('reset-new');
    await api.call('PUT', `${SRV}/${server}`, { server: { status: 'Shut down' } });
    const reset = await associate({ keypair_name: 'reset-new', server: { id: server } });
    expect((await api.call<{ task_status: string }>('GET', `/v3/{project_id}/tasks/${reset.task_id}`)).body.task_status).toBe('READY_RESET');
    const running = await api.call<{ total: number; tasks: { task_id: string }[] }>('GET', '/v3/{project_id}/running-tasks');
    expect(running.body.tasks.map((t) => t.task_id)).toContain(reset.task_id);
    await api.call('PUT', `${SRV}/${server}`, { server: { status: 'Running' } });
    expect(await finished(reset.task_id)).toBe('SUCCESS_RESET');
    const old = await api.call<{ keypair: { private_key: string } }>('POST', `${KP}/private-key/export`, { keypair: { name: 'reset-old' } });
    expect(await loginWithKey(sshd, fresh.privateKey)).toBe(true);
    expect(await loginWithKey(sshd, rememberSecret('private-key', old.body.keypair.private_key))).toBe(false);
  });

  it('a reset whose old pair\'s KMS key is disabled fails with KPS.2007 when the server runs again, instead of waiting for ever', async () => {
    const server = await newServer('web-2007');
    const cmk = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'kps-2007' });
    const keyId = cmk.body.key_info.key_id;
    await api.call('POST', KP, { keypair: { name: 'r7-old', algorithm: 'SSH_ED25519', key_protection: { encryption: { type: 'kms', kms_key_id: keyId } } } });
    const bound = await associate({ keypair_name: 'r7-old', server: { id: server, auth: { type: 'keypair', key: second.privateKey } } });
    expect(await finished(bound.task_id)).toBe('SUCCESS_RESET');
    await generatedPair('r7-new');
    await api.call('PUT', `${SRV}/${server}`, { server: { status: 'Shut down' } });
    const reset = await associate({ keypair_name: 'r7-new', server: { id: server } });
    await api.kms('disable-key', { key_id: keyId });
    expect((await api.call('PUT', `${SRV}/${server}`, { server: { status: 'Running' } })).status).toBe(200);
    expect(await finished(reset.task_id)).toBe('FAILED_RESET');
    const failed = await failedTask(reset.task_id);
    expect(failed.task_error_code).toBe('KPS.2007');
    expect(failed.task_error_msg).toMatch(/disabled/);
    expect((await api.call<{ server: { running_task_id: string | null; keypair_name: string } }>('GET', `${SRV}/${server}`)).body.server).toMatchObject({ running_task_id: null, keypair_name: 'r7-old' });
  });

  it('unbind (Running) needs the private key and removes the line: the key no longer logs in', async () => {
    expect(refusal(await api.call('POST', `${KP}/disassociate`, { server: { id: serverId } }))).toEqual({ status: 400, code: 'KPS.0002' });
    // The host key changed on purpose above: the inventory forgets the pin, as after a reinstall.
    const other = await newServer('web-1-again');
    await api.call('PUT', `${SRV}/${serverId}`, { server: { status: 'Shut down' } });
    const offline = await api.call<TaskAccepted>('POST', `${KP}/disassociate`, { server: { id: serverId } });
    expect(await finished(offline.body.task_id)).toBe('SUCCESS_UNBIND');
    expect(await loginWithKey(sshd, second.privateKey)).toBe(true);

    const bind = await associate({ keypair_name: 'bind-second', server: { id: other, auth: { type: 'keypair', key: second.privateKey } } });
    expect(await finished(bind.task_id)).toBe('SUCCESS_RESET');
    const unbind = await api.call<TaskAccepted>('POST', `${KP}/disassociate`, { server: { id: other, auth: { type: 'keypair', key: second.privateKey } } });
    expect(await finished(unbind.body.task_id)).toBe('SUCCESS_UNBIND');
    expect(await loginWithKey(sshd, second.privateKey)).toBe(false);
    expect((await api.call<ServerBody>('GET', `${SRV}/${other}`)).body.server.keypair_name).toBeNull();
  });

  it('an unreachable port fails the task (KPS.2002); failed tasks are deleted one by one or all at once', async () => {
    const nowhere = await newServer('nowhere', { port: await findFreePort() });
    await generatedPair('bind-nowhere');
    const task = await associate({ keypair_name: 'bind-nowhere', server: { id: nowhere, auth: { type: 'password', key: marker('password') } } });
    expect(await finished(task.task_id)).toBe('FAILED_RESET');
    expect((await failedTask(task.task_id)).task_error_code).toBe('KPS.2002');
    expect((await api.call('DELETE', `/v3/{project_id}/failed-tasks/${task.task_id}`)).status).toBe(204);
    expect(refusal(await api.call('DELETE', `/v3/{project_id}/failed-tasks/${task.task_id}`))).toEqual({ status: 404, code: 'KPS.0404' });
    expect((await api.call('DELETE', '/v3/{project_id}/failed-tasks')).status).toBe(204);
    expect((await api.call<FailedTasks>('GET', '/v3/{project_id}/failed-tasks')).body.total).toBe(0);
    const running = await api.call('GET', '/v3/{project_id}/running-tasks');
    expect(conformanceProblems(running.body, KPS_MODELS['list-running-tasks'] ?? {})).toEqual([]);
  });

  it('a login user sshd\'s Match could not name safely is refused at registration (KPS.0002 naming the rule), so no bind task can stall on it', async () => {
    const res = await api.call('POST', SRV, { server: { name: 'digit-user', address: sshd.host, login_user: '9admin' } });
    expect(refusal(res)).toEqual({ status: 400, code: 'KPS.0002' });
    expect(res.errorMsg).toContain('login_user must start with a letter or "_"');
  });

  it('binding refuses a Windows server (KPS.1101), alone and as an item of a batch', async () => {
    const windows = await newServer('win-1', { os: 'Windows' });
    expect(refusal(await api.call('POST', `${KP}/associate`, { keypair_name: 'bind-first', server: { id: windows, auth: { type: 'password', key: 'x' } } }))).toEqual({ status: 400, code: 'KPS.1101' });
    const batch = await api.call<{ tasks: TaskAccepted[] }>('POST', `${KP}/batch-associate`, { batch_keypairs: [{ keypair_name: 'bind-first', server: { id: windows } }] });
    expect(conformanceProblems(batch.body, KPS_MODELS['batch-associate-keypair'] ?? {})).toEqual([]);
    expect(batch.body.tasks[0]).toMatchObject({ server_id: windows, status: 'FAILED', error_code: 'KPS.1101' });
  });
});

describe('the Windows administrator password (P7)', () => {
  it('decrypts what openssl encrypted to the pair\'s RSA public key, with its hosted private key or one given; a wrong key is KPS.0002', async () => {
    const created = await api.call<{ keypair: { public_key: string } }>('POST', KP, { keypair: { name: 'win-rsa', algorithm: 'SSH_RSA_2048', key_protection: { encryption: { type: 'default' } } } });
    const password = marker('password');
    const server = await newServer('win-2', { os: 'Windows', encrypted_password: encryptedTo(created.body.keypair.public_key, 'win-rsa', password) });
    expect(refusal(await api.call('POST', `${SRV}/${server}/windows-password`, {}))).toEqual({ status: 400, code: 'KPS.1102' });
    const shown = await api.call<{ password: string }>('POST', `${SRV}/${server}/windows-password`, { keypair_name: 'win-rsa' });
    expect(shown.body.password).toBe(password);
    const exported = await api.call<{ keypair: { private_key: string } }>('POST', `${KP}/private-key/export`, { keypair: { name: 'win-rsa' } });
    const given = await api.call<{ password: string }>('POST', `${SRV}/${server}/windows-password`, { private_key: rememberSecret('private-key', exported.body.keypair.private_key) });
    expect(given.body.password).toBe(password);
    const other = await generatedPair('win-other-ed');
    expect(refusal(await api.call('POST', `${SRV}/${server}/windows-password`, { private_key: other.privateKey }))).toEqual({ status: 400, code: 'KPS.0002' });
  });

  it('each password read and each private key export leaves its CTS trace (getServerPassword, exportPrivateKey), which holds neither key nor password', async () => {
    const created = await api.call<{ keypair: { public_key: string } }>('POST', KP, { keypair: { name: 'win-traced', algorithm: 'SSH_RSA_2048', key_protection: { encryption: { type: 'default' } } } });
    const password = marker('password');
    const server = await newServer('win-traced', { os: 'Windows', encrypted_password: encryptedTo(created.body.keypair.public_key, 'win-traced', password) });
    expect((await api.call<{ password: string }>('POST', `${SRV}/${server}/windows-password`, { keypair_name: 'win-traced' })).body.password).toBe(password);
    const exported = await api.call<{ keypair: { private_key: string } }>('POST', `${KP}/private-key/export`, { keypair: { name: 'win-traced' } });
    rememberSecret('private-key', exported.body.keypair.private_key);
    await api.call('POST', `${KP}/private-key/batch-export`, [{ keypair: { name: 'win-traced' } }]);

    const reads = await tracesOf('getServerPassword', server);
    expect(reads).toEqual([expect.objectContaining({ resource_type: 'server', user: expect.objectContaining({ name: 'admin' }) })]);
    expect(JSON.parse(reads[0]?.request ?? '{}')).toEqual({ server_id: server, keypair_name: 'win-traced' });
    const exports = await tracesOf('exportPrivateKey', 'win-traced', 2);
    expect(exports.map((t) => t.resource_type)).toEqual(['keypair', 'keypair']);
    for (const t of [...reads, ...exports]) expect(t.request).not.toMatch(/PRIVATE KEY|DEW-SECRET/);
  });

  it('key pair changes are CTS traces: creating a pair leaves createOrImportKeypair naming it', async () => {
    await generatedPair('traced-pair');
    expect(await tracesOf('createOrImportKeypair', 'traced-pair')).toEqual([expect.objectContaining({ resource_type: 'keypair' })]);
  });
});

describe('another user of the account (DEW KeypairFullAccess and KMS CMKFullAccess) and the administrator\'s user pairs', () => {
  let own: TestSshd;
  let other: SdkClient;

  beforeAll(async () => {
    own = await startSshd();
    rememberSecret('password', own.password);
    const users = new IamUsers(dew, api, 'kps-srv');
    other = (await users.withPolicies([await users.systemPolicy('DEW KeypairFullAccess'), await users.systemPolicy('KMS CMKFullAccess')])).client;
  });
  afterAll(async () => {
    await own?.stop();
  });

  /** A server of `own` bound, by the administrator, to the administrator's new user pair `name` (hosted). */
  async function boundToAdminPair(name: string, algorithm: string): Promise<{ server: string; publicKey: string }> {
    const created = await api.call<{ keypair: { public_key: string } }>('POST', KP, { keypair: { name, algorithm, key_protection: { encryption: { type: 'default' } } } });
    expect(created.status).toBe(200);
    const server = await newServer(`${name}-box`, endpointOf(own));
    const task = await associate({ keypair_name: name, server: { id: server, auth: { type: 'password', key: own.password } } });
    expect(await finished(task.task_id)).toBe('SUCCESS_RESET');
    return { server, publicKey: created.body.keypair.public_key };
  }

  it('windows-password with no key named, on a server bound to the administrator\'s user pair: KPS.0404 for the other user, the password for the owner', async () => {
    const { server, publicKey } = await boundToAdminPair('admin-rsa', 'SSH_RSA_2048');
    const password = marker('password');
    expect((await other.call('PUT', `${SRV}/${server}`, { server: { os: 'Windows', encrypted_password: encryptedTo(publicKey, 'admin-rsa', password) } })).status).toBe(200);
    const read = await other.call<{ password?: string }>('POST', `${SRV}/${server}/windows-password`, {});
    expect(refusal(read)).toEqual({ status: 404, code: 'KPS.0404' });
    expect(read.body.password).toBeUndefined();
    expect((await api.call<{ password: string }>('POST', `${SRV}/${server}/windows-password`, {})).body.password).toBe(password);
  });

  it('associate on a shut-down server bound to the administrator\'s hosted user pair: KPS.0404 for the other user, no task, and the other user\'s key never logs in', async () => {
    const { server } = await boundToAdminPair('admin-hosted', 'SSH_ED25519');
    const mine = await other.call<{ keypair: { private_key: string } }>('POST', KP, { keypair: { name: 'other-users-pair', algorithm: 'SSH_ED25519' } });
    const myKey = rememberSecret('private-key', mine.body.keypair.private_key);
    expect((await other.call('PUT', `${SRV}/${server}`, { server: { status: 'Shut down' } })).status).toBe(200);
    expect(refusal(await other.call('POST', `${KP}/associate`, { keypair_name: 'other-users-pair', server: { id: server } }))).toEqual({ status: 404, code: 'KPS.0404' });
    expect((await other.call<ServerBody & { server: { running_task_id: string | null } }>('GET', `${SRV}/${server}`)).body.server).toMatchObject({ keypair_name: 'admin-hosted', running_task_id: null });
    expect((await other.call('PUT', `${SRV}/${server}`, { server: { status: 'Running' } })).status).toBe(200);
    expect(await loginWithKey(own, myKey)).toBe(false);
  });
});

describe('tasks across a restart of KPS', () => {
  it('a task RUNNING when KPS stops fails at start-up with KPS.2006 (interrupted), never stays running', async () => {
    // A port that accepts TCP and never speaks SSH: the task's session waits there until its timeout.
    const sockets: Socket[] = [];
    const silent: TcpServer = createServer((s) => sockets.push(s));
    const port = await findFreePort();
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    try {
      const server = await newServer('silent', { port });
      await generatedPair('restart-pair');
      const task = await associate({ keypair_name: 'restart-pair', server: { id: server, auth: { type: 'password', key: marker('password') } } });
      expect((await api.call<{ task_status: string }>('GET', `/v3/{project_id}/tasks/${task.task_id}`)).body.task_status).toBe('RUNNING_RESET');
      await dew.restart();
      api = dew.client();
      expect(await finished(task.task_id)).toBe('FAILED_RESET');
      expect(await failedTask(task.task_id)).toMatchObject({ task_error_code: 'KPS.2006' });
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
