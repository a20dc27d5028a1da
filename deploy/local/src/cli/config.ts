import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Caller } from '../api-client.js';
import { UsageError } from './usage-error.js';

/** One named profile of the config file. */
export interface Profile {
  readonly endpoint?: string;
  readonly project_id?: string;
  readonly domain_id?: string;
  readonly access_key?: string;
  readonly secret_key?: string;
  readonly token?: string;
}

export interface ConfigFile {
  readonly profiles: Readonly<Record<string, Profile>>;
}

type Env = Readonly<Record<string, string | undefined>>;

/** `$DEW_CONFIG_FILE`, else `$XDG_CONFIG_HOME/dew/config.json`, else `~/.config/dew/config.json`. */
export function configPath(env: Env): string {
  if (env.DEW_CONFIG_FILE) return env.DEW_CONFIG_FILE;
  const base = env.XDG_CONFIG_HOME || join(env.HOME ?? '.', '.config');
  return join(base, 'dew', 'config.json');
}

export function readConfig(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { profiles: {} };
  }
  try {
    const parsed = JSON.parse(text) as Partial<ConfigFile>;
    return { profiles: parsed.profiles ?? {} };
  } catch (err) {
    throw new UsageError(`${path} is not JSON: ${(err as Error).message}`);
  }
}

/**
 * Adds or replaces a profile. The file holds an SK, so it is never written in place: a new file is
 * created mode 0600 (exclusively, beside it in its 0700 directory) and renamed over the old one. So
 * the file is 0600 whatever mode the old one had, no reader ever sees a half-written file, and a
 * hard link to the old file elsewhere does not receive the new credentials.
 */
export function writeProfile(path: string, name: string, profile: Profile): void {
  const config = readConfig(path);
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeFileSync(fd, `${JSON.stringify({ profiles: { ...config.profiles, [name]: profile } }, null, 2)}\n`);
      // On disk before it replaces the old file: a crash must not leave an empty profile file.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    syncDirectory(dir);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** What a command calls with, once the sources are merged. */
export interface Resolved {
  readonly profile: string;
  readonly endpoint: string;
  readonly projectId?: string;
  readonly domainId?: string;
  readonly caller: Caller;
}

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;

/**
 * The settings a call uses, highest first: flags (`--endpoint`, `--profile`), environment
 * (DEW_ENDPOINT, DEW_PROJECT_ID, DEW_DOMAIN_ID, DEW_ACCESS_KEY + DEW_SECRET_KEY or DEW_TOKEN,
 * DEW_PROFILE), then the profile in the file. Credentials come whole from one source: any of them
 * in the environment replaces the profile's.
 */
export function resolveSettings(config: ConfigFile, env: Env, flags: { readonly profile?: string; readonly endpoint?: string }): Resolved {
  const name = flags.profile ?? env.DEW_PROFILE ?? 'default';
  const file = config.profiles[name];
  if (!file && (flags.profile !== undefined || env.DEW_PROFILE !== undefined)) {
    throw new UsageError(`no profile "${name}" in the config file (profiles: ${Object.keys(config.profiles).join(', ') || 'none'}; write one with dew configure --profile ${name})`);
  }
  const fromEnv = defined({ access_key: env.DEW_ACCESS_KEY, secret_key: env.DEW_SECRET_KEY, token: env.DEW_TOKEN });
  const creds = Object.keys(fromEnv).length > 0 ? fromEnv : { access_key: file?.access_key, secret_key: file?.secret_key, token: file?.token };
  const endpoint = flags.endpoint ?? (env.DEW_ENDPOINT || undefined) ?? file?.endpoint;
  if (!endpoint) throw new UsageError('no endpoint: run dew configure, or set DEW_ENDPOINT');
  let caller: Caller;
  if (creds.access_key && creds.secret_key) caller = { access: creds.access_key, secret: creds.secret_key };
  else if (creds.token) caller = { token: creds.token };
  else throw new UsageError('no credentials: run dew configure, or set DEW_ACCESS_KEY and DEW_SECRET_KEY (or DEW_TOKEN)');
  const projectId = (env.DEW_PROJECT_ID || undefined) ?? file?.project_id;
  const domainId = (env.DEW_DOMAIN_ID || undefined) ?? file?.domain_id;
  return { profile: name, endpoint, ...(projectId ? { projectId } : {}), ...(domainId ? { domainId } : {}), caller };
}

/** The rename itself on disk (best effort: not every file system lets a directory be opened for it). */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // a file system without directory fsync
  }
}
