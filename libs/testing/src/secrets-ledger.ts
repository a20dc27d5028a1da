import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

// Kept free of relative imports: jest loads this file as the e2e project's globalSetup with a
// plain `require`, which cannot resolve `./x.js` to a `.ts` source. secrets-scan.ts (the
// globalTeardown) repeats the three names below; secrets-scan.unit.spec.ts checks they agree.

/** The suite-wide directory: the ledger of secrets the suite used, and every DewSystem's data dir. */
export const LEDGER_DIR_ENV = 'DEW_E2E_LEDGER_DIR';
/** One JSON object a line: {"kind","hex","test"}; the value in hex so bytes survive. */
export const LEDGER_FILE = 'secrets.jsonl';
/** Data dirs (and the runner output beside each) that the teardown scans, then deletes. */
export const EVIDENCE_DIR = 'evidence';

export type SecretKind =
  | 'plaintext'
  | 'aad'
  | 'data-key'
  | 'secret-value'
  | 'password'
  | 'private-key'
  | 'key-material'
  | 'wrapping-key'
  | 'secret-key'
  | 'random-data';

export interface LedgerEntry {
  readonly kind: SecretKind;
  /** The value's bytes in hex. */
  readonly hex: string;
  /** The spec file that used it (where known). */
  readonly test?: string;
}

let fallbackDir: string | undefined;

/**
 * The ledger directory. Set by the e2e project's globalSetup; a run without it (another config,
 * a script) still works, with a private dir under the OS temp dir that nothing scans and that is
 * removed when the process exits.
 */
export function ledgerDir(): string {
  const dir = process.env[LEDGER_DIR_ENV];
  if (dir) return dir;
  if (!fallbackDir) {
    const dirCreated = mkdtempSync(join(tmpdir(), 'dew-e2e-ledger-unscanned-'));
    fallbackDir = dirCreated;
    process.once('exit', () => rmSync(dirCreated, { recursive: true, force: true }));
  }
  return fallbackDir;
}

/** True when a globalTeardown will scan what the suite leaves: then DewSystem keeps its data dir. */
export function scanAfterSuite(): boolean {
  return Boolean(process.env[LEDGER_DIR_ENV]);
}

/** Where DewSystem puts data dirs that the teardown scans. */
export function evidenceDir(): string {
  const dir = join(ledgerDir(), EVIDENCE_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

function currentTest(): string | undefined {
  try {
    const path = typeof expect === 'undefined' ? undefined : expect.getState().testPath;
    return path ? basename(path) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Notes a secret the suite handed to (or got from) the system, so the scan after the whole suite
 * can check that no stored record or log line holds it. Strings are taken as UTF-8; a value that
 * is bytes (a data key, key material) should be passed as bytes, so that its hex and base64
 * spellings are looked for too. Returns the value.
 */
export function rememberSecret<T extends string | Uint8Array>(kind: SecretKind, value: T): T {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  const test = currentTest();
  const entry: LedgerEntry = { kind, hex: bytes.toString('hex'), ...(test ? { test } : {}) };
  const dir = ledgerDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  appendFileSync(join(dir, LEDGER_FILE), `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  return value;
}

const TAG: Readonly<Record<SecretKind, string>> = {
  plaintext: 'PT',
  aad: 'AAD',
  'data-key': 'DK',
  'secret-value': 'SV',
  password: 'PW',
  'private-key': 'PK',
  'key-material': 'KM',
  'wrapping-key': 'WK',
  'secret-key': 'SK',
  'random-data': 'RD',
};

/**
 * A recognisable secret, remembered: `DEW-SECRET-<TAG>-<14 hex>-a1` (31–32 bytes: far above the
 * scan's 12-byte floor, within IAM's 32-character password limit; upper and lower case, digits
 * and a dash, so it passes the password rules too).
 */
export function marker(kind: SecretKind): string {
  return rememberSecret(kind, `DEW-SECRET-${TAG[kind]}-${randomBytes(7).toString('hex')}-a1`);
}

/**
 * The e2e project's globalSetup: a fresh ledger directory for the whole run (or the one given in
 * DEW_E2E_LEDGER_DIR), exported to the test files through the environment. The globalTeardown
 * (secrets-scan.ts) deletes it after the scan unless DEW_E2E_KEEP_EVIDENCE=1.
 */
export default async function e2eGlobalSetup(): Promise<void> {
  const given = process.env[LEDGER_DIR_ENV];
  const dir = given ?? mkdtempSync(join(tmpdir(), 'dew-e2e-ledger-'));
  mkdirSync(join(dir, EVIDENCE_DIR), { recursive: true, mode: 0o700 });
  process.env[LEDGER_DIR_ENV] = dir;
}
