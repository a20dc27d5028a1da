import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type EnsureDefaultKeyRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { DefaultKeys } from './default-keys.js';

/** Bus only (csms): the caller's default key, created on first use. */
@Controller()
export class EnsureDefaultKeyController {
  constructor(private readonly defaults: DefaultKeys) {}

  @Handles(kmsOperations.ensureDefaultKey)
  async ensure(@Payload() req: EnsureDefaultKeyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.ensureDefaultKey>> {
    return { key_id: await this.defaults.ensure(ctx, req.service) };
  }
}
