import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InvalidField, UnknownSecret, validateBody } from '@dew/contracts';
import { findSecretById, findSecretsByTags, projectSecretTags, type SecretSetCommand } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock, RpcRegistry } from '@dew/nest-kit';
import { SecretSets } from './secret-sets.js';
import { AddTagRequest, BatchTagsRequest, CSMS_SHAPE, DeleteTagRequest, ResourceInstancesRequest, SecretIdRequest } from './requests.js';
import { secretView } from './views.js';

/** Secret tags and tag search: paths address secrets by id. */
@Injectable()
export class SecretTagHandlers implements OnModuleInit {
  constructor(
    private readonly sets: SecretSets,
    private readonly clock: Clock,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    const on = <T extends object>(subject: string, dto: new () => T, fn: (req: T, ctx: RequestContext) => Promise<unknown>) =>
      this.rpc.register(`csms.${subject}`, (body, ctx) => fn(validateBody(dto, body, CSMS_SHAPE), ctx));
    on('show-secret-tags', SecretIdRequest, async (r, ctx) => {
      const secret = findSecretById(this.sets.of(ctx.projectId), r.secret_id);
      if (!secret) throw UnknownSecret(r.secret_id);
      return { tags: secret.tags, sys_tags: [] };
    });
    on('create-secret-tag', AddTagRequest, (r, ctx) => this.#run(ctx, { type: 'AddSecretTag', secretId: r.secret_id, tag: { key: r.tag.key, value: r.tag.value ?? '' }, now: this.clock.now() }));
    on('delete-secret-tag', DeleteTagRequest, (r, ctx) => this.#run(ctx, { type: 'RemoveSecretTag', secretId: r.secret_id, tagKey: r.tag_key, now: this.clock.now() }));
    on('batch-secret-tags', BatchTagsRequest, (r, ctx) => {
      if (r.action !== 'create' && r.action !== 'delete') throw InvalidField('action', 'be create or delete', r.action.slice(0, 20));
      return this.#run(ctx, { type: 'BatchSecretTags', secretId: r.secret_id, action: r.action, tags: r.tags.map((t) => ({ key: t.key, value: t.value ?? '' })), now: this.clock.now() });
    });
    on('list-project-secret-tags', Object as unknown as new () => object, async (_r, ctx) => ({ tags: projectSecretTags(this.sets.of(ctx.projectId)) }));
    on('list-secrets-by-tags', ResourceInstancesRequest, async (r, ctx) => {
      if (r.action !== 'filter' && r.action !== 'count') throw InvalidField('action', 'be filter or count', r.action.slice(0, 20));
      const found = findSecretsByTags(this.sets.of(ctx.projectId), { tags: r.tags ?? [], offset: Number(r.offset ?? '0'), limit: r.action === 'count' ? 1000 : Number(r.limit ?? '10') });
      if (r.action === 'count') return { total_count: found.total };
      return { resources: found.secrets.map((s) => ({ resource_id: s.id, resource_detail: secretView(s), resource_name: s.name, tags: s.tags, sys_tags: [] })), total_count: found.total };
    });
  }

  async #run(ctx: RequestContext, command: SecretSetCommand): Promise<object> {
    await this.sets.execute(ctx, command);
    return {};
  }
}
