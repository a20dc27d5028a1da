import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A process as /proc shows it: its environment entries and its command line (spaces for NULs). */
export interface ProcessInfo {
  readonly pid: number;
  readonly env: readonly string[];
  readonly cmd: string;
}

/** The running processes whose environment and command line match (found as an operator would, in /proc). */
export function processesMatching(matches: (p: ProcessInfo) => boolean): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const p = {
        pid: Number(entry),
        env: readFileSync(join('/proc', entry, 'environ'), 'utf8').split('\0'),
        cmd: readFileSync(join('/proc', entry, 'cmdline'), 'utf8').replace(/\0/g, ' '),
      };
      if (matches(p)) found.push(p);
    } catch {
      // gone meanwhile, or not ours
    }
  }
  return found;
}
