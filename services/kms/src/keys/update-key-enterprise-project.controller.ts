import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type UpdateKeyEnterpriseProjectRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from './keyrings.js';

/** DEW extension (docs/api-decisions.md, "Extensions", K15): moves a key between enterprise projects. */
@Controller()
export class UpdateKeyEnterpriseProjectController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.updateKeyEnterpriseProject)
  async move(@Payload() req: UpdateKeyEnterpriseProjectRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.updateKeyEnterpriseProject>> {
    const key = await this.keyrings.change(ctx, { type: 'MoveKeyToEnterpriseProject', keyId: req.key_id, enterpriseProjectId: req.enterprise_project_id, now: this.clock.now() });
    return { key_info: { key_id: req.key_id, enterprise_project_id: key.enterpriseProjectId } };
  }
}
