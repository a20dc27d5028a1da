import { Injectable } from '@nestjs/common';
import { allowListed, InvalidKmsParameter, type Operation } from '@dew/contracts';
import { requireUsableKey, type EnabledCmk, type KeyUsage, type KeyVersion } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Audit } from '@dew/nest-kit';
import { KeyAccess } from '../keys/key-access.js';
import { MaterialCache, type Material } from './material-cache.js';
import { KeyStoreKeys } from '../key-stores/key-store-keys.js';

export interface UsableKey {
  /** The project that owns the key (the caller's, or another one's through a grant). */
  readonly projectId: string;
  readonly key: EnabledCmk;
  readonly version: KeyVersion;
  readonly material: Material;
}

/**
 * The one gate every crypto call passes: the caller may use the key (IAM or, later, a grant),
 * the key exists in the caller's project and is Enabled (K4), its usage fits the operation, and
 * its material is at hand — the newest version, or the one a ciphertext names.
 */
@Injectable()
export class UsableKeys {
  constructor(
    private readonly access: KeyAccess,
    private readonly materials: MaterialCache,
    private readonly audit: Audit,
    private readonly keyStores: KeyStoreKeys,
  ) {}

  readonly #lastUsed = new Map<string, number>();

  /**
   * When this instance last used a key (deletion-risk report, K16). In memory: after a restart, or
   * on another replica, the figure starts again; the AUDIT stream holds the full history.
   */
  lastUsed(keyId: string): number | undefined {
    return this.#lastUsed.get(keyId);
  }

  /**
   * The audit record of a use of the key; the request is copied by the allow-list only. A grantee
   * using a key of another project leaves the record in both trails: its own, and the key owner's.
   * The record is traced under the row's trace name (every audited KMS row has a trace).
   */
  async recordUse(ctx: RequestContext, row: Operation, usable: UsableKey, req: object, fields: readonly string[]): Promise<void> {
    this.#lastUsed.set(usable.key.keyId, Date.now());
    const entry = {
      traceName: row.trace!.name,
      resourceType: 'cmk',
      resourceId: usable.key.keyId,
      resourceName: usable.key.alias,
      request: { ...allowListed(req, [...fields, 'sequence']), key_version: String(usable.version.version) },
      // Every crypto answer names its key; ciphertexts, plaintexts and signatures stay out of traces.
      response: { key_id: usable.key.keyId },
      enterpriseProjectId: usable.key.enterpriseProjectId,
    };
    await this.audit.record(ctx, entry);
    if (usable.projectId !== ctx.projectId) await this.audit.record({ ...ctx, projectId: usable.projectId }, entry);
  }

  async get(ctx: RequestContext, keyId: string, operation: string, usage: KeyUsage, versionNumber?: number): Promise<UsableKey> {
    const keyring = this.access.resolve(ctx, keyId, operation);
    const key = requireUsableKey(keyring, keyId);
    if (key.keyUsage !== usage) {
      throw InvalidKmsParameter(`key ${key.keyId} has usage ${key.keyUsage}; ${operation} needs a ${usage} key`);
    }
    const version = versionNumber === undefined ? key.versions[key.versions.length - 1] : key.versions.find((v) => v.version === versionNumber);
    if (!version) {
      throw InvalidKmsParameter(`key ${key.keyId} has no version ${versionNumber ?? 'at all'}; the ciphertext was not made by this key`);
    }
    const material = key.keystoreId === undefined ? await this.materials.get(key, version) : await this.keyStores.material(ctx, keyring, key, version);
    return { projectId: keyring.projectId, key, version, material };
  }
}
