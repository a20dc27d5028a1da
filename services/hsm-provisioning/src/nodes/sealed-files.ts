import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { RootKeyProvider } from '@dew/crypto';
import { ROOT_KEY } from '@dew/nest-kit';
import { HsmProvisioningConfig } from '../provisioning-config.js';

/**
 * Secrets the service keeps on disk under `<dataDir>/hsm` (docs/hsm.md, "Sealed files"): each
 * sealed under the root key with its path as associated data, so a file moved elsewhere does not
 * open; directories 0700, files 0600. Paths are built from ids the service chose (instance ids
 * from state, fingerprints), never from a request field.
 */
@Injectable()
export class SealedFiles {
  constructor(private readonly config: HsmProvisioningConfig, @Inject(ROOT_KEY) private readonly root: RootKeyProvider) {}

  /** `<dataDir>/hsm/<instance>`: the instance's nodes' tokens and its sealed PINs. */
  instanceDir(instanceId: string): string {
    return this.#path(instanceId);
  }

  async read(...path: readonly string[]): Promise<Buffer | undefined> {
    const file = this.#file(path);
    return existsSync(file) ? this.root.unwrap(readFileSync(file), this.#aad(path)) : undefined;
  }

  async write(path: readonly string[], secret: Buffer): Promise<void> {
    const file = this.#file(path);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, await this.root.wrap(secret, this.#aad(path)), { mode: 0o600 });
  }

  remove(...path: readonly string[]): void {
    rmSync(this.#file(path), { force: true });
  }

  /**
   * Removes an instance's directory, tokens included, once the instance is deleted: the tokens do
   * not open without the sealed PINs, so this destroys the last usable copy (crypto-shredding).
   */
  shredInstance(instanceId: string): void {
    rmSync(this.instanceDir(instanceId), { recursive: true, force: true });
  }

  #path(...parts: readonly string[]): string {
    return join(this.config.dataDir, 'hsm', ...parts);
  }

  #file(path: readonly string[]): string {
    return `${this.#path(...path)}.sealed`;
  }

  #aad(path: readonly string[]): string {
    return `hsm:${path.join('/')}`;
  }
}
