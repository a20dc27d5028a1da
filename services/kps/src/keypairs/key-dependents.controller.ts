import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type KeyDependentsRequest, type ReplyOf } from '@dew/contracts';
import { keypairsUsingKmsKey } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeypairSets } from './keypair-sets.js';

/** For kms's deletion-risk report: the key pairs whose hosted private key the KMS key protects. */
@Controller()
export class KeyDependentsController {
  constructor(private readonly sets: KeypairSets) {}

  @Handles(kpsOperations.keyDependents)
  dependents(@Payload() r: KeyDependentsRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kpsOperations.keyDependents> {
    const dependents = keypairsUsingKmsKey(this.sets.of(ctx), r.key_id)
      .map((k) => ({ service: 'kps', resource_type: 'keypair', resource_id: String(k.id), resource_name: k.name }));
    return { dependents };
  }
}
