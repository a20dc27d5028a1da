import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The lint step `make lint` runs (docs/module-rules.md), on the real tree with two planted cycles.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const plantedDir = `deploy/local/planted-cycle-${process.pid}-${Date.now()}`;

const plantedFiles: Readonly<Record<string, string>> = {
  // Values both ways: a cycle at run time.
  'ping.ts': "import { pong } from './pong.js';\nexport const ping = (): string => `ping ${pong()}`;\n",
  'pong.ts': "import { ping } from './ping.js';\nexport const pong = (): string => (ping.length > 0 ? 'pong' : '');\n",
  // A value one way, a type the other: erased at run time, still one unit that cannot be split.
  'order.ts': "import type { OrderLine } from './order-line.js';\nexport interface Order { readonly lines: readonly OrderLine[] }\n",
  'order-line.ts': "import type { Order } from './order.js';\nexport interface OrderLine { readonly order: Order }\nexport const emptyLine = (order: Order): OrderLine => ({ order });\n",
};

let lint: { status: number | null; output: string };

beforeAll(() => {
  const dir = join(repoRoot, plantedDir);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(plantedFiles)) writeFileSync(join(dir, name), text);
  const run = spawnSync('npm', ['run', '--silent', 'lint'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  lint = { status: run.status, output: `${run.stdout}${run.stderr}` };
});

afterAll(() => {
  rmSync(join(repoRoot, plantedDir), { recursive: true, force: true });
});

describe('make lint (npm run lint) with an import cycle planted in the linted tree', () => {
  it('exits non-zero', () => {
    expect(lint.status).not.toBe(0);
    expect(lint.status).not.toBeNull();
  });

  it('names the value cycle ping.ts → pong.ts → ping.ts under the no-circular rule', () => {
    expect(lint.output).toMatch(new RegExp(`no-circular: ${plantedDir}/(ping|pong)\\.ts`));
    expect(lint.output).toContain(`${plantedDir}/ping.ts`);
    expect(lint.output).toContain(`${plantedDir}/pong.ts`);
  });

  it('names the cycle through a type-only import order.ts → order-line.ts → order.ts too', () => {
    expect(lint.output).toMatch(new RegExp(`no-circular: ${plantedDir}/order(-line)?\\.ts`));
    expect(lint.output).toContain(`${plantedDir}/order-line.ts`);
    expect(lint.output).toMatch(new RegExp(`${plantedDir}/order\\.ts`));
  });

  it('reports no violation outside the planted folder (the product tree itself has no cycle)', () => {
    const violations = lint.output.split('\n').filter((line) => /^\s*error /.test(line));
    expect(violations.length).toBeGreaterThanOrEqual(2);
    for (const line of violations) expect(line).toContain(plantedDir);
  });
});
