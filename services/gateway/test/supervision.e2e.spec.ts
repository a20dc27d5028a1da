import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { DewSystem, fitNatsServerBinary, marker, processesMatching } from '@dew/testing';

// `make run` restarts a crashed process and stops on a crash loop (docs/architecture.md, "Supervision").

const RECOVERY_MS = 30_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The pids of a service's processes on this system (none while the runner waits to restart it). */
function pidsOf(dew: DewSystem, service: string): number[] {
  return processesMatching((p) => p.env.includes(`DEW_DATA_DIR=${dew.dataDir}`) && p.cmd.includes(`services/${service}/dist/main.js`)).map((p) => p.pid);
}

/** Polls `attempt` until it returns a value (not undefined), for at most RECOVERY_MS; `last` says what it saw meanwhile. */
async function within<T>(what: string, attempt: (last: { seen: unknown }) => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + RECOVERY_MS;
  const last: { seen: unknown } = { seen: undefined };
  for (;;) {
    const value = await attempt(last).catch((err: Error) => void (last.seen = err.message));
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${RECOVERY_MS} ms; last seen ${JSON.stringify(last.seen)}`);
    await pause(100);
  }
}

interface Ready {
  readonly ready: boolean;
  readonly restarts: Record<string, number>;
}

/**
 * Waits until the runner has seen `name` die. A request sent before that may still reach the dying
 * process and is then lost: the gateway answers it only after its bus timeout (docs/architecture.md, "Supervision").
 */
async function untilRunnerSaw(dew: DewSystem, name: string): Promise<void> {
  await within(`the runner seeing ${name} killed`, async () => dew.output.includes(`${name} was killed by SIGKILL`) || undefined);
}

async function readiness(dew: DewSystem): Promise<Ready> {
  return (await fetch(`${dew.endpoint}/ready`)).json() as Promise<Ready>;
}

// This system's nats-server fsyncs before every ack (DEW_NATS_SYNC=always, docs/architecture.md
// "Durability"), on a nats-server that has the setting; the other suites run the system's default.
describe('make run supervision of a running system (DEW_NATS_SYNC=always)', () => {
  let dew: DewSystem;
  let natsBinary: string;
  beforeAll(async () => {
    natsBinary = fitNatsServerBinary();
    dew = await DewSystem.start({ env: { DEW_NATS_SERVER_BIN: natsBinary, DEW_NATS_SYNC: 'always' } });
  });
  afterAll(async () => {
    await dew?.stop();
  });

  it('kms and the gateway killed with SIGKILL are restarted, report 1 restart in health, and the API serves again', async () => {
    const api = dew.client();
    const created = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'survives-a-kms-crash' });
    expect(created.status).toBe(200);
    const keyId = created.body.key_info.key_id;

    const plain = marker('plaintext');
    const [kms] = pidsOf(dew, 'kms');
    process.kill(kms ?? 0, 'SIGKILL');
    await untilRunnerSaw(dew, 'kms');
    const sealed = await within('encrypt through the gateway after kms was killed', async (last) => {
      const res = await api.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: plain });
      last.seen = res;
      return res.status === 200 ? res.body.cipher_text : undefined;
    });
    expect(pidsOf(dew, 'kms')).not.toContain(kms);
    expect((await readiness(dew)).restarts).toMatchObject({ kms: 1, iam: 0, gateway: 0 });

    const [gateway] = pidsOf(dew, 'gateway');
    process.kill(gateway ?? 0, 'SIGKILL');
    await untilRunnerSaw(dew, 'gateway');
    const live = await within('the gateway answering after it was killed', async () => {
      const res = await fetch(`${dew.endpoint}/health`);
      return res.ok ? ((await res.json()) as { restarts: number }) : undefined;
    });
    expect(live).toEqual({ status: 'ok', restarts: 1 });
    const opened = await within('decrypt through the restarted gateway', async () => {
      const res = await api.kms<{ key_id: string }>('decrypt-data', { cipher_text: sealed });
      return res.status === 200 ? res.body : undefined;
    });
    expect(opened.key_id).toBe(keyId);
    expect(await readiness(dew)).toMatchObject({ ready: true, restarts: { kms: 1, gateway: 1, csms: 0 } });
    // `dew health` (the runner's command beside the running system) lists each process with its restarts.
    const health = await dew.cli(['health']);
    expect(health.code).toBe(0);
    expect(health.out).toMatch(/^kms\s+ok {3}restarts 1, requests handled \d+$/m);
    expect(health.out).toMatch(/^gateway\s+ok {3}restarts 1, requests handled \d+$/m);
    expect(health.out).toMatch(/^csms\s+ok {3}restarts 0, requests handled \d+$/m);

    // The runner says so, and so does the service's log (deploy/local/src/supervisor.int.spec.ts shows it is appended to).
    expect(dew.output).toContain('kms was killed by SIGKILL; restarting it in 250 ms (restart 1)');
    expect(dew.output).toContain('gateway was killed by SIGKILL; restarting it in 250 ms (restart 1)');
    expect(readFileSync(join(dew.dataDir, 'logs', 'kms.log'), 'utf8')).toContain('--- dew runner: kms restarted (restart 1) after it was killed by SIGKILL ---');
  });

  it('DEW_NATS_SYNC=always: the nats-server the runner runs is the fit binary, on a config holding sync_interval "always" (that this server honours it: libs/nats-server sync-interval.int.spec.ts)', () => {
    const configPath = join(dew.dataDir, 'nats', 'nats.conf');
    expect(readFileSync(configPath, 'utf8')).toMatch(/^\s*sync_interval: "always"$/m);
    const pid = dew.natsServerPid();
    expect(realpathSync(`/proc/${pid}/exe`)).toBe(realpathSync(natsBinary));
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain(configPath);
  });

  it('nats-server killed with SIGKILL is restarted on the same store and port: keys made before still decrypt and new ones are made', async () => {
    const api = dew.client();
    const created = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'survives-a-nats-crash' });
    expect(created.status).toBe(200);
    const sealed = await api.kms<{ cipher_text: string }>('encrypt-data', { key_id: created.body.key_info.key_id, plain_text: marker('plaintext') });
    expect(sealed.status).toBe(200);

    const nats = dew.natsServerPid();
    process.kill(nats, 'SIGKILL');
    await untilRunnerSaw(dew, 'nats-server');
    const opened = await within('decrypt after nats-server was killed', async () => {
      const res = await api.kms<{ key_id: string }>('decrypt-data', { cipher_text: sealed.body.cipher_text });
      return res.status === 200 ? res.body : undefined;
    });
    expect(opened.key_id).toBe(created.body.key_info.key_id);
    expect(dew.natsServerPid()).not.toBe(nats);
    const after = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'made-after-a-nats-crash' });
    expect(after.status).toBe(200);
    for (const keyId of [created.body.key_info.key_id, after.body.key_info.key_id]) {
      const described = await api.kms<{ key_info: { key_state: string } }>('describe-key', { key_id: keyId });
      expect({ keyId, status: described.status, state: described.body.key_info?.key_state }).toEqual({ keyId, status: 200, state: '2' });
    }
    expect(dew.output).toContain('nats-server was killed by SIGKILL; restarting it in 250 ms (restart 1)');
  });

  it('Ctrl-C stops the runner with exit code 0 and restarts nothing', async () => {
    const restartsBefore = dew.output.split('restarting it in').length;
    await dew.halt();
    expect(await dew.runnerExit).toBe(0);
    expect(dew.output).toContain('DEW stopped.');
    expect(dew.output.split('restarting it in').length).toBe(restartsBefore);
    expect(processesMatching((p) => p.env.includes(`DEW_DATA_DIR=${dew.dataDir}`))).toEqual([]);
  });
});

describe('make run supervision of a crash loop', () => {
  let dew: DewSystem;
  beforeAll(async () => {
    dew = await DewSystem.start();
  });
  afterAll(async () => {
    await dew?.stop();
  });

  it('csms killed 5 times within a minute stops the whole system with exit code 1 and its last log lines', async () => {
    let previous: number | undefined;
    for (let crash = 1; crash <= 5; crash++) {
      const pid = await within(`csms started again before crash ${crash}`, async () => pidsOf(dew, 'csms').find((p) => p !== previous));
      process.kill(pid, 'SIGKILL');
      previous = pid;
    }
    const code = await Promise.race([dew.runnerExit, pause(RECOVERY_MS).then(() => 'still running')]);
    expect(code).toBe(1);
    expect(dew.output).toContain('csms was killed by SIGKILL; restarting it in 2000 ms (restart 4)');
    expect(dew.output).toContain(`csms was killed by SIGKILL: 5 crashes within 60 s; stopping DEW. Last lines of ${join(dew.dataDir, 'logs', 'csms.log')}:`);
    // The log lines printed end with the restart notes the runner appended.
    expect(dew.output).toContain('--- dew runner: csms restarted (restart 4) after it was killed by SIGKILL ---');
    expect(dew.output).not.toContain('restart 5');
    expect(processesMatching((p) => p.env.includes(`DEW_DATA_DIR=${dew.dataDir}`))).toEqual([]);
  });
});
