import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFlagsOf, SERVICE_NODE_FLAGS, startNodeProcess } from './children.js';

// A real node process as the runner starts a service (docs/performance.md, "Memory, round 2").

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dew-children-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('startNodeProcess', () => {
  it('a service process: runs under the services’ V8 heap policy (8 MiB semi-spaces, old generation grown by half), which node accepts', async () => {
    const script = join(dir, 'svc.mjs');
    writeFileSync(script, `console.log(JSON.stringify(process.execArgv));\n`);
    const logFile = join(dir, 'svc.log');
    const child = startNodeProcess('svc', script, { PATH: process.env.PATH ?? '' }, logFile, false);
    expect(await child.exited).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    const execArgv = JSON.parse(readFileSync(logFile, 'utf8').trim().split('\n').pop()!) as string[];
    expect(SERVICE_NODE_FLAGS).toEqual(['--max-semi-space-size=8', '--heap-growing-percent=50']);
    expect(execArgv).toEqual(expect.arrayContaining([...SERVICE_NODE_FLAGS]));
  });

  it('the gateway: keeps Node’s heap defaults; every other service gets the policy', () => {
    expect(nodeFlagsOf('gateway')).toEqual([]);
    expect(nodeFlagsOf('kms')).toEqual(SERVICE_NODE_FLAGS);
    expect(nodeFlagsOf('audit')).toEqual(SERVICE_NODE_FLAGS);
    expect(nodeFlagsOf('gateway#2')).toEqual([]);
    expect(nodeFlagsOf('kms#2')).toEqual(SERVICE_NODE_FLAGS);
  });
});
