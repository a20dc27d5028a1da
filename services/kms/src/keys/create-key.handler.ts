import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CreateKeyRequest, validateBody } from '@dew/contracts';
import { OwnerKeys, MaterialGenerator } from '@dew/crypto';
import { decide, validateCreateKey, type CreateKeyInput, type KeyMaterial } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock, RpcRegistry } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { Keyrings } from './keyrings.js';

/**
 * create-key: refuse early (alias, quota…) before spending a second on RSA-4096, then create the
 * key's keyring entry, seal the material with it, and append KeyCreated. A refusal at append time
 * (a concurrent create took the alias or the last quota slot) erases the unused keyring entry.
 */
@Injectable()
export class CreateKeyHandler implements OnModuleInit {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly crypto: OwnerKeys,
    private readonly generator: MaterialGenerator,
    private readonly clock: Clock,
    private readonly rpc: RpcRegistry,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
  ) {}

  onModuleInit(): void {
    this.rpc.register('kms.create-key', (body, ctx) => this.handle(body, ctx));
  }

  async handle(body: unknown, ctx: RequestContext) {
    const req = validateBody(CreateKeyRequest, body);
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
    // Every key gets its keyring entry: it seals KMS material, and for external keys it keys the
    // digest that binds the key to its first imported material.
    const material = plan.origin === 'kms' ? await this.#sealNewMaterial(plan.keyId, plan.keySpec) : await this.crypto.create(plan.keyId).then(() => null);
    try {
      await this.keyrings.execute(ctx, (state) => decide(state, { type: 'CreateKey', ...input, material }));
    } catch (err) {
      await this.crypto.destroy(plan.keyId);
      throw err;
    }
    return { key_info: { key_id: plan.keyId, domain_id: ctx.domainId, region_id: this.settings.service.region } };
  }

  async #sealNewMaterial(keyId: string, spec: Parameters<MaterialGenerator['generate']>[0]): Promise<KeyMaterial> {
    const generated = await this.generator.generate(spec);
    try {
      await this.crypto.create(keyId);
      const wrapped = await this.crypto.seal(keyId, 1, generated.secret);
      return { version: 1, wrapped: wrapped.toString('base64'), ...(generated.publicKeyPem ? { publicKeyPem: generated.publicKeyPem } : {}) };
    } finally {
      generated.secret.fill(0);
    }
  }
}
