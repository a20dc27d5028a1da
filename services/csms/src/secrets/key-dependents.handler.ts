import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IsDefined, IsString } from 'class-validator';
import { validateBody } from '@dew/contracts';
import { RpcRegistry } from '@dew/nest-kit';
import { SecretSets } from './secret-sets.js';
import { CSMS_SHAPE } from './requests.js';

class KeyDependentsRequest {
  @IsDefined() @IsString() key_id!: string;
}

/**
 * For kms's deletion-risk report: the secrets of the caller's project that still need
 * a KMS key — as the secret's key for new versions, or as the key of any version kept.
 */
@Injectable()
export class KeyDependentsHandler implements OnModuleInit {
  constructor(
    private readonly sets: SecretSets,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    this.rpc.register('csms.key-dependents', async (body, ctx) => {
      const { key_id } = validateBody(KeyDependentsRequest, body, CSMS_SHAPE);
      const dependents = [...this.sets.of(ctx.projectId).secrets.values()]
        .filter((s) => s.status !== 'Deleted' && (s.kmsKeyId === key_id || s.versions.some((v) => v.kmsKeyId === key_id)))
        .map((s) => ({ service: 'csms', resource_type: 'secret', resource_id: s.id, resource_name: s.name }));
      return { dependents };
    });
  }
}
