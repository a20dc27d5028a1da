import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { request, subjects, type RequestContext } from '@dew/messaging';
import { NATS_CONNECTION } from './config.js';

export type ActionDecision = 'Allow' | 'ExplicitDeny' | 'NoAllow';

/** `iam.decide` request body: the caller of the current request, the actions, the key they touch. */
export interface DecideRequest {
  readonly user_id: string;
  readonly domain_id: string;
  readonly project_id: string;
  readonly actions: readonly string[];
  readonly key_id?: string;
}
export interface DecideAnswer {
  readonly decisions: Readonly<Record<string, ActionDecision>>;
}

/**
 * IAM's decision on actions the caller did not name in the request but the service performs for
 * them (docs/authorization.md): a grant's operations, a secret's data-key calls. Same policies,
 * same evaluation as the gateway's question; only services may ask (NATS permissions).
 */
@Injectable()
export class IamDecisions {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async decide(ctx: RequestContext, actions: readonly string[], keyId: string): Promise<ReadonlyMap<string, ActionDecision>> {
    const body: DecideRequest = { user_id: ctx.userId, domain_id: ctx.domainId, project_id: ctx.projectId, actions, key_id: keyId };
    const answer = await request<DecideAnswer>(this.nc, subjects.iam('decide'), body, ctx);
    return new Map(actions.map((action) => [action, answer.decisions[action] ?? 'NoAllow']));
  }
}
