import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StaticRootKey } from './root-key.js';
import { Pkcs11RootKey, versionLabelsIn, type Pkcs11RootKeySettings } from './root-key-pkcs11.js';
import type { RootKeyVersion, RootKeyVersionStore } from './root-key-versions.js';

/** Version 1 is `root.key` itself, N ≥ 2 `root.key.v<N>` beside it, each 32 bytes, mode 0600. */
export class FileRootKeyVersions implements RootKeyVersionStore {
  readonly provider = 'file';
  constructor(private readonly path: string) {}

  describe(version: number): string {
    return `file:${this.#file(version)}`;
  }

  versions(): number[] {
    const dir = dirname(this.path);
    const names = existsSync(dir) ? readdirSync(dir) : [];
    const others = versionLabelsIn(names, basename(this.path));
    return [...(existsSync(this.path) ? [1] : []), ...others].sort((a, b) => a - b);
  }

  exists(version: number): boolean {
    return existsSync(this.#file(version));
  }

  open(version: number): RootKeyVersion | null {
    const file = this.#file(version);
    if (!existsSync(file)) return null;
    if (statSync(file).mode & 0o077) chmodSync(file, 0o600);
    const key = readFileSync(file);
    if (key.length !== 32) throw new Error(`root key file ${file} must hold 32 bytes, holds ${key.length}`);
    return new StaticRootKey(key, this.describe(version));
  }

  create(version: number): RootKeyVersion {
    const file = this.#file(version);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return new StaticRootKey(key, this.describe(version));
  }

  /** Overwrites the file with zeros (synced), then unlinks it. */
  destroy(version: number): boolean {
    const file = this.#file(version);
    // Two holders may retire the same version at once: the one that finds the file gone has nothing to do.
    const gone = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';
    let fd: number;
    try {
      fd = openSync(file, 'r+');
    } catch (err) {
      if (gone(err)) return false;
      throw err;
    }
    try {
      writeSync(fd, Buffer.alloc(statSync(file).size), 0, undefined, 0);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      unlinkSync(file);
    } catch (err) {
      if (!gone(err)) throw err;
    }
    return true;
  }

  close(): void {
    // nothing held beyond the keys' bytes, zeroed by VersionedRootKey
  }

  #file(version: number): string {
    return version === 1 ? this.path : join(dirname(this.path), `${basename(this.path)}.v${version}`);
  }
}

/** Version 1 is the key labelled DEW_PKCS11_KEY_LABEL, N ≥ 2 `<label>.v<N>`, all in one token and session. */
export class Pkcs11RootKeyVersions implements RootKeyVersionStore {
  readonly provider = 'pkcs11';
  private constructor(private readonly session: Pkcs11RootKey, private readonly label: string) {}

  /** Logs into the token; `create` makes version 1 when the token holds no version at all. */
  static open(s: Pkcs11RootKeySettings, create: boolean): Pkcs11RootKeyVersions {
    return new Pkcs11RootKeyVersions(Pkcs11RootKey.open(s, create), s.keyLabel);
  }

  /** True when opening generated version 1 in the token. */
  get created(): boolean {
    return this.session.created;
  }

  describe(version: number): string {
    return this.session.description.replace(/\/key=.*$/, `/key=${this.#label(version)}`);
  }

  versions(): number[] {
    return [...(this.exists(1) ? [1] : []), ...this.session.versionsOf(this.label)].sort((a, b) => a - b);
  }

  exists(version: number): boolean {
    const key = this.session.sibling(this.#label(version), false);
    key?.close();
    return key !== null;
  }

  open(version: number): RootKeyVersion | null {
    return this.#version(this.session.sibling(this.#label(version), false));
  }

  create(version: number): RootKeyVersion {
    if (this.exists(version)) throw new Error(`${this.describe(version)} exists already`);
    return this.#version(this.session.sibling(this.#label(version), true)) as RootKeyVersion;
  }

  /** C_DestroyObject on the version's key object. */
  destroy(version: number): boolean {
    const key = this.session.sibling(this.#label(version), false);
    if (!key) return false;
    key.destroyKey();
    return true;
  }

  close(): void {
    this.session.close();
  }

  #label(version: number): string {
    return version === 1 ? this.label : `${this.label}.v${version}`;
  }

  #version(key: Pkcs11RootKey | null): RootKeyVersion | null {
    return key && Object.assign(key, { dispose: () => key.close() });
  }
}
