import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type BatchExportPrivateKeysRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { PrivateKeyExport } from './private-key-export.js';

/** POST keypairs/private-key/batch-export: all or nothing (the first refusal answers). */
@Controller()
export class BatchExportPrivateKeysController {
  constructor(private readonly exporter: PrivateKeyExport) {}

  @Handles(kpsOperations.batchExportPrivateKeys)
  async export(@Payload() r: BatchExportPrivateKeysRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.batchExportPrivateKeys>> {
    const out = [];
    for (const item of r.items) out.push({ keypair: await this.exporter.export(ctx, item.keypair.name) });
    return out;
  }
}
