import { DewSystem, marker, processesMatching } from '@dew/testing';

/** Processes (pid, command line) started with this data dir in their environment. */
const processesOf = (dataDir: string) => processesMatching((p) => p.env.includes(`DEW_DATA_DIR=${dataDir}`));

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
    let left = processesOf(dew.dataDir);
    for (let i = 0; i < 150 && left.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = processesOf(dew.dataDir);
    }
    expect(left).toEqual([]);

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
    let left = processesOf(dataDir);
    for (let i = 0; i < 300 && left.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = processesOf(dataDir);
    }
    expect(left).toEqual([]);
  });
});
