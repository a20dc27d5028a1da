import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { ActionNotAllowed, kmsOperations } from '@dew/contracts';
import { findKey } from '@dew/kms-domain';
import { readContext } from '@dew/messaging';
import { operationOfHandler } from '@dew/nest-kit';
import { Keyrings } from './keyrings.js';
import { KeyAuthority } from './key-authority.js';

/**
 * Managing a key's policy is IAM's alone: the policy never grants or denies rights on itself, so
 * no policy can lock the key's administrators out, nor let a principal it names rewrite it.
 */
const POLICY_MANAGEMENT: ReadonlySet<string> = new Set(
  [kmsOperations.createKeyPolicy, kmsOperations.showKeyPolicy, kmsOperations.updateKeyPolicy, kmsOperations.deleteKeyPolicy, kmsOperations.listKeyPolicies].map((row) => row.name),
);

/**
 * Every KMS handler on a key passes here before it runs (docs/authorization.md, "Key policies"):
 * for operations no grant can cover that act on the key their request names (the row's `onKey`),
 * KeyAuthority decides on that key (IAM's decision, the key's policy). Grant-coverable and
 * two-key operations decide in KeyAccess, on each key they resolve (which may be another
 * project's). An operation without a named key needs an IAM Allow, as at the gateway.
 */
@Injectable()
export class KeyAuthorizationGuard implements CanActivate {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly authority: KeyAuthority,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const row = operationOfHandler(context.getHandler());
    // Their handlers resolve each key through KeyAccess, which decides with grants and key policy.
    if (row?.permission?.resource !== 'cmk' || row.flags.grantCoverable || row.flags.secondKey) return true;
    const rpc = context.switchToRpc();
    const ctx = readContext(rpc.getContext<NatsContext>().getHeaders());
    const data: unknown = rpc.getData();
    // The same field the gateway asked IAM about and the handler acts on (the row's keyField).
    const keyId = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[row.flags.keyField ?? 'key_id'] : undefined;
    const own = this.keyrings.of(ctx.projectId);
    const ownKey = typeof keyId === 'string' && findKey(own, keyId) !== undefined;
    if (row.flags.onKey === true && ownKey && !POLICY_MANAGEMENT.has(row.name)) {
      this.authority.require(ctx, own, { keyId, operation: row.name, iam: ctx.iamDecision }, 'action');
      return true;
    }
    // Another project's key: the handler's KeyAccess decides where the key lives (404 unless its policy allows).
    if (row.flags.keyOfAnyProject === true && typeof keyId === 'string' && !ownKey) return true;
    // No key of the caller's project, or an operation on no single key: only an IAM Allow goes on.
    if (ctx.iamDecision !== 'Allow') throw ActionNotAllowed('KMS.0307', ctx.userName, row.permission.action, 'no policy allows it');
    return true;
  }
}
