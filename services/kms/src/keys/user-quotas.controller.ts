import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { Keyrings } from './keyrings.js';

/** Grants per CMK; shown by user-quotas before grants exist. */
const GRANTS_PER_KEY_QUOTA = 100;

@Controller()
export class UserQuotasController {
  constructor(
    private readonly keyrings: Keyrings,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
  ) {}

  /** The row takes no body; `@Payload` keeps the transport's refusal of a body that is not JSON. */
  @Handles(kmsOperations.userQuotas)
  quotas(@Payload() _query: unknown, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.userQuotas> {
    return {
      quotas: {
        resources: [
          { type: 'CMK', used: this.keyrings.of(ctx.projectId).userKeys, quota: this.settings.userKeyQuota },
          { type: 'grant_per_CMK', used: 0, quota: GRANTS_PER_KEY_QUOTA },
        ],
      },
    };
  }
}
