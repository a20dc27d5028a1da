import { Injectable } from '@nestjs/common';
import { ActionNotAllowed, KeyNotFound, KeyPolicyDenies, NotAuthorizedOnKey, kmsOperations, type DewError } from '@dew/contracts';
import { actionMatches } from '@dew/iam-domain';
import { decideKeyAccess, findKey, grantRights, keyPolicyVerdict, type KeyAccessAnswer, type Keyring } from '@dew/kms-domain';
import type { IamDecision, RequestContext } from '@dew/messaging';

/** The action of each KMS operation, as its row declares it (the key policy is asked about it). */
const ACTION_OF: ReadonlyMap<string, string> = new Map(
  Object.values(kmsOperations).flatMap((row) => (row.permission ? [[row.name, row.permission.action] as const] : [])),
);

/** What is asked: an operation (grants list these) on one key, with IAM's decision on its action. */
export interface KeyUse {
  readonly keyId: string;
  readonly operation: string;
  readonly iam: IamDecision;
}

/**
 * The one place kms decides whether the caller may use a key (docs/authorization.md, "Key
 * policies"): IAM's decision from the gateway, the key's grants and the key's policy, combined by
 * `decideKeyAccess`. The key is the one the operation really touches, in the keyring that holds it.
 */
@Injectable()
export class KeyAuthority {
  decide(ctx: RequestContext, keyring: Keyring, use: KeyUse): KeyAccessAnswer {
    const key = findKey(keyring, use.keyId);
    const who = { userId: ctx.userId, domainId: ctx.domainId };
    const action = ACTION_OF.get(use.operation) ?? use.operation;
    const rights: ReadonlySet<string> = grantRights(keyring, use.keyId, who);
    return decideKeyAccess({
      iam: use.iam,
      ownProject: keyring.projectId === ctx.projectId,
      grantCovers: rights.has(use.operation),
      keyPolicy: keyPolicyVerdict(key?.policy?.document, who, action, actionMatches),
    });
  }

  /**
   * The keyring back when allowed, else the refusal: outside the caller's project a refused key
   * reads as absent (404 KMS.0207, its existence is not revealed); a key-policy Deny is KMS.2804;
   * otherwise `noAllow` (grant-coverable calls: KMS.0306; others: the gateway's own KMS.0307).
   */
  require(ctx: RequestContext, keyring: Keyring, use: KeyUse, noAllow: 'grant' | 'action' = 'grant'): Keyring {
    const answer = this.decide(ctx, keyring, use);
    if (answer.allowed) return keyring;
    throw this.#refusal(ctx, keyring, use, answer.why, noAllow);
  }

  #refusal(ctx: RequestContext, keyring: Keyring, use: KeyUse, why: 'iam-deny' | 'key-policy-deny' | 'no-allow', noAllow: 'grant' | 'action'): DewError {
    if (keyring.projectId !== ctx.projectId) return KeyNotFound(use.keyId.slice(0, 64));
    if (why === 'key-policy-deny') return KeyPolicyDenies(use.operation, use.keyId, ctx.userName);
    if (noAllow === 'action') return ActionNotAllowed('KMS.0307', ctx.userName, ACTION_OF.get(use.operation) ?? use.operation, 'no policy allows it');
    return NotAuthorizedOnKey(use.operation, use.keyId, ctx.userName);
  }
}
