import { Injectable } from '@nestjs/common';
import { DewError, type BatchImportSecretsReply, type BatchImportSecretsRequest, type CreateSecretRequest } from '@dew/contracts';
import { validateImportBatch } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { EventRules, step } from '../notify/event-rules.js';
import { NewSecrets, newSecretOf } from './new-secrets.js';

/**
 * batch-import-secrets: each secret is created like create-secret (its own events and trace);
 * a refused one is listed with its refusal and the others go on (the SDK's per-item answer).
 * A failure that is not a refusal (KMS unreachable) stops the batch and is answered as such.
 */
@Injectable()
export class SecretImports {
  constructor(
    private readonly secrets: NewSecrets,
    private readonly rules: EventRules,
  ) {}

  async import(ctx: RequestContext, r: BatchImportSecretsRequest): Promise<BatchImportSecretsReply> {
    validateImportBatch(r.secrets.length, r.total);
    const errors: { name: string; error_msg: string }[] = [];
    for (const [i, item] of r.secrets.entries()) {
      // Each secret is its own append: its own request id, or the event store would drop it as a repeat.
      const refusal = await this.importOne(step(ctx, String(i)), item);
      if (refusal) errors.push({ name: item.name, error_msg: `${refusal.code}: ${refusal.message}` });
    }
    return { error_list: errors, total: r.secrets.length, success: r.secrets.length - errors.length, failed: errors.length };
  }

  private async importOne(ctx: RequestContext, r: CreateSecretRequest): Promise<DewError | null> {
    try {
      this.rules.checkSubscriptions(ctx, r.event_subscriptions);
      await this.rules.subscribe(ctx, await this.secrets.create(ctx, newSecretOf(ctx, r), r.kms_key_id, r), r.event_subscriptions);
      return null;
    } catch (err) {
      if (err instanceof DewError && err.status < 500) return err;
      throw err;
    }
  }
}
