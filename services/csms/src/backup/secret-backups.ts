import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RestoreTargetExists, RestoredSecretMissing, base64Field, csmsOperations, decodeJsonBody } from '@dew/contracts';
import { findSecretByName, holdsOrHeld, type Secret } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { Audit, Clock, auditTraceOf } from '@dew/nest-kit';
import { CREATE_DATA_KEY, DECRYPT_DATA_KEY, Envelope, type DependentAction, type PortableValue } from '../envelope/envelope.js';
import { SecretSets } from '../secrets/secret-sets.js';
import { BACKUP_FORMAT, checkBackupShape, type BackupBlob } from './backup-shape.js';
import { openBackup, readBackup, sealBackup } from './backup-blob.js';

const BACKUP_TRACE = auditTraceOf(csmsOperations.backupSecret);

/**
 * Backup and restore: the blob holds every version and stage with values still
 * encrypted by their data keys, and the whole is sealed under a data key of the secret's KMS key
 * (docs/backup-format.md) — so it is opaque, restores in any deployment that holds that key, and
 * is useless anywhere else.
 */
@Injectable()
export class SecretBackups {
  constructor(
    private readonly sets: SecretSets,
    private readonly envelope: Envelope,
    private readonly audit: Audit,
    private readonly clock: Clock,
  ) {}

  /** The sealed blob of a secret, in base64; reading it is audited like reading a value. */
  async backup(ctx: RequestContext, secretName: string): Promise<string> {
    const secret = this.sets.usable(ctx, secretName);
    // A backup plus decrypt-datakey on its keys reads every value (docs/authorization.md); versions
    // written before a change of kms_key_id stay under the key they were written with.
    await this.#requireOnEveryKey(ctx, DECRYPT_DATA_KEY, [secret.kmsKeyId, ...secret.versions.map((v) => v.value.kmsKeyId)]);
    const versions = await Promise.all(secret.versions.map(async (v) => ({ ...v, value: await this.envelope.portable(secret.id, v.value) })));
    await this.#openOnePerKey(ctx, versions.map((v) => v.value));
    const blob: BackupBlob = { format: BACKUP_FORMAT, id: secret.id, name: secret.name, description: secret.description, kmsKeyId: secret.kmsKeyId, secretType: secret.secretType, versions, stages: secret.stages, tags: secret.tags };
    const { dataKey, wrapped } = await this.envelope.backupDataKey(ctx, secret.kmsKeyId);
    try {
      const sealed = sealBackup(secret.kmsKeyId, wrapped, dataKey, Buffer.from(JSON.stringify(blob), 'utf8'));
      await this.audit.record(ctx, { traceName: BACKUP_TRACE.name, resourceType: BACKUP_TRACE.resourceType, resourceId: secret.id, resourceName: secret.name, request: { secret_name: secret.name } });
      return sealed.toString('base64');
    } finally {
      dataKey.fill(0);
    }
  }

  async restore(ctx: RequestContext, secretBlob: string): Promise<Secret> {
    const blob = await this.#open(ctx, secretBlob);
    if (findSecretByName(this.sets.of(ctx.projectId), blob.name)) throw RestoreTargetExists(blob.name);
    await this.#requireOnEveryKey(ctx, CREATE_DATA_KEY, [blob.kmsKeyId, ...blob.versions.map((v) => v.value.kmsKeyId)]);
    const current = blob.versions.find((v) => v.id === blob.stages.SYSCURRENT) ?? blob.versions[blob.versions.length - 1];
    // Proves this deployment holds the KMS key before anything is written (CSMS.1004 otherwise).
    if (current) (await this.envelope.openPortable(ctx, blob.name, current.value)).fill(0);
    const secretId = this.#restoredId(ctx, blob.id);
    // A fresh keyring entry for this incarnation: no entry is ever written twice under one id.
    const owner = randomUUID();
    await this.envelope.createEntry(owner);
    try {
      const versions = await Promise.all(blob.versions.map(async (v) => ({ ...v, value: await this.envelope.sealPortable(owner, v.value) })));
      const { state } = await this.sets.execute(ctx, {
        type: 'RestoreSecret', secretId, name: blob.name, description: blob.description, kmsKeyId: blob.kmsKeyId, secretType: blob.secretType,
        versions, stages: blob.stages, tags: blob.tags, now: this.clock.now(),
      });
      const restored = findSecretByName(state, blob.name);
      if (!restored) throw RestoredSecretMissing();
      return restored;
    } catch (err) {
      await this.envelope.eraseEntry(owner);
      throw err;
    }
  }

  /** The blob opened with decrypt-datakey as the caller: the proof that this deployment holds its KMS key. */
  async #open(ctx: RequestContext, text: string): Promise<BackupBlob> {
    const sealed = readBackup(base64Field('secret_blob', text, 'CSMS.0002'));
    const dataKey = await this.envelope.openDataKey(ctx, sealed.kmsKeyId, sealed.wrappedKey);
    try {
      return parse(openBackup(sealed, dataKey));
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * The blob's id unless another project of this deployment holds or held it, then a new id: a
   * blob proves only that its maker could use some KMS key, so it never claims another project's
   * id. In the caller's own project a live holder is refused by the domain (CSMS.1002).
   */
  #restoredId(ctx: RequestContext, blobId: string): string {
    for (const set of this.sets.all()) if (set.projectId !== ctx.projectId && holdsOrHeld(set, blobId)) return randomUUID();
    return blobId;
  }

  /** KMS's full decision on each key (its key policy too): one data key under it opened as the caller, then wiped. */
  async #openOnePerKey(ctx: RequestContext, values: readonly PortableValue[]): Promise<void> {
    for (const p of new Map(values.map((v) => [v.kmsKeyId, v])).values()) (await this.envelope.openDataKey(ctx, p.kmsKeyId, p.dataKey)).fill(0);
  }

  async #requireOnEveryKey(ctx: RequestContext, action: DependentAction, kmsKeyIds: readonly string[]): Promise<void> {
    for (const kmsKeyId of new Set(kmsKeyIds)) await this.envelope.requireAllowed(ctx, action, kmsKeyId);
  }
}

/** A blob is caller input like any body: canonical base64, and its sealed JSON within the body limits (docs/input-limits.md). */
function parse(json: Buffer): BackupBlob {
  return checkBackupShape(decodeJsonBody(json, 'CSMS.0002', 'secret_blob'));
}
