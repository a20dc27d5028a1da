import { Injectable } from '@nestjs/common';
import { iamOperations, type ActionDecision, type DecideReply } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Bus } from './bus/bus-client.js';

export type { ActionDecision } from '@dew/contracts';

/** `iam.decide` request body: the caller of the current request, the actions, the key they touch. */
export interface DecideRequest {
  readonly user_id: string;
  readonly domain_id: string;
  readonly project_id: string;
  readonly actions: readonly string[];
  readonly key_id?: string;
}
export type DecideAnswer = DecideReply;

/**
 * IAM's decision on actions the caller did not name in the request but the service performs for
 * them (docs/authorization.md): a grant's operations, a secret's data-key calls. Same policies,
 * same evaluation as the gateway's question; only services may ask (NATS permissions).
 */
@Injectable()
export class IamDecisions {
  constructor(private readonly bus: Bus) {}

  async decide(ctx: RequestContext, actions: readonly string[], keyId: string): Promise<ReadonlyMap<string, ActionDecision>> {
    const body: DecideRequest = { user_id: ctx.userId, domain_id: ctx.domainId, project_id: ctx.projectId, actions, key_id: keyId };
    const answer = await this.bus.call(iamOperations.decide, { ...body }, ctx);
    return new Map(actions.map((action) => [action, answer.decisions[action] ?? 'NoAllow']));
  }
}
