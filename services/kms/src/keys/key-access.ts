import { Injectable } from '@nestjs/common';
import { KeyNotFound } from '@dew/contracts';
import { findKey, type Keyring } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Keyrings } from './keyrings.js';
import { KeyIndex } from './key-index.js';
import { KeyAuthority } from './key-authority.js';

/**
 * Who may use a key (docs/architecture.md, "Authorization"): the key is looked up in the caller's
 * project, else through the index in the project that holds it; then IAM's decision (an Allow
 * counts on the caller's own project only), the key's grants and its key policy decide
 * (KeyAuthority). An explicit IAM Deny never reaches here (the gateway refused it).
 */
@Injectable()
export class KeyAccess {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly index: KeyIndex,
    private readonly authority: KeyAuthority,
  ) {}

  /** The keyring that holds the key, once the caller may perform `operation` on it (`ctx.iamDecision`: IAM's on that key). */
  resolve(ctx: RequestContext, keyId: string, operation: string): Keyring {
    const own = this.keyrings.of(ctx.projectId);
    const projectId = findKey(own, keyId) !== undefined ? ctx.projectId : this.index.projectOf(keyId);
    const keyring = projectId ? this.keyrings.of(projectId) : undefined;
    if (!keyring || !findKey(keyring, keyId)) throw KeyNotFound(keyId.slice(0, 64));
    return this.authority.require(ctx, keyring, { keyId, operation, iam: ctx.iamDecision });
  }
}
