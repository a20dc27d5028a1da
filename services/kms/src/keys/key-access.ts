import { Injectable } from '@nestjs/common';
import { KeyNotFound, NotAuthorizedOnKey } from '@dew/contracts';
import { findKey, grantRights, type Keyring } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Keyrings } from './keyrings.js';
import { KeyIndex } from './key-index.js';

/**
 * Who may use a key (docs/architecture.md, "Authorization"): with an IAM Allow, the keys of the caller's
 * own project; otherwise — and for keys of any other project or domain — exactly the operations
 * the key's grants give the caller (union of its grants). An IAM Allow never opens another
 * project's keys; an explicit Deny never reaches here (the gateway refused it).
 */
@Injectable()
export class KeyAccess {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly index: KeyIndex,
  ) {}

  /** The keyring that holds the key, once the caller may perform `operation` on it. */
  resolve(ctx: RequestContext, keyId: string, operation: string): Keyring {
    const own = this.keyrings.of(ctx.projectId);
    const inOwnProject = findKey(own, keyId) !== undefined;
    if (inOwnProject && ctx.iamDecision !== 'NoAllow') return own;
    const projectId = inOwnProject ? ctx.projectId : this.index.projectOf(keyId);
    const keyring = projectId ? this.keyrings.of(projectId) : undefined;
    if (!keyring || !findKey(keyring, keyId)) throw KeyNotFound(keyId.slice(0, 64));
    const rights: ReadonlySet<string> = grantRights(keyring, keyId, { userId: ctx.userId, domainId: ctx.domainId });
    if (rights.has(operation)) return keyring;
    // Outside the caller's project the key's existence is not revealed.
    if (!inOwnProject) throw KeyNotFound(keyId.slice(0, 64));
    throw NotAuthorizedOnKey(operation, keyId, ctx.userName);
  }
}
