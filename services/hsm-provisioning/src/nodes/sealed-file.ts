import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RootKeyProvider } from '@dew/crypto';

/**
 * A JSON value kept sealed under the root key in its own file (0600, in a 0700 directory), bound to
 * `aad`: made by `create` on first use, opened on every later one. Nothing in it is ever in clear on disk.
 */
export async function loadOrCreateSealed<T>(root: RootKeyProvider, file: string, aad: string, create: () => T): Promise<T> {
  if (existsSync(file)) return JSON.parse((await root.unwrap(readFileSync(file), aad)).toString('utf8')) as T;
  const value = create();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, await root.wrap(Buffer.from(JSON.stringify(value)), aad), { mode: 0o600 });
  return value;
}
