import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type DecideRequest } from '@dew/contracts';
import { authorize, keyResourceUrn } from '@dew/iam-domain';
import { Handles, SERVICE_SETTINGS, type ActionDecision, type ServiceSettings } from '@dew/nest-kit';
import { Accounts } from '../accounts/accounts.js';

/**
 * For services only (NATS permissions): IAM's decision per action for a user of a domain, in a
 * project, on a key — the same `authorize` the gateway's question gets (docs/authorization.md).
 */
@Controller()
export class DecideController {
  constructor(
    private readonly accounts: Accounts,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  @Handles(iamOperations.decide)
  decide(@Payload() req: DecideRequest): ReplyOf<typeof iamOperations.decide> {
    const account = this.accounts.of(req.domain_id);
    const resource = req.key_id ? { resource: keyResourceUrn(this.settings.region, req.domain_id, req.key_id) } : {};
    const decisions: Record<string, ActionDecision> = {};
    for (const action of req.actions) {
      decisions[action] = authorize(account, { userId: req.user_id, action, projectId: req.project_id, ...resource }).decision;
    }
    return { decisions };
  }
}
