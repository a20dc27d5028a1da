import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeProcess } from './children.js';
import { Supervisor, type Launch } from './supervisor.js';

// Real node processes under the runner's supervisor (docs/architecture.md, "Supervision").

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dew-supervisor-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A script that prints its DEW_RESTARTS, then exits with `code` at once (or runs until stopped when null). */
function service(name: string, code: number | null): { launch: Launch; logFile: string; started: number[] } {
  const script = join(dir, `${name}.mjs`);
  writeFileSync(script, `console.log('started, restarts=' + process.env.DEW_RESTARTS);\n${code === null ? 'setInterval(() => {}, 1000);' : `process.exit(${code});`}\n`);
  const logFile = join(dir, `${name}.log`);
  const started: number[] = [];
  const launch: Launch = async (restarts) => {
    started.push(restarts);
    return startNodeProcess(name, script, { PATH: process.env.PATH ?? '', DEW_RESTARTS: String(restarts) }, logFile, false);
  };
  return { launch, logFile, started };
}

describe('Supervisor', () => {
  it('a process that exits at once once armed is restarted with a growing backoff until its 5th crash fails the system with its log lines', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor((line) => lines.push(line));
    supervisor.arm();
    const svc = service('svc', 3);
    const t0 = Date.now();
    await supervisor.start('svc', svc.logFile, svc.launch);
    const failure = await supervisor.failed;
    // 250 + 500 + 1000 + 2000 ms of backoff before the 5th start.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(3_750);
    expect(svc.started).toEqual([0, 1, 2, 3, 4]);
    expect(lines).toEqual([1, 2, 3, 4].map((n) => `svc exited with code 3; restarting it in ${250 * 2 ** (n - 1)} ms (restart ${n})`));
    expect(failure).toMatchObject({ name: 'svc', reason: 'exited with code 3: 5 crashes within 60 s', logFile: svc.logFile });
    // Appended, each start after its note: the log shows every start and why it was restarted.
    expect(readFileSync(svc.logFile, 'utf8')).toBe(
      ['started, restarts=0', ...[1, 2, 3, 4].flatMap((n) => [`--- dew runner: svc restarted (restart ${n}) after it exited with code 3 ---`, `started, restarts=${n}`]), ''].join('\n'),
    );
    expect(failure.lastLogLines).toContain('--- dew runner: svc restarted (restart 4) after it exited with code 3 ---\nstarted, restarts=4');
  }, 20_000);

  it('before arm() (the system starting) a first exit fails at once, without a restart', async () => {
    const supervisor = new Supervisor(() => undefined);
    const svc = service('svc', 7);
    await supervisor.start('svc', svc.logFile, svc.launch);
    expect(await supervisor.failed).toMatchObject({ name: 'svc', reason: 'exited with code 7' });
    expect(supervisor.failure?.name).toBe('svc');
    expect(svc.started).toEqual([0]);
  });

  it('stop() while a restart waits cancels it; processes stopped by stop() are not restarted', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor((line) => lines.push(line));
    supervisor.arm();
    const crashing = service('crashing', 1);
    await supervisor.start('crashing', crashing.logFile, crashing.launch);
    const steady = service('steady', null);
    await supervisor.start('steady', steady.logFile, steady.launch);
    while (lines.length === 0) await new Promise((r) => setTimeout(r, 20));
    await supervisor.stop();
    await new Promise((r) => setTimeout(r, 600));
    expect(crashing.started).toEqual([0]);
    expect(steady.started).toEqual([0]);
    expect(lines).toEqual(['crashing exited with code 1; restarting it in 250 ms (restart 1)']);
    expect(supervisor.failure).toBeUndefined();
  });
});
