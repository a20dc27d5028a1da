import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SecretAlreadyExists, type CreateSecretRequest } from '@dew/contracts';
import { findSecretByName, type CreateSecret, type RotationRequest, type Secret } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock } from '@dew/nest-kit';
import { Envelope } from '../envelope/envelope.js';
import { encodeSecretValue, type SecretValueFields } from '../versions/secret-value.js';
import { SecretSets } from './secret-sets.js';

/** What the caller decides about a new secret; the service adds its id, key, sealed value and time. */
export type NewSecret = Omit<CreateSecret, 'type' | 'secretId' | 'kmsKeyId' | 'value' | 'now'>;

/** The rotation fields of a create or update request body, set by the caller (whom scheduled runs act as). */
export function rotationRequestOf(ctx: RequestContext, r: { readonly auto_rotation?: boolean; readonly rotation_period?: string }): RotationRequest {
  return {
    configuredBy: { userId: ctx.userId, domainId: ctx.domainId, userName: ctx.userName },
    ...(r.auto_rotation !== undefined ? { autoRotation: r.auto_rotation } : {}),
    ...(r.rotation_period !== undefined ? { rotationPeriod: r.rotation_period } : {}),
  };
}

/** What a create body (create-secret, or one secret of batch-import-secrets) asks for. */
export function newSecretOf(ctx: RequestContext, r: CreateSecretRequest): NewSecret {
  return {
    name: r.name,
    ...(r.description !== undefined ? { description: r.description } : {}),
    ...(r.secret_type !== undefined ? { secretType: r.secret_type } : {}),
    ...(r.expire_time !== undefined ? { expireTime: r.expire_time * 1000 } : {}),
    rotation: rotationRequestOf(ctx, r),
  };
}

/**
 * Creating a secret: its value is envelope-encrypted through KMS under a keyring entry of its
 * own before any event is written; a failed create erases that entry again.
 */
@Injectable()
export class NewSecrets {
  constructor(
    private readonly sets: SecretSets,
    private readonly envelope: Envelope,
    private readonly clock: Clock,
  ) {}

  /** `kmsKeyId` absent: the project's `csms/default` key. */
  async create(ctx: RequestContext, secret: NewSecret, kmsKeyId: string | undefined, fields: SecretValueFields): Promise<Secret> {
    const value = encodeSecretValue(fields);
    // Refused before anything is sealed (the domain refuses a taken name again when it decides).
    if (findSecretByName(this.sets.of(ctx.projectId), secret.name)) throw SecretAlreadyExists(secret.name);
    const secretId = randomUUID();
    const keyId = await this.envelope.keyFor(ctx, kmsKeyId);
    const unsealed = { ...secret, secretId, kmsKeyId: keyId, now: this.clock.now() };
    // Every other refusal the domain can tell now, before the keyring entry is written.
    this.sets.checkNew(ctx, unsealed);
    await this.envelope.createEntry(secretId);
    try {
      const sealed = await this.envelope.seal(ctx, secretId, keyId, secret.name, value);
      return (await this.sets.change(ctx, { ...unsealed, type: 'CreateSecret', value: sealed, now: this.clock.now() })).secret;
    } catch (err) {
      await this.envelope.eraseEntry(secretId);
      throw err;
    } finally {
      value.fill(0);
    }
  }
}
