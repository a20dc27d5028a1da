import { Injectable } from '@nestjs/common';
import { NotAuthorizedOnKey, kmsOperations } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { IamDecisions } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';

/**
 * associate-alias touches two keys: the gateway asked IAM about the target key; this asks about
 * the key the alias names now (docs/authorization.md, "The key asked about"), so a policy limited
 * to one key cannot take another key's alias away.
 */
@Injectable()
export class CurrentKeyRights {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly iam: IamDecisions,
  ) {}

  async require(ctx: RequestContext, alias: string, targetKeyId: string): Promise<void> {
    const current = this.keyrings.of(ctx.projectId).keyAliases.get(alias)?.keyId;
    if (current === undefined || current === targetKeyId) return;
    const action = kmsOperations.associateAlias.permission?.action ?? '';
    const decision = (await this.iam.decide(ctx, [action], current)).get(action);
    if (decision !== 'Allow') throw NotAuthorizedOnKey(kmsOperations.associateAlias.name, current, ctx.userName);
  }
}
