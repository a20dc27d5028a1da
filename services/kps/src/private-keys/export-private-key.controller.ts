import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type ExportPrivateKeyRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { PrivateKeyExport } from './private-key-export.js';

/** POST keypairs/private-key/export. */
@Controller()
export class ExportPrivateKeyController {
  constructor(private readonly exporter: PrivateKeyExport) {}

  @Handles(kpsOperations.exportPrivateKey)
  async export(@Payload() r: ExportPrivateKeyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.exportPrivateKey>> {
    return { keypair: await this.exporter.export(ctx, r.keypair.name) };
  }
}
