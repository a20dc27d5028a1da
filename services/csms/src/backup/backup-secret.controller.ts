import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type SecretNameRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretBackups } from './secret-backups.js';

/** POST secrets/{secret_name}/backup: the sealed blob (docs/backup-format.md). */
@Controller()
export class BackupSecretController {
  constructor(private readonly backups: SecretBackups) {}

  @Handles(csmsOperations.backupSecret)
  async backup(@Payload() r: SecretNameRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.backupSecret>> {
    return { secret_blob: await this.backups.backup(ctx, r.secret_name) };
  }
}
