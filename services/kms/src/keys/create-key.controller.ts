import { randomUUID } from 'node:crypto';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type CreateKeyRequest, type ReplyOf } from '@dew/contracts';
import { decide, validateCreateKey, type CreateKeyInput } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { NewVersions } from '../crypto/new-version.js';
import { Keyrings } from './keyrings.js';

/**
 * create-key: refuse early (alias, quota…) before spending a second on RSA-4096, then create the
 * key's keyring entry, seal the material with it, and append KeyCreated. A refusal at append time
 * (a concurrent create took the alias or the last quota slot) erases the unused keyring entry.
 */
@Controller()
export class CreateKeyController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly versions: NewVersions,
    private readonly clock: Clock,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
  ) {}

  @Handles(kmsOperations.createKey)
  async create(@Payload() req: CreateKeyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.createKey>> {
    const input: CreateKeyInput = {
      keyId: randomUUID(),
      domainId: ctx.domainId,
      alias: req.key_alias,
      now: this.clock.now(),
      ...(req.key_description !== undefined ? { description: req.key_description } : {}),
      ...(req.key_spec !== undefined ? { keySpec: req.key_spec } : {}),
      ...(req.key_usage !== undefined ? { keyUsage: req.key_usage } : {}),
      ...(req.origin !== undefined ? { origin: req.origin } : {}),
      ...(req.enterprise_project_id !== undefined ? { enterpriseProjectId: req.enterprise_project_id } : {}),
      ...(req.tags !== undefined ? { tags: req.tags.map((t) => ({ key: t.key, value: t.value ?? '' })) } : {}),
    };
    const plan = validateCreateKey(this.keyrings.of(ctx.projectId), input);
    const material = await this.versions.first(plan.keyId, plan.keySpec, plan.origin);
    try {
      await this.keyrings.execute(ctx, (state) => decide(state, { type: 'CreateKey', ...input, material }));
    } catch (err) {
      await this.versions.discard(plan.keyId);
      throw err;
    }
    return { key_info: { key_id: plan.keyId, domain_id: ctx.domainId, region_id: this.settings.service.region } };
  }
}
