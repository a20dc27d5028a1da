import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ledger from './secrets-ledger.js';
import {
  EVIDENCE_DIR,
  EXCLUDED_BY_DESIGN,
  LEDGER_DIR_ENV,
  LEDGER_FILE,
  MIN_SECRET_BYTES,
  describeHits,
  fingerprint,
  needlesFor,
  scanEvidence,
  scanForSecrets,
} from './secrets-scan.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'secrets-scan-unit-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** `count` random bytes that contain none of `avoid` by accident. */
const filler = (count: number) => randomBytes(count);

function plant(name: string, ...parts: (string | Buffer)[]): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p))));
  return path;
}

const scan = (values: { kind: string; bytes: Buffer }[], exclude?: (p: string) => boolean) =>
  scanForSecrets({ roots: [dir], values, base: dir, ...(exclude ? { exclude } : {}) });

describe('secrets scan', () => {
  it('the ledger and the scanner agree on the names of the env var, the ledger file and the evidence dir', () => {
    expect([ledger.LEDGER_DIR_ENV, ledger.LEDGER_FILE, ledger.EVIDENCE_DIR]).toEqual([LEDGER_DIR_ENV, LEDGER_FILE, EVIDENCE_DIR]);
  });

  it('finds a value raw, as hex in either case, and base64-embedded at every byte alignment (both alphabets)', () => {
    const value = randomBytes(40);
    const files: Record<string, string> = {};
    files['raw.bin'] = plant('raw.bin', filler(1000), value, filler(1000));
    files['lower.log'] = plant('lower.log', 'line {"x":"', value.toString('hex'), '"}\n');
    files['upper.log'] = plant('upper.log', 'DATA=', value.toString('hex').toUpperCase(), '\n');
    for (let shift = 0; shift < 3; shift++) {
      // The value inside a longer base64 string: other bytes before and after it in the same encoding.
      const wrapped = Buffer.concat([randomBytes(30 + shift), value, randomBytes(17)]);
      files[`b64-${shift}`] = plant(`deep/b64-${shift}.json`, '{"blob":"', wrapped.toString('base64'), '"}');
      files[`b64url-${shift}`] = plant(`deep/url-${shift}.txt`, wrapped.toString('base64url'));
    }
    const r = scan([{ kind: 'data-key', bytes: value }]);
    const found = new Map(r.hits.map((h) => [h.file, h.encoding]));
    expect(found.get('raw.bin')).toBe('raw');
    expect(found.get('lower.log')).toBe('hex');
    expect(found.get('upper.log')).toBe('HEX');
    for (let shift = 0; shift < 3; shift++) {
      // 30 + shift random bytes before the value: it starts at byte offset shift (mod 3).
      expect(found.get(`deep/b64-${shift}.json`)).toBe(`base64+${shift}`);
      expect(found.get(`deep/url-${shift}.txt`)).toMatch(new RegExp(`^base64(url)?\\+${shift}$`));
    }
    expect(r.hits).toHaveLength(9);
    expect(r.files).toBe(9);
    expect(r.values).toBe(1);
  });

  it('a value of exactly 12 bytes is found at every alignment; shorter ones are counted but not looked for', () => {
    const value = Buffer.from('0123456789AB');
    expect(value.length).toBe(MIN_SECRET_BYTES);
    for (let shift = 0; shift < 3; shift++) plant(`s${shift}`, Buffer.concat([randomBytes(3 + shift), value, randomBytes(4)]).toString('base64'));
    plant('short', 'tiny-secret');
    const r = scan([{ kind: 'plaintext', bytes: value }, { kind: 'plaintext', bytes: Buffer.from('tiny-secret') }]);
    expect(r.hits.map((h) => h.encoding).sort()).toEqual(['base64+0', 'base64+1', 'base64+2']);
    expect(r.tooShort).toBe(1);
    expect(needlesFor(value).every((n) => n.bytes.length >= MIN_SECRET_BYTES)).toBe(true);
  });

  it('clean files give no hit; a near miss (one bit changed in the middle) is not a hit', () => {
    const value = randomBytes(32);
    const near = Buffer.from(value);
    near[15]! ^= 1;
    plant('a.bin', filler(100_000), near, filler(100));
    plant('b.log', near.toString('hex'), near.toString('base64'));
    const r = scan([{ kind: 'private-key', bytes: value }]);
    expect(r.hits).toEqual([]);
    expect(r.bytes).toBeGreaterThan(100_000);
  });

  it('counts repeated occurrences once per file and encoding', () => {
    const value = Buffer.from('DEW-SECRET-PT-00112233445566-a1');
    plant('x.log', value, ' and again ', value, ' and ', value);
    const [hit] = scan([{ kind: 'plaintext', bytes: value }]).hits;
    expect(hit).toMatchObject({ file: 'x.log', encoding: 'raw', count: 3, offset: 0 });
  });

  it('evidence: credential files of a data dir are skipped; the same value elsewhere is found; the report never holds the value', () => {
    const secret = `DEW-SECRET-SK-${randomBytes(7).toString('hex')}-a1`;
    const ledgerDir = join(dir, 'ledger');
    const dataDir = join(ledgerDir, EVIDENCE_DIR, 'dew-e2e-abc');
    const write = (rel: string, content: string) => {
      mkdirSync(join(dataDir, rel, '..'), { recursive: true });
      writeFileSync(join(dataDir, rel), content);
    };
    for (const rel of EXCLUDED_BY_DESIGN.keys()) write(rel, `{"secret":"${secret}"}`);
    write('nats/store/jetstream/$G/streams/AUDIT/msgs/1.blk', 'nothing here');
    write('logs/kms.log', `{"msg":"${Buffer.from(secret).toString('base64')}"}`);
    writeFileSync(`${dataDir}.runner-output.log`, `key ${secret}\n`);
    writeFileSync(join(ledgerDir, LEDGER_FILE), `${JSON.stringify({ kind: 'secret-key', hex: Buffer.from(secret).toString('hex'), test: 'iam.e2e.spec.ts' })}\n`);

    const scanned = scanEvidence(ledgerDir);
    expect([...scanned.result.excluded].sort()).toEqual([...EXCLUDED_BY_DESIGN.keys()].map((rel) => `dew-e2e-abc/${rel}`).sort());
    expect(scanned.result.hits.map((h) => `${h.file} ${h.encoding}`).sort()).toEqual(['dew-e2e-abc.runner-output.log raw', 'dew-e2e-abc/logs/kms.log base64+0']);
    expect(scanned.failure).toContain('secret-key');
    expect(scanned.failure).toContain('dew-e2e-abc/logs/kms.log as base64+0');
    expect(scanned.failure).toContain(fingerprint(Buffer.from(secret)));
    expect(scanned.failure).toContain('iam.e2e.spec.ts');
    for (const text of [scanned.failure!, scanned.summary, describeHits(scanned.result.hits)]) {
      for (const n of needlesFor(Buffer.from(secret))) expect(text).not.toContain(n.bytes.toString('latin1'));
    }
    expect(scanned.summary).toMatch(/1 remembered values .* in 3 files, \d+ bytes .* 1 data dirs .*4 credential files left out by design\) in \d+ ms: 2 FOUND/);
  });

  it('evidence: kept data dirs but an empty ledger fail (a scan of nothing is not a test); no data dir and no ledger pass', () => {
    const ledgerDir = join(dir, 'ledger');
    mkdirSync(join(ledgerDir, EVIDENCE_DIR), { recursive: true });
    expect(scanEvidence(ledgerDir).failure).toBeNull();
    mkdirSync(join(ledgerDir, EVIDENCE_DIR, 'dew-e2e-x', 'logs'), { recursive: true });
    writeFileSync(join(ledgerDir, EVIDENCE_DIR, 'dew-e2e-x', 'logs', 'iam.log'), 'quiet');
    expect(scanEvidence(ledgerDir).failure).toMatch(/remembered no secret/);
  });

  it('rememberSecret and marker append to the ledger that scanEvidence reads', () => {
    const before = process.env[LEDGER_DIR_ENV];
    process.env[LEDGER_DIR_ENV] = dir;
    try {
      const m = ledger.marker('password');
      expect(m).toMatch(/^DEW-SECRET-PW-[0-9a-f]{14}-a1$/);
      expect(m.length).toBeLessThanOrEqual(32);
      ledger.rememberSecret('data-key', Buffer.from('00112233445566778899aabbccddeeff', 'hex'));
      const lines = readFileSync(join(dir, LEDGER_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; hex: string; test?: string });
      expect(lines).toEqual([
        { kind: 'password', hex: Buffer.from(m).toString('hex'), test: 'secrets-scan.unit.spec.ts' },
        { kind: 'data-key', hex: '00112233445566778899aabbccddeeff', test: 'secrets-scan.unit.spec.ts' },
      ]);
    } finally {
      if (before === undefined) delete process.env[LEDGER_DIR_ENV];
      else process.env[LEDGER_DIR_ENV] = before;
    }
  });
});
