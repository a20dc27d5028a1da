import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Node release lines (https://github.com/nodejs/Release): LTS lines are even; end of life is the
 * end of maintenance. Add a line when it becomes LTS.
 */
const NODE_LINES: Readonly<Record<number, { lts: boolean; endOfLife: string }>> = {
  18: { lts: true, endOfLife: '2025-04-30' },
  19: { lts: false, endOfLife: '2023-06-01' },
  20: { lts: true, endOfLife: '2026-04-30' },
  21: { lts: false, endOfLife: '2024-06-01' },
  22: { lts: true, endOfLife: '2027-04-30' },
  23: { lts: false, endOfLife: '2025-06-01' },
  24: { lts: true, endOfLife: '2028-04-30' },
  25: { lts: false, endOfLife: '2026-06-01' },
};

/** Why a `FROM node:<tag>` base is not a maintained LTS on `today` (null: it is). */
function baseImageProblem(image: string, today: Date): string | null {
  const m = /^node:(\d+)(?:[.-]|$)/.exec(image);
  if (!m) return `${image}: not an official node image with a major version in its tag`;
  const line = NODE_LINES[Number(m[1])];
  if (!line) return `${image}: Node ${m[1]} is not in the table of release lines`;
  if (!line.lts) return `${image}: Node ${m[1]} is not an LTS line`;
  if (today > new Date(`${line.endOfLife}T23:59:59Z`)) return `${image}: Node ${m[1]} reached its end of life on ${line.endOfLife}`;
  return null;
}

const dockerfile = readFileSync(fileURLToPath(new URL('../../Dockerfile', import.meta.url)), 'utf8');
const bases = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1] ?? '');

describe('deploy/Dockerfile base images', () => {
  it('every FROM: a Node LTS line still maintained today', () => {
    expect(bases.length).toBeGreaterThanOrEqual(2);
    expect(bases.map((b) => baseImageProblem(b, new Date())).filter(Boolean)).toEqual([]);
  });

  it('the check: refuses a line past its end of life, an odd line, and an unknown one', () => {
    const day = new Date('2026-06-15T00:00:00Z');
    expect(baseImageProblem('node:20-bookworm-slim', day)).toMatch(/end of life on 2026-04-30/);
    expect(baseImageProblem('node:23-slim', day)).toMatch(/not an LTS line/);
    expect(baseImageProblem('node:99', day)).toMatch(/not in the table/);
    expect(baseImageProblem('node:22.12-bookworm-slim', day)).toBeNull();
  });

  it('the image: runs as a non-root user, installs runtime dependencies without dev ones, has a HEALTHCHECK', () => {
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });
});
