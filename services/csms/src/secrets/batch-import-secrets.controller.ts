import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type BatchImportSecretsRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretImports } from './secret-imports.js';

/** POST secrets/batch-import: up to 50 create bodies, each created or listed with its refusal. */
@Controller()
export class BatchImportSecretsController {
  constructor(private readonly imports: SecretImports) {}

  @Handles(csmsOperations.batchImportSecrets)
  import(@Payload() r: BatchImportSecretsRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.batchImportSecrets>> {
    return this.imports.import(ctx, r);
  }
}
