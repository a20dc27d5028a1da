import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  SecretAlreadyExists, SecretUnavailablePendingDeletion, SecretValueGivenTwice, SecretValueMissing, SecretValueTooLarge, StageNotOnSecret,
  UnknownSecret, allowListed, base64Field, validateBody,
} from '@dew/contracts';
import { findSecretByName, keyringOwnerOf, listSecrets, resolveVersion, type Secret } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { Audit, Clock, RpcRegistry } from '@dew/nest-kit';
import { CREATE_DATA_KEY, Envelope } from '../envelope/envelope.js';
import { SecretSets } from './secret-sets.js';
import {
  CSMS_SHAPE, CreateSecretRequest, CreateVersionRequest, ListSecretsRequest, ScheduleDeletionRequest, SecretName, StageRequest,
  UpdateSecretRequest, UpdateStageRequest, UpdateVersionRequest, VersionRequest,
} from './requests.js';
import { secretView, versionMetadata } from './views.js';

const VALUE_MAX_BYTES = 32 * 1024;
const TEXT = 0x73; // 's'
const BINARY = 0x62; // 'b'

/** Exactly one of secret_string / secret_binary, ≤32 KB, with a marker byte for reading it back. */
function valueOf(req: { secret_string?: string; secret_binary?: string }): Buffer | null {
  if (req.secret_string !== undefined && req.secret_binary !== undefined) throw SecretValueGivenTwice();
  if (req.secret_string === undefined && req.secret_binary === undefined) return null;
  const bytes = req.secret_string !== undefined ? Buffer.from(req.secret_string, 'utf8') : base64Field('secret_binary', req.secret_binary ?? '', 'CSMS.0002');
  if (bytes.length > VALUE_MAX_BYTES) throw SecretValueTooLarge(VALUE_MAX_BYTES, bytes.length);
  return Buffer.concat([Buffer.of(req.secret_string !== undefined ? TEXT : BINARY), bytes]);
}

/**
 * Secrets, versions and stages. Values are envelope-encrypted through
 * KMS before any event is written; reading a value is audited and fails closed.
 */
@Injectable()
export class SecretHandlers implements OnModuleInit {
  constructor(
    private readonly sets: SecretSets,
    private readonly envelope: Envelope,
    private readonly audit: Audit,
    private readonly clock: Clock,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    const on = <T extends object>(subject: string, dto: new () => T, fn: (req: T, ctx: RequestContext) => Promise<unknown>) =>
      this.rpc.register(`csms.${subject}`, (body, ctx) => fn(validateBody(dto, body, CSMS_SHAPE), ctx));
    on('create-secret', CreateSecretRequest, (r, ctx) => this.create(r, ctx));
    on('list-secrets', ListSecretsRequest, async (r, ctx) => {
      const page = listSecrets(this.sets.of(ctx.projectId), { limit: r.limit === undefined ? 50 : Number(r.limit), ...(r.marker ? { marker: r.marker } : {}) });
      return { secrets: page.secrets.map(secretView), page_info: { next_marker: page.nextMarker ?? null, previous_marker: null, current_count: page.secrets.length } };
    });
    on('show-secret', SecretName, async (r, ctx) => ({ secret: secretView(this.#any(ctx, r.secret_name)) }));
    on('update-secret', UpdateSecretRequest, async (r, ctx) => {
      if (r.kms_key_id !== undefined) await this.envelope.requireAllowed(ctx, CREATE_DATA_KEY, r.kms_key_id);
      const { state } = await this.sets.execute(ctx, { type: 'UpdateSecret', name: r.secret_name, ...(r.kms_key_id !== undefined ? { kmsKeyId: r.kms_key_id } : {}), ...(r.description !== undefined ? { description: r.description } : {}), now: this.clock.now() });
      return { secret: secretView(this.#secretIn(findSecretByName(state, r.secret_name), r.secret_name)) };
    });
    on('delete-secret', SecretName, async (r, ctx) => {
      const secret = this.#any(ctx, r.secret_name);
      await this.sets.execute(ctx, { type: 'DeleteSecret', name: r.secret_name, now: this.clock.now() });
      await this.envelope.eraseEntry(keyringOwnerOf(secret));
      return {};
    });
    on('schedule-secret-deletion', ScheduleDeletionRequest, async (r, ctx) => {
      const { state } = await this.sets.execute(ctx, { type: 'ScheduleSecretDeletion', name: r.secret_name, days: r.recovery_window_in_days ?? 30, now: this.clock.now() });
      return { secret: secretView(this.#secretIn(findSecretByName(state, r.secret_name), r.secret_name)) };
    });
    on('cancel-secret-deletion', SecretName, async (r, ctx) => {
      const { state } = await this.sets.execute(ctx, { type: 'CancelSecretDeletion', name: r.secret_name, now: this.clock.now() });
      return { secret: secretView(this.#secretIn(findSecretByName(state, r.secret_name), r.secret_name)) };
    });
    on('create-secret-version', CreateVersionRequest, (r, ctx) => this.addVersion(r, ctx));
    on('list-secret-versions', SecretName, async (r, ctx) => {
      const secret = this.#secret(ctx, r.secret_name);
      return { version_metadatas: [...secret.versions].reverse().map((v) => versionMetadata(secret, v)), page_info: { next_marker: null, previous_marker: null, current_count: secret.versions.length } };
    });
    on('show-secret-version', VersionRequest, (r, ctx) => this.read(r, ctx));
    on('update-secret-version', UpdateVersionRequest, async (r, ctx) => {
      const { state } = await this.sets.execute(ctx, { type: 'UpdateVersionExpiry', name: r.secret_name, versionId: r.version_id, expireTime: r.expire_time * 1000, now: this.clock.now() });
      const secret = this.#secretIn(findSecretByName(state, r.secret_name), r.secret_name);
      return { version_metadata: versionMetadata(secret, resolveVersion(secret, r.version_id)) };
    });
    on('show-secret-stage', StageRequest, async (r, ctx) => this.#stageView(this.#secret(ctx, r.secret_name), r.stage_name));
    on('update-secret-stage', UpdateStageRequest, async (r, ctx) => {
      const { state } = await this.sets.execute(ctx, { type: 'UpdateStage', name: r.secret_name, stage: r.stage_name, versionId: r.version_id, now: this.clock.now() });
      return this.#stageView(this.#secretIn(findSecretByName(state, r.secret_name), r.secret_name), r.stage_name);
    });
    on('delete-secret-stage', StageRequest, async (r, ctx) => {
      await this.sets.execute(ctx, { type: 'DeleteStage', name: r.secret_name, stage: r.stage_name, now: this.clock.now() });
      return {};
    });
  }

  async create(r: CreateSecretRequest, ctx: RequestContext) {
    const value = valueOf(r);
    if (!value) throw SecretValueMissing();
    if (findSecretByName(this.sets.of(ctx.projectId), r.name)) throw SecretAlreadyExists(r.name);
    const secretId = randomUUID();
    const kmsKeyId = await this.envelope.keyFor(ctx, r.kms_key_id);
    await this.envelope.createEntry(secretId);
    try {
      const sealed = await this.envelope.seal(ctx, secretId, kmsKeyId, r.name, value);
      const { state } = await this.sets.execute(ctx, {
        type: 'CreateSecret', secretId, name: r.name, kmsKeyId, value: sealed, now: this.clock.now(),
        ...(r.description !== undefined ? { description: r.description } : {}),
        ...(r.secret_type !== undefined ? { secretType: r.secret_type } : {}),
        ...(r.expire_time !== undefined ? { expireTime: r.expire_time * 1000 } : {}),
      });
      return { secret: secretView(this.#secretIn(findSecretByName(state, r.name), r.name)) };
    } catch (err) {
      await this.envelope.eraseEntry(secretId);
      throw err;
    } finally {
      value.fill(0);
    }
  }

  async addVersion(r: CreateVersionRequest, ctx: RequestContext) {
    const value = valueOf(r);
    if (!value) throw SecretValueMissing();
    const secret = this.#secret(ctx, r.secret_name);
    try {
      const sealed = await this.envelope.seal(ctx, keyringOwnerOf(secret), secret.kmsKeyId, secret.name, value);
      const { state, events } = await this.sets.execute(ctx, {
        type: 'AddSecretVersion', name: r.secret_name, value: sealed, now: this.clock.now(),
        ...(r.version_stages !== undefined ? { stages: r.version_stages } : {}),
        ...(r.expire_time !== undefined ? { expireTime: r.expire_time * 1000 } : {}),
      });
      const added = events.find((e) => e.type === 'SecretVersionAdded');
      const updated = this.#secretIn(findSecretByName(state, r.secret_name), r.secret_name);
      const versionId = added && 'versionId' in added ? added.versionId : updated.versions[updated.versions.length - 1]?.id ?? '';
      return { version_metadata: versionMetadata(updated, resolveVersion(updated, versionId)) };
    } finally {
      value.fill(0);
    }
  }

  async read(r: VersionRequest, ctx: RequestContext) {
    const secret = this.#secret(ctx, r.secret_name);
    const version = resolveVersion(secret, r.version_id);
    const plain = await this.envelope.open(ctx, secret.id, secret.name, version.value);
    try {
      await this.audit.record(ctx, { traceName: 'getSecretVersion', resourceType: 'secret', resourceId: secret.id, resourceName: secret.name, request: { ...allowListed(r, ['secret_name', 'version_id']) } });
      const body = plain.subarray(1);
      const value = plain[0] === TEXT ? { secret_string: body.toString('utf8') } : { secret_binary: body.toString('base64') };
      return { version: { version_metadata: versionMetadata(secret, version), ...value } };
    } finally {
      plain.fill(0);
    }
  }

  #stageView(secret: Secret, stage: string) {
    const versionId = Object.hasOwn(secret.stages, stage) ? secret.stages[stage] : undefined;
    if (!versionId) throw StageNotOnSecret(stage, secret.name);
    return { stage: { name: stage, update_time: Math.floor(secret.updatedAt / 1000), secret_name: secret.name, version_id: versionId } };
  }

  /** A secret that may be read or changed (not Pending deletion: CSMS.0103). */
  #secret(ctx: RequestContext, name: string): Secret {
    const secret = this.#any(ctx, name);
    if (secret.status === 'PendingDeletion') throw SecretUnavailablePendingDeletion(name);
    return secret;
  }

  #any(ctx: RequestContext, name: string): Secret {
    return this.#secretIn(findSecretByName(this.sets.of(ctx.projectId), name), name);
  }

  #secretIn(secret: Secret | undefined | null, name: string): Secret {
    if (!secret) throw UnknownSecret(name);
    return secret;
  }
}
