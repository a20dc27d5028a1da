import { randomUUID } from 'node:crypto';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type CreateKeyRequest, type ReplyOf } from '@dew/contracts';
import { decide, validateCreateKey, type CreateKeyInput, type CreateKeyPlan, type KeyMaterial, type Keyring } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { NewVersions } from '../crypto/new-version.js';
import { Keyrings } from './keyrings.js';
import { KeyStoreKeys } from '../key-stores/key-store-keys.js';

/**
 * create-key: refuse early (alias, quota…) before spending a second on RSA-4096, then create the
 * key's keyring entry, seal the material with it, and append KeyCreated. A refusal at append time
 * (a concurrent create took the alias or the last quota slot) erases the unused keyring entry.
 * With `keystore_id` the material is generated in the key store's HSM, which keeps it
 * (docs/api-decisions.md, "Key stores"); a refused append destroys that HSM key again.
 */
@Controller()
export class CreateKeyController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly versions: NewVersions,
    private readonly clock: Clock,
    private readonly keyStores: KeyStoreKeys,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
  ) {}

  @Handles(kmsOperations.createKey)
  async create(@Payload() req: CreateKeyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.createKey>> {
    const input: CreateKeyInput = {
      keyId: randomUUID(),
      domainId: ctx.domainId,
      alias: req.key_alias,
      userKeyQuota: this.settings.userKeyQuota,
      now: this.clock.now(),
      ...(req.key_description !== undefined ? { description: req.key_description } : {}),
      ...(req.key_spec !== undefined ? { keySpec: req.key_spec } : {}),
      ...(req.key_usage !== undefined ? { keyUsage: req.key_usage } : {}),
      ...(req.origin !== undefined ? { origin: req.origin } : {}),
      ...(req.enterprise_project_id !== undefined ? { enterpriseProjectId: req.enterprise_project_id } : {}),
      ...(req.tags !== undefined ? { tags: req.tags.map((t) => ({ key: t.key, value: t.value ?? '' })) } : {}),
      // null is absent, as @IsOptional lets it through: KMS's own key store.
      ...(typeof req.keystore_id === 'string' ? { keystoreId: req.keystore_id } : {}),
    };
    const keyring = this.keyrings.of(ctx.projectId);
    const plan = validateCreateKey(keyring, input);
    const material = plan.keystoreId === undefined ? await this.versions.first(plan.keyId, plan.keySpec, plan.origin) : await this.#inKeyStore(ctx, keyring, plan);
    try {
      await this.keyrings.execute(ctx, (state) => decide(state, { type: 'CreateKey', ...input, material }));
    } catch (err) {
      await this.versions.discard(plan.keyId);
      const store = plan.keystoreId === undefined ? undefined : keyring.keyStores.get(plan.keystoreId);
      if (store && material?.hsmKeyId) await this.keyStores.destroy(ctx.projectId, store, [material.hsmKeyId]);
      throw err;
    }
    return { key_info: { key_id: plan.keyId, domain_id: ctx.domainId, region_id: this.settings.service.region } };
  }

  async #inKeyStore(ctx: RequestContext, keyring: Keyring, plan: CreateKeyPlan): Promise<KeyMaterial> {
    const material = await this.keyStores.generate(ctx, keyring, plan);
    await this.versions.entry(plan.keyId);
    return material;
  }
}
