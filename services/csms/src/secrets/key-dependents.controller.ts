import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type KeyDependentsRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { secretsDependingOn } from './key-dependents.js';
import { SecretSets } from './secret-sets.js';

/** For kms's deletion-risk report: the secrets of the caller's project that still need a KMS key. */
@Controller()
export class KeyDependentsController {
  constructor(private readonly sets: SecretSets) {}

  @Handles(csmsOperations.keyDependents)
  dependents(@Payload() r: KeyDependentsRequest, @Caller() ctx: RequestContext): ReplyOf<typeof csmsOperations.keyDependents> {
    const dependents = secretsDependingOn(this.sets.of(ctx.projectId), r.key_id)
      .map((s) => ({ service: 'csms', resource_type: 'secret', resource_id: s.id, resource_name: s.name }));
    return { dependents };
  }
}
