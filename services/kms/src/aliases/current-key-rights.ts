import { Injectable } from '@nestjs/common';
import { KeyPolicyDenies, NotAuthorizedOnKey, kmsOperations } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { IamDecisions } from '@dew/nest-kit';
import { KeyAuthority } from '../keys/key-authority.js';
import { Keyrings } from '../keys/keyrings.js';

/**
 * associate-alias touches two keys: the gateway asked IAM about the target key; this asks about
 * the key the alias names now (docs/authorization.md, "The key asked about"), so a policy limited
 * to one key cannot take another key's alias away; that key's policy is applied as on any key.
 */
@Injectable()
export class CurrentKeyRights {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly iam: IamDecisions,
    private readonly authority: KeyAuthority,
  ) {}

  async require(ctx: RequestContext, alias: string, targetKeyId: string): Promise<void> {
    const keyring = this.keyrings.of(ctx.projectId);
    const current = keyring.keyAliases.get(alias)?.keyId;
    if (current === undefined || current === targetKeyId) return;
    const { name, permission } = kmsOperations.associateAlias;
    const action = permission?.action ?? '';
    const iam = (await this.iam.decide(ctx, [action], current)).get(action) ?? 'NoAllow';
    if (iam === 'ExplicitDeny') throw NotAuthorizedOnKey(name, current, ctx.userName);
    const answer = this.authority.decide(ctx, keyring, { keyId: current, operation: name, iam });
    if (!answer.allowed) throw answer.why === 'key-policy-deny' ? KeyPolicyDenies(name, current, ctx.userName) : NotAuthorizedOnKey(name, current, ctx.userName);
  }
}
