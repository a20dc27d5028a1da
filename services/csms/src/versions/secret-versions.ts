import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { csmsOperations, type SecretVersionRequest, allowListed } from '@dew/contracts';
import { keyringOwnerOf, resolveVersion, type AddSecretVersion, type EncryptedValue, type Secret, type Version } from '@dew/csms-domain';
import { subjects, type RequestContext } from '@dew/messaging';
import { cacheTime } from '@dew/crypto';
import { Audit, Clock, auditTraceOf } from '@dew/nest-kit';
import { Envelope } from '../envelope/envelope.js';
import { SecretSets, type NamedSecretCommand } from '../secrets/secret-sets.js';
import { OpenedValues } from './opened-values.js';
import { decodeSecretValue, encodeSecretValue, type SecretValueFields } from './secret-value.js';

/** What the caller decides about a new version; the service adds the sealed value and time. */
export type NewVersion = Omit<AddSecretVersion, 'type' | 'value' | 'now'>;

const READ_TRACE = auditTraceOf(csmsOperations.showSecretVersion);

/** docs/authorization.md, "Values opened for a moment": a hot value is opened through KMS once a second per reader. */
const OPENED_VALUE_LIMITS = { maxEntries: 256, maxBytes: 4 * 1024 * 1024, lifetimeMs: 1000 };

/**
 * Secret values in and out: a new version is sealed through KMS under the secret's keyring entry
 * before its event is written; reading a value is audited and fails closed (no record, no value).
 */
@Injectable()
export class SecretVersions implements OnModuleDestroy {
  readonly #opened = new OpenedValues(OPENED_VALUE_LIMITS, decodeSecretValue);
  readonly #sweep: NodeJS.Timeout;

  constructor(
    private readonly sets: SecretSets,
    private readonly envelope: Envelope,
    private readonly audit: Audit,
    private readonly clock: Clock,
  ) {
    // Any event of a project's secret set (a version added or expired, a stage moved, a deletion
    // scheduled, a key changed…) drops the values opened from it; reads check the current state first.
    sets.store.onApply((subject) => this.#opened.forgetSet(subject));
    // Expired values are zeroed even when no read comes to drop them.
    this.#sweep = setInterval(() => this.#opened.dropExpired(cacheTime()), OPENED_VALUE_LIMITS.lifetimeMs).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.#sweep);
    this.#opened.clear();
  }

  async add(ctx: RequestContext, version: NewVersion, fields: SecretValueFields): Promise<{ secret: Secret; version: Version }> {
    const changed = await this.sealNew(ctx, version.name, fields, (value, now) => ({ ...version, type: 'AddSecretVersion', value, now }));
    return { secret: changed.secret, version: resolveVersion(changed.secret, changed.versionId) };
  }

  /**
   * Seals `fields` under the secret's keyring entry and executes the command built around the
   * sealed value; answers the secret after it and the id of the version the command added. KMS
   * decides on the key for `ctx`'s principal (a scheduled rotation's is whoever switched it on).
   */
  async sealNew(
    ctx: RequestContext,
    name: string,
    fields: SecretValueFields,
    command: (value: EncryptedValue, now: number) => NamedSecretCommand,
  ): Promise<{ secret: Secret; versionId: string }> {
    const value = encodeSecretValue(fields);
    const secret = this.sets.usable(ctx, name);
    try {
      const sealed = await this.envelope.seal(ctx, keyringOwnerOf(secret), secret.kmsKeyId, secret.name, value);
      const changed = await this.sets.change(ctx, command(sealed, this.clock.now()));
      const added = changed.events.find((e) => e.type === 'SecretVersionAdded' || e.type === 'SecretRotated');
      const versionId = added && 'versionId' in added ? added.versionId : changed.secret.versions[changed.secret.versions.length - 1]?.id ?? '';
      return { secret: changed.secret, versionId };
    } finally {
      value.fill(0);
    }
  }

  async read(ctx: RequestContext, r: SecretVersionRequest): Promise<{ secret: Secret; version: Version; value: ReturnType<typeof decodeSecretValue> }> {
    const secret = this.sets.usable(ctx, r.secret_name);
    const version = resolveVersion(secret, r.version_id);
    const value = await this.#open(ctx, secret, version);
    await this.audit.record(ctx, { traceName: READ_TRACE.name, resourceType: READ_TRACE.resourceType, resourceId: secret.id, resourceName: secret.name, request: { ...allowListed(r, ['secret_name', 'version_id']) } });
    return { secret, version, value };
  }

  /** The version's value for the caller: opened through KMS, or as opened for the same caller within the last second. */
  #open(ctx: RequestContext, secret: Secret, version: Version): Promise<ReturnType<typeof decodeSecretValue>> {
    const ref = { secretId: secret.id, versionId: version.id, sealed: version.value.sealed };
    return this.#opened.read(subjects.csmsSecrets(ctx.projectId), ctx, ref, cacheTime(), () => this.envelope.open(ctx, secret.id, secret.name, version.value));
  }
}
