import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type SecretNameRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretRotations } from './secret-rotations.js';

/** POST secrets/{secret_name}/rotate: a generated value as the new SYSCURRENT version, now. */
@Controller()
export class RotateSecretController {
  constructor(private readonly rotations: SecretRotations) {}

  @Handles(csmsOperations.rotateSecret)
  async rotate(@Payload() r: SecretNameRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.rotateSecret>> {
    const done = await this.rotations.rotate(ctx, r.secret_name, 'MANUAL');
    return { version_id: done.versionId, secret_name: done.secretName, rotation_task_id: done.taskId };
  }
}
