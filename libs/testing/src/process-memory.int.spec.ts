import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { searchProcessMemory } from './process-memory.js';

/** A node process that keeps what it reads on stdin, as bytes and as hex, until killed. */
async function holder(value: Buffer) {
  const child = spawn(process.execPath, ['-e', `let kept; process.stdin.once('data', (d) => { kept = [Buffer.from(d), d.toString('hex')]; console.log('kept'); }); setInterval(() => kept, 1000);`], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.write(value);
  await once(child.stdout, 'data');
  return child;
}

describe('searchProcessMemory', () => {
  test('finds a value another process holds, raw and as hex, naming the mapping; a value it never held is not found', async () => {
    const held = randomBytes(32);
    const child = await holder(held);
    try {
      const found = searchProcessMemory(child.pid ?? NaN, held);
      expect(found.bytesRead).toBeGreaterThan(10_000_000);
      expect(found.regionsUnreadable).toBeLessThan(found.regionsRead);
      expect(new Set(found.hits.map((h) => h.encoding))).toEqual(new Set(['raw', 'hex']));
      expect(found.hits.every((h) => h.region.length > 0)).toBe(true);
      expect(searchProcessMemory(child.pid ?? NaN, randomBytes(32)).hits).toEqual([]);
    } finally {
      child.kill();
    }
  });
});
