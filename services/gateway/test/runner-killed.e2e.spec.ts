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
  it('its services stop by themselves; the next start stops the nats-server it left and serves the same data', async () => {
    const api = dew.client();
    const created = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'survives-a-killed-runner' });
    expect(created.status).toBe(200);
    const sealed = await api.kms<{ cipher_text: string }>('encrypt-data', { key_id: created.body.key_info.key_id, plain_text: marker('plaintext') });
    expect(sealed.status).toBe(200);

    const runner = processesOf(dew.dataDir).find((p) => p.cmd.includes('cli.js run'));
    expect(runner).toBeDefined();
    process.kill(runner!.pid, 'SIGKILL');
    let services = processesOf(dew.dataDir).filter((p) => p.cmd.includes('dist/main.js'));
    for (let i = 0; i < 150 && services.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      services = processesOf(dew.dataDir).filter((p) => p.cmd.includes('dist/main.js'));
    }
    expect(services).toEqual([]);

    await dew.restart();
    const servers = processesOf(dew.dataDir).filter((p) => p.cmd.includes('nats-server'));
    expect(servers).toHaveLength(1);
    expect(dew.output).toContain('stopped the nats-server a previous, killed run left');
    const opened = await dew.client().kms<{ key_id: string }>('decrypt-data', { cipher_text: sealed.body.cipher_text });
    expect(opened.status).toBe(200);
    expect(opened.body.key_id).toBe(created.body.key_info.key_id);
  });
});
