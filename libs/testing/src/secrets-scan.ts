import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// The scan after the whole e2e suite ("a scan of every stored record and log line after the
// whole e2e suite finds none of the plaintexts, data keys, secret values, passwords or private keys
// the suite used"). The tests remember what they used (secrets-ledger.ts); every DewSystem keeps its
// data dir and its runner output under the ledger dir; this file, the e2e project's globalTeardown,
// looks for every remembered value in every kept file, then deletes them.
//
// Kept free of relative imports: jest loads global hooks with a plain `require`, which cannot
// resolve `./secrets-ledger.js` to its `.ts` source. These three names are secrets-ledger.ts's;
// secrets-scan.unit.spec.ts checks that they agree.
export const LEDGER_DIR_ENV = 'DEW_E2E_LEDGER_DIR';
export const LEDGER_FILE = 'secrets.jsonl';
export const EVIDENCE_DIR = 'evidence';
/** `1` keeps the ledger dir after the scan (to look at a hit); it is deleted otherwise. */
export const KEEP_EVIDENCE_ENV = 'DEW_E2E_KEEP_EVIDENCE';

/** Shorter values would match by chance in megabytes of binary store files: they are not looked for. */
export const MIN_SECRET_BYTES = 12;

/**
 * Files of a data dir (paths inside it, `/`-separated) that hold credentials by design, so a
 * secret found there is not a leak. Each is written by the runner (deploy/local/src/system.ts):
 */
export const EXCLUDED_BY_DESIGN: ReadonlyMap<string, string> = new Map([
  // The bootstrap administrator's AK/SK, written once (0600) for scripts and `dew iam` to sign
  // with (README "Scripts read $DEW_DATA_DIR/admin-credentials.json").
  ['admin-credentials.json', 'the bootstrap administrator credentials file'],
  // The generated password of every service's NATS user (0600), read by the runner to start them.
  ['nats/users.json', 'the NATS user passwords'],
  // nats-server's config: the same NATS users with their passwords, the server's only way to know them.
  ['nats/nats.conf', 'the nats-server config with the NATS user passwords'],
  // The 32-byte root key, created in the data dir when DEW_ROOT_KEY_FILE is not set (the e2e runs
  // leave it unset); it is the key, not something that leaked.
  ['root.key', 'the root key file'],
]);

export interface ScanValue {
  readonly kind: string;
  readonly bytes: Buffer;
  /** The spec file that remembered it. */
  readonly test?: string;
}

export interface Needle {
  readonly encoding: string;
  readonly bytes: Buffer;
}

export interface ScanHit {
  readonly kind: string;
  /** First 12 hex digits of SHA-256 of the value: names it without showing it. */
  readonly fingerprint: string;
  readonly test?: string;
  /** Relative to the scanned root. */
  readonly file: string;
  readonly encoding: string;
  readonly offset: number;
  readonly count: number;
}

export interface ScanResult {
  /** Distinct values looked for (at least MIN_SECRET_BYTES long). */
  readonly values: number;
  /** Distinct values too short to look for. */
  readonly tooShort: number;
  readonly needles: number;
  readonly files: number;
  readonly bytes: number;
  /** Files left out because they hold credentials by design. */
  readonly excluded: readonly string[];
  readonly hits: readonly ScanHit[];
  readonly ms: number;
}

export const fingerprint = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

/**
 * Every spelling of a value the scan looks for: the raw bytes, hex in either case, and base64 at
 * each of the three byte alignments a value can have inside a longer base64 string (only the
 * characters that depend on the value's bytes alone), in the standard and the URL alphabet.
 */
export function needlesFor(bytes: Uint8Array): Needle[] {
  const value = Buffer.from(bytes);
  const found = new Map<string, Needle>();
  const add = (encoding: string, text: string | Buffer) => {
    const b = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
    const key = b.toString('latin1');
    if (b.length > 0 && !found.has(key)) found.set(key, { encoding, bytes: b });
  };
  add('raw', value);
  add('hex', value.toString('hex'));
  add('HEX', value.toString('hex').toUpperCase());
  for (let shift = 0; shift < 3; shift++) {
    const b64 = Buffer.concat([Buffer.alloc(shift), value]).toString('base64');
    // Character i covers bits [6i, 6i+6); keep those wholly inside the value's bits.
    const stable = b64.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + value.length)) / 6));
    add(`base64+${shift}`, stable);
    add(`base64url+${shift}`, stable.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...found.values()];
}

const WINDOW = MIN_SECRET_BYTES;
const BASE = 257;
const FILTER_BITS = 22;
const POW = (() => {
  let p = 1;
  for (let i = 1; i < WINDOW; i++) p = Math.imul(p, BASE);
  return p;
})();

function windowHash(b: Uint8Array, start: number): number {
  let h = 0;
  for (let i = start; i < start + WINDOW; i++) h = (Math.imul(h, BASE) + b[i]!) >>> 0;
  return h;
}

interface IndexedNeedle extends Needle {
  readonly value: number;
}

/** Rabin–Karp over a 12-byte window: one pass per file whatever the number of needles. */
class NeedleIndex {
  readonly #table = new Map<number, IndexedNeedle[]>();
  readonly #filter = new Uint8Array(1 << FILTER_BITS);
  size = 0;

  add(needle: IndexedNeedle): void {
    if (needle.bytes.length < WINDOW) throw new RangeError(`needle shorter than ${WINDOW} bytes`);
    const h = windowHash(needle.bytes, 0);
    const list = this.#table.get(h);
    if (list) list.push(needle);
    else this.#table.set(h, [needle]);
    this.#filter[h >>> (32 - FILTER_BITS)] = 1;
    this.size++;
  }

  *search(b: Buffer): Generator<{ needle: IndexedNeedle; offset: number }> {
    if (b.length < WINDOW) return;
    const filter = this.#filter;
    const shift = 32 - FILTER_BITS;
    let h = windowHash(b, 0);
    for (let start = 0; ; start++) {
      if (filter[h >>> shift] === 1) {
        for (const needle of this.#table.get(h) ?? []) {
          const end = start + needle.bytes.length;
          if (end <= b.length && b.compare(needle.bytes, 0, needle.bytes.length, start, end) === 0) yield { needle, offset: start };
        }
      }
      const next = start + WINDOW;
      if (next >= b.length) return;
      h = (Math.imul((h - Math.imul(b[start]!, POW)) | 0, BASE) + b[next]!) >>> 0;
    }
  }
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

export interface ScanOptions {
  /** Directories (scanned recursively) and files. */
  readonly roots: readonly string[];
  readonly values: readonly ScanValue[];
  /** Paths in hits and `excluded` are given relative to this. */
  readonly base: string;
  /** True for a file (absolute path) left out. */
  readonly exclude?: (path: string) => boolean;
}

export function scanForSecrets(opts: ScanOptions): ScanResult {
  const started = Date.now();
  const distinct = new Map<string, ScanValue>();
  for (const v of opts.values) {
    const key = `${v.kind}:${v.bytes.toString('hex')}`;
    if (!distinct.has(key)) distinct.set(key, v);
  }
  const values = [...distinct.values()];
  const looked = values.filter((v) => v.bytes.length >= MIN_SECRET_BYTES);
  const index = new NeedleIndex();
  looked.forEach((v, i) => {
    for (const n of needlesFor(v.bytes)) index.add({ ...n, value: i });
  });

  const hits = new Map<string, ScanHit>();
  const excluded: string[] = [];
  let files = 0;
  let bytes = 0;
  const rel = (path: string) => relative(opts.base, path).split(sep).join('/');
  for (const root of opts.roots) {
    const paths = statSync(root).isDirectory() ? filesUnder(root) : [root];
    for (const path of paths) {
      if (opts.exclude?.(path)) {
        excluded.push(rel(path));
        continue;
      }
      const content = readFileSync(path);
      files++;
      bytes += content.length;
      for (const { needle, offset } of index.search(content)) {
        const value = looked[needle.value]!;
        const key = `${needle.value}|${path}|${needle.encoding}`;
        const seen = hits.get(key);
        if (seen) {
          hits.set(key, { ...seen, count: seen.count + 1 });
        } else {
          hits.set(key, {
            kind: value.kind,
            fingerprint: fingerprint(value.bytes),
            ...(value.test ? { test: value.test } : {}),
            file: rel(path),
            encoding: needle.encoding,
            offset,
            count: 1,
          });
        }
      }
    }
  }
  return { values: looked.length, tooShort: values.length - looked.length, needles: index.size, files, bytes, excluded, hits: [...hits.values()], ms: Date.now() - started };
}

/** One line per hit: kind, fingerprint, the test that used it, file, encoding. Never the value. */
export function describeHits(hits: readonly ScanHit[]): string {
  return hits
    .map((h) => `  ${h.kind} (sha256 ${h.fingerprint}${h.test ? `, used by ${h.test}` : ''}) in ${h.file} as ${h.encoding} at byte ${h.offset}${h.count > 1 ? ` (${h.count} times)` : ''}`)
    .join('\n');
}

export function summarise(r: ScanResult, dataDirs: number): string {
  const mb = (r.bytes / 1_048_576).toFixed(1);
  return (
    `secrets scan: ${r.values} remembered values (${r.needles} spellings; ${r.tooShort} under ${MIN_SECRET_BYTES} bytes not looked for) ` +
    `in ${r.files} files, ${r.bytes} bytes (${mb} MiB) of ${dataDirs} data dirs and runner outputs ` +
    `(${r.excluded.length} credential files left out by design) in ${r.ms} ms: ${r.hits.length === 0 ? 'none found' : `${r.hits.length} FOUND`}`
  );
}

export function readLedger(file: string): ScanValue[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const e = JSON.parse(line) as { kind: string; hex: string; test?: string };
      return { kind: e.kind, bytes: Buffer.from(e.hex, 'hex'), ...(e.test ? { test: e.test } : {}) };
    });
}

export interface EvidenceScan {
  readonly result: ScanResult;
  readonly dataDirs: number;
  readonly summary: string;
  /** Why the run fails, or null. Holds no secret value. */
  readonly failure: string | null;
}

/**
 * Scans `<ledgerDir>/evidence`: each directory there is a DewSystem data dir (its credential files
 * left out, EXCLUDED_BY_DESIGN), each file a runner output, for every value in the ledger.
 */
export function scanEvidence(ledgerDir: string): EvidenceScan {
  const evidence = join(ledgerDir, EVIDENCE_DIR);
  const roots = existsSync(evidence) ? readdirSync(evidence).map((name) => join(evidence, name)) : [];
  const dataDirs = roots.filter((p) => statSync(p).isDirectory());
  const exclude = (path: string) => {
    const inside = relative(evidence, path).split(sep).slice(1).join('/');
    return EXCLUDED_BY_DESIGN.has(inside);
  };
  const result = scanForSecrets({ roots, values: readLedger(join(ledgerDir, LEDGER_FILE)), base: evidence, exclude });
  const summary = summarise(result, dataDirs.length);
  let failure: string | null = null;
  if (result.hits.length > 0) {
    failure = `${result.hits.length} remembered secret(s) found in stored records or log lines (value shown only as a SHA-256 prefix):\n${describeHits(result.hits)}`;
  } else if (dataDirs.length > 0 && result.values === 0) {
    failure = `the suite kept ${dataDirs.length} data dirs but remembered no secret of ${MIN_SECRET_BYTES}+ bytes: a scan for nothing is not a test (use rememberSecret/marker from @dew/testing)`;
  }
  return { result, dataDirs: dataDirs.length, summary, failure };
}

/** The e2e project's globalTeardown: scan, print one summary line, delete, fail on any hit. */
export default async function e2eGlobalTeardown(): Promise<void> {
  const dir = process.env[LEDGER_DIR_ENV];
  if (!dir || !existsSync(dir)) return;
  let scan: EvidenceScan;
  try {
    scan = scanEvidence(dir);
  } finally {
    if (process.env[KEEP_EVIDENCE_ENV] !== '1') rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`\n${scan.summary}\n`);
  if (scan.failure) {
    const kept = process.env[KEEP_EVIDENCE_ENV] === '1' ? `\nThe files are kept in ${dir}.` : `\nSet ${KEEP_EVIDENCE_ENV}=1 to keep the files.`;
    throw new Error(`${scan.failure}${kept}`);
  }
}
