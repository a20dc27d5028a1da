import { DewSystem, marker, processesMatching } from '@dew/testing';

/** Processes (pid, command line) started with this data dir in their environment. */
const processesOf = (dataDir: string) => processesMatching((p) => p.env.includes(`DEW_DATA_DIR=${dataDir}`));

/** The data dir's processes still running once none is left, or when `ms` have passed. */
async function processesLeftAfter(dataDir: string, ms: number) {
  let left = processesOf(dataDir);
  for (const deadline = Date.now() + ms; left.length > 0 && Date.now() < deadline; left = processesOf(dataDir)) await new Promise((r) => setTimeout(r, 100));
  return left;
}

let dew: DewSystem;
beforeAll(async () => {
  dew = await DewSystem.start();
});
afterAll(async () => {
  await dew?.stop();
});

describe('the runner killed with SIGKILL', () => {
  it('its services and its nats-server stop by themselves; the next start serves the same data', async () => {
    const api = dew.client();
    const created = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'survives-a-killed-runner' });
    expect(created.status).toBe(200);
    const sealed = await api.kms<{ cipher_text: string }>('encrypt-data', { key_id: created.body.key_info.key_id, plain_text: marker('plaintext') });
    expect(sealed.status).toBe(200);

    const runner = processesOf(dew.dataDir).find((p) => p.cmd.includes('cli.js run'));
    expect(runner).toBeDefined();
    // Everything the runner started carries its data dir in its environment, nats-server too
    // (started with a parent-death signal, it stops with the runner).
    const started = processesOf(dew.dataDir);
    expect(started.filter((p) => p.cmd.includes('nats-server'))).toHaveLength(1);
    expect(started.filter((p) => p.cmd.includes('dist/main.js')).length).toBeGreaterThan(0);
    process.kill(runner!.pid, 'SIGKILL');
    expect(await processesLeftAfter(dew.dataDir, 15_000)).toEqual([]);

    await dew.restart();
    const servers = processesOf(dew.dataDir).filter((p) => p.cmd.includes('nats-server'));
    expect(servers).toHaveLength(1);
    expect(dew.output).not.toContain('a previous, killed run left');
    const opened = await dew.client().kms<{ key_id: string }>('decrypt-data', { cipher_text: sealed.body.cipher_text });
    expect(opened.status).toBe(200);
    expect(opened.body.key_id).toBe(created.body.key_info.key_id);
  });
});

describe('a DewSystem start that times out (the harness, not DEW)', () => {
  it('stops the runner it launched, and everything that runner started goes with it; the start rejects', async () => {
    // Half a second: DEW takes seconds to start, so the wait always runs out first.
    const failure = await DewSystem.start({ startTimeoutMs: 500 }).then(() => undefined, (err: Error) => err);
    expect(failure?.message).toMatch(/^DEW did not start within the timeout \(data dir (\S+)\)/);
    const dataDir = /\(data dir (\S+)\)/.exec(failure!.message)![1]!;
    // The runner is gone at once; its services see that and exit by themselves, nats-server by its parent-death signal.
    expect(await processesLeftAfter(dataDir, 30_000)).toEqual([]);
  });
});
