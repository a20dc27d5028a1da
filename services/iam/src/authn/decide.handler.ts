import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsDefined, IsOptional, IsString, Matches } from 'class-validator';
import { authorize, keyResourceUrn } from '@dew/iam-domain';
import { RpcRegistry, SERVICE_SETTINGS, type ActionDecision, type DecideAnswer, type ServiceSettings } from '@dew/nest-kit';
import { Accounts } from '../accounts/accounts.js';
import { onRequest } from '../rpc-routes.js';

/** A grant names at most nine operations; a little room for other callers. */
const ACTIONS_MAX = 20;

class DecideDto {
  @IsDefined() @IsString() user_id!: string;
  // Names the account's stream subject: 32 hex, never a wildcard.
  @IsDefined() @IsString() @Matches(/^[0-9a-f]{32}$/) domain_id!: string;
  @IsDefined() @IsString() project_id!: string;
  @IsDefined() @IsArray() @ArrayNotEmpty() @ArrayMaxSize(ACTIONS_MAX) @IsString({ each: true }) actions!: string[];
  @IsOptional() @IsString() key_id?: string;
}

/**
 * For services only (NATS permissions): IAM's decision per action for a user of a domain, in a
 * project, on a key — the same `authorize` the gateway's question gets (docs/authorization.md).
 */
@Injectable()
export class DecideHandler implements OnModuleInit {
  constructor(
    private readonly accounts: Accounts,
    private readonly rpc: RpcRegistry,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  onModuleInit(): void {
    onRequest(this.rpc, 'iam.decide', DecideDto, async (req) => this.decide(req));
  }

  decide(req: DecideDto): DecideAnswer {
    const account = this.accounts.of(req.domain_id);
    const resource = req.key_id ? { resource: keyResourceUrn(this.settings.region, req.domain_id, req.key_id) } : {};
    const decisions: Record<string, ActionDecision> = {};
    for (const action of req.actions) {
      decisions[action] = authorize(account, { userId: req.user_id, action, projectId: req.project_id, ...resource }).decision;
    }
    return { decisions };
  }
}
