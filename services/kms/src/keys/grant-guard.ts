import { DewError } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';

/**
 * For operations a grant can cover, the gateway forwards an IAM NoAllow instead of refusing
 * (ARCHITECTURE.md "Authorization"). Until grants exist no grant can allow anything, so such a
 * request is refused here with the "no permission on the key" code.
 */
export function requireIamAllow(ctx: RequestContext, operation: string, keyId: string): void {
  if (ctx.iamDecision === 'NoAllow') {
    throw new DewError('KMS.0306', `no IAM policy or grant allows ${operation} on key ${keyId.slice(0, 64)} for user ${ctx.userName}`);
  }
}
