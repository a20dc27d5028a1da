import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { needlesFor } from './secrets-scan.js';

/** Where a value was found in a process's memory: the mapping (its file, or anon/[heap]/[stack]) and the spelling. */
export interface MemoryHit {
  readonly region: string;
  readonly encoding: string;
}

export interface MemorySearch {
  readonly hits: readonly MemoryHit[];
  /** How much was read, and how many readable mappings could not be read (the kernel refused). */
  readonly bytesRead: number;
  readonly regionsRead: number;
  readonly regionsUnreadable: number;
}

interface Region {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

const CHUNK = 4 * 1024 * 1024;

/** The readable mappings of /proc/<pid>/maps, but the kernel's own pages (vvar, vsyscall), which /proc/<pid>/mem cannot read. */
function readableRegions(pid: number): Region[] {
  return readFileSync(`/proc/${pid}/maps`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [range = '', perms = '', , , , ...path] = line.split(/\s+/);
      const [start = '0', end = '0'] = range.split('-');
      return { start: parseInt(start, 16), end: parseInt(end, 16), perms, name: path.join(' ') || 'anon' };
    })
    .filter((r) => r.perms.startsWith('r') && r.name !== '[vvar]' && r.name !== '[vsyscall]' && r.name !== '[vvar_vclock]')
    .map(({ start, end, name }) => ({ start, end, name }));
}

/**
 * Searches every readable mapping of a live process for a value in each spelling the secrets scan
 * knows (raw, hex, base64: secrets-scan.ts needlesFor), by reading /proc/<pid>/mem as a debugger
 * would (the caller must be allowed to ptrace the process: root, or an ancestor). Hits name the
 * mapping and the spelling, never the bytes, so a failure message cannot leak the value.
 */
export function searchProcessMemory(pid: number, value: Uint8Array): MemorySearch {
  const needles = needlesFor(value);
  const overlap = Math.max(...needles.map((n) => n.bytes.length)) - 1;
  const hits = new Map<string, MemoryHit>();
  let bytesRead = 0;
  let regionsRead = 0;
  let regionsUnreadable = 0;
  const fd = openSync(`/proc/${pid}/mem`, 'r');
  const buf = Buffer.alloc(CHUNK + overlap);
  try {
    for (const r of readableRegions(pid)) {
      let carried = 0;
      try {
        for (let at = r.start; at < r.end; at += CHUNK) {
          const n = readSync(fd, buf, carried, Math.min(CHUNK, r.end - at), at);
          bytesRead += n;
          const window = buf.subarray(0, carried + n);
          for (const needle of needles) if (window.includes(needle.bytes)) hits.set(`${r.name}|${needle.encoding}`, { region: r.name, encoding: needle.encoding });
          carried = Math.min(overlap, window.length);
          window.copy(buf, 0, window.length - carried);
          if (n === 0) break;
        }
        regionsRead += 1;
      } catch {
        // EIO: a mapping the kernel will not read through mem (a device, a guard page); it counts
        regionsUnreadable += 1;
      }
    }
  } finally {
    closeSync(fd);
  }
  buf.fill(0);
  return { hits: [...hits.values()], bytesRead, regionsRead, regionsUnreadable };
}
