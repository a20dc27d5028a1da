import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import {
  integerField,
  IsKeyId,
  KeyNotFound,
  KmsRequest,
  NumericString,
  TagActionInvalid,
  TagDto,
  validateBody,
} from '@dew/contracts';
import { decide, findByTags, findKey, projectTags, type KeyringCommand } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock, RpcRegistry } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { Keyrings } from '../keys/keyrings.js';
import { toKeyDetails } from '../keys/key-details.js';

class KeyIdRequest extends KmsRequest {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
}
class AddTagRequest extends KeyIdRequest {
  @IsDefined() @ValidateNested() @Type(() => TagDto) tag!: TagDto;
}
class DeleteTagRequest extends KeyIdRequest {
  @IsDefined() @IsString() tag_key!: string;
}
class BatchTagsRequest extends KeyIdRequest {
  @IsDefined() @IsArray() @ValidateNested({ each: true }) @Type(() => TagDto) tags!: TagDto[];
  @IsDefined() @IsString() action!: string;
}
class TagFilter {
  @IsDefined() @IsString() key!: string;
  @IsDefined() @IsArray() @IsString({ each: true }) values!: string[];
}
class Match {
  @IsDefined() @IsString() key!: string;
  @IsDefined() @IsString() value!: string;
}
class ResourceInstancesRequest extends KmsRequest {
  @IsDefined() @IsIn(['filter', 'count']) action!: 'filter' | 'count';
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @NumericString() @IsString() offset?: string;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => TagFilter) tags?: TagFilter[];
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => Match) matches?: Match[];
}

/** Key tags and tag search: changes answer 204, searches their shapes. */
@Injectable()
export class TagHandlers implements OnModuleInit {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
    private readonly rpc: RpcRegistry,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
  ) {}

  onModuleInit(): void {
    this.rpc.register('kms.show-key-tags', async (body, ctx) => {
      const req = validateBody(KeyIdRequest, body);
      const key = findKey(this.keyrings.of(ctx.projectId), req.key_id);
      if (!key) throw KeyNotFound(req.key_id.slice(0, 64));
      return { tags: key.tags.map((t) => ({ key: t.key, value: t.value })), existTagsNum: key.tags.length };
    });
    this.rpc.register('kms.create-key-tag', (body, ctx) => {
      const req = validateBody(AddTagRequest, body);
      return this.#run(ctx, { type: 'AddKeyTag', keyId: req.key_id, tag: { key: req.tag.key, value: req.tag.value ?? '' }, now: this.clock.now() });
    });
    this.rpc.register('kms.delete-key-tag', (body, ctx) => {
      const req = validateBody(DeleteTagRequest, body);
      return this.#run(ctx, { type: 'RemoveKeyTag', keyId: req.key_id, tagKey: req.tag_key, now: this.clock.now() });
    });
    this.rpc.register('kms.batch-key-tags', (body, ctx) => {
      const req = validateBody(BatchTagsRequest, body);
      if (req.action !== 'create' && req.action !== 'delete') throw TagActionInvalid(req.action.slice(0, 20));
      return this.#run(ctx, { type: 'BatchKeyTags', keyId: req.key_id, action: req.action, tags: req.tags.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}) })), now: this.clock.now() });
    });
    this.rpc.register('kms.list-project-tags', async (_body, ctx) => ({ tags: projectTags(this.keyrings.of(ctx.projectId)) }));
    this.rpc.register('kms.resource_instances/action', async (body, ctx) => this.#search(validateBody(ResourceInstancesRequest, body), ctx));
  }

  #search(req: ResourceInstancesRequest, ctx: RequestContext) {
    const result = findByTags(this.keyrings.of(ctx.projectId), {
      tags: req.tags ?? [],
      ...(req.matches ? { matches: req.matches } : {}),
      offset: req.action === 'count' || req.offset === undefined ? 0 : integerField('offset', req.offset, 'KMS.0417'),
      limit: req.action === 'count' ? 1000 : req.limit === undefined ? 10 : integerField('limit', req.limit, 'KMS.1601'),
    });
    if (req.action === 'count') return { total_count: result.total };
    return {
      resources: result.keys.map((k) => ({
        resource_id: k.keyId,
        resource_detail: toKeyDetails(k, this.settings.service.region),
        resource_name: k.alias,
        tags: k.tags.map((t) => ({ key: t.key, value: t.value })),
      })),
      total_count: result.total,
    };
  }

  async #run(ctx: RequestContext, command: KeyringCommand): Promise<object> {
    await this.keyrings.execute(ctx, (s) => decide(s, command));
    return {};
  }
}
