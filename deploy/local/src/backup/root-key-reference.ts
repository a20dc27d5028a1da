import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { OpenedRootKey, RootKeySettings } from '@dew/crypto';
import type { RootKeyRing } from '@dew/root-key-domain';
import { liveVersions } from '@dew/root-key-domain';
import { sha256Of, type BackupFile } from './backup-file.js';
import { copyPrivateFile } from './data-dir-files.js';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Which root key the backed-up data is wrapped with — never the key (docs/backup.md, "The root
 * key"): the provider and where it lives, the ring's versions, and a canary per key version held
 * (random bytes wrapped by that version, with their SHA-256) by which a restore proves the key it
 * finds is the same key. A canary is as safe to keep as any keyring entry: both are wrapped blobs.
 */
export interface RootKeyReference {
  readonly provider: RootKeySettings['provider'];
  /** file: the path of version 1 (`<file>.v<N>` beside it for version N). */
  readonly file?: string;
  /** pkcs11: the module, the token (label or slot) and the key's label; never the PIN. */
  readonly module?: string;
  readonly tokenLabel?: string;
  readonly slot?: number;
  readonly keyLabel?: string;
  /** The ring's current and live versions at the backup (absent: no ROOT_KEY stream yet). */
  readonly ringCurrent?: number;
  readonly liveVersions?: readonly number[];
  /** Empty when the backup could not open the key (a host without it); the restore then cannot check it. */
  readonly canaries: readonly Canary[];
  /** `--include-root-key` only (file provider): the key files themselves. SECRET. */
  readonly includedFiles?: readonly IncludedKeyFile[];
}

export interface Canary {
  /** null for the env provider (one key, no versions). */
  readonly version: number | null;
  readonly wrapped: string;
  readonly plaintextSha256: string;
}

export interface IncludedKeyFile extends BackupFile {
  /** The key file's name beside the configured root key file (`root.key`, `root.key.v2`). */
  readonly name: string;
}

const CANARY_AAD = 'dew-backup-canary';

/** Where the configured key lives, with nothing secret (no PIN, no DEW_ROOT_KEY bytes). */
function whereKeyLives(s: RootKeySettings): Omit<RootKeyReference, 'canaries'> {
  switch (s.provider) {
    case 'file':
      return { provider: 'file', file: s.file };
    case 'env':
      return { provider: 'env' };
    case 'pkcs11':
      return { provider: 'pkcs11', module: s.module, keyLabel: s.keyLabel, ...(s.tokenLabel !== undefined ? { tokenLabel: s.tokenLabel } : { slot: s.slot ?? 0 }) };
  }
}

async function canary(wrap: (plain: Uint8Array) => Promise<Buffer>, version: number | null): Promise<Canary> {
  const plain = randomBytes(32);
  return { version, wrapped: (await wrap(plain)).toString('base64'), plaintextSha256: sha256Of(plain) };
}

export async function rootKeyReference(s: RootKeySettings, key: OpenedRootKey | undefined, ring: RootKeyRing | undefined): Promise<RootKeyReference> {
  const canaries: Canary[] = [];
  if (key?.versioned) {
    const versioned = key.versioned;
    for (const v of versioned.versions()) canaries.push(await canary((p) => versioned.wrapAs(v, p, CANARY_AAD), v));
  } else if (key) {
    canaries.push(await canary((p) => key.provider.wrap(p, CANARY_AAD), null));
  }
  return { ...whereKeyLives(s), ...(ring ? { ringCurrent: ring.current, liveVersions: liveVersions(ring) } : {}), canaries };
}

/** The file provider's key files (`root.key`, `root.key.v<N>`), copied into `<dir>/root-key/`. */
export async function includeRootKeyFiles(s: RootKeySettings, key: OpenedRootKey, dir: string): Promise<IncludedKeyFile[]> {
  if (s.provider !== 'file' || !key.versioned) {
    throw new Error(`--include-root-key copies the file provider's key files; the ${s.provider} provider's key ${s.provider === 'pkcs11' ? 'stays in its token (back the token up with its own tools)' : 'is the DEW_ROOT_KEY Secret (back that Secret up)'}`);
  }
  mkdirSync(join(dir, 'root-key'), { recursive: true, mode: 0o700 });
  return key.versioned.versions().map((v) => {
    const name = v === 1 ? basename(s.file) : `${basename(s.file)}.v${v}`;
    const path = `root-key/${name}`;
    copyFileSync(join(dirname(s.file), name), join(dir, path));
    const bytes = readFileSync(join(dir, path));
    return { name, path, bytes: bytes.length, sha256: sha256Of(bytes) };
  });
}

/**
 * Puts the backup's key files where the configured file provider looks for them, when absent;
 * refuses one that exists with other bytes. Returns the files written.
 */
export function placeIncludedKeyFiles(ref: RootKeyReference, s: RootKeySettings, backupDir: string): string[] {
  if (!ref.includedFiles?.length) return [];
  if (s.provider !== 'file') throw new Error(`the backup holds file root keys, but DEW_ROOT_KEY_PROVIDER is ${s.provider}`);
  // Key files are placed only to be proved by the canaries right after: a backup without them could place anything.
  if (ref.canaries.length === 0) throw new Error('the backup holds root key files but no canary to prove them: not restored');
  const base = basename(s.file);
  const written: string[] = [];
  try {
    for (const f of ref.includedFiles) {
      if (f.name !== base && !new RegExp(`^${escapeRegExp(base)}\\.v[1-9]\\d*$`).test(f.name)) {
        throw new Error(`the backup's root key file ${JSON.stringify(f.name)} is not ${base} or ${base}.v<N>: not restored`);
      }
      const target = join(dirname(s.file), f.name);
      if (existsSync(target)) {
        if (sha256Of(readFileSync(target)) !== f.sha256) throw new Error(`${target} exists and is not the backup's ${f.name}; move it away or restore without it`);
        continue;
      }
      copyPrivateFile(join(backupDir, f.path), target);
      written.push(target);
    }
  } catch (err) {
    for (const file of written) rmSync(file, { force: true });
    throw err;
  }
  return written;
}

/** Proves the configured key is the backup's: every canary unwraps to its digest. Throws what differs. */
export async function checkRootKey(ref: RootKeyReference, s: RootKeySettings, open: () => OpenedRootKey): Promise<void> {
  if (ref.provider !== s.provider) throw new Error(`the backup's data is wrapped by the ${ref.provider} root key provider, but DEW_ROOT_KEY_PROVIDER is ${s.provider}; configure the backup's root key (${describeReference(ref)})`);
  if (ref.canaries.length === 0) return;
  let key: OpenedRootKey;
  try {
    key = open();
  } catch (err) {
    throw new Error(`cannot open the root key (${describeReference(ref)}): ${(err as Error).message}`);
  }
  try {
    for (const c of ref.canaries) {
      const plain = await key.provider.unwrap(Buffer.from(c.wrapped, 'base64'), CANARY_AAD).catch((err: unknown) => {
        throw new Error(`the configured root key cannot unwrap the backup's canary of version ${c.version ?? 1} (${(err as Error).message}): it is not the backup's key (${describeReference(ref)})`);
      });
      if (sha256Of(plain) !== c.plaintextSha256) throw new Error(`the configured root key is not the backup's (version ${c.version ?? 1})`);
    }
  } finally {
    key.close();
  }
}

export function describeReference(ref: RootKeyReference): string {
  switch (ref.provider) {
    case 'file':
      return `file ${ref.file ?? '?'}`;
    case 'env':
      return 'DEW_ROOT_KEY (env)';
    case 'pkcs11':
      return `pkcs11 module ${ref.module ?? '?'}, token ${ref.tokenLabel ?? `slot ${ref.slot ?? '?'}`}, key label ${ref.keyLabel ?? '?'}`;
  }
}
