import { TokenInvalid } from '@dew/contracts';
import { findUser, tokenRefusal, type ActiveAccount } from '@dew/iam-domain';
import type { TokenClaims } from './token.service.js';

/** IAM.0002 unless the token still answers for a request naming `projectId` (docs/iam-security.md). */
export function checkTokenUse(account: ActiveAccount, claims: TokenClaims, projectId?: string): void {
  const reason = tokenRefusal(findUser(account, claims.userId), claims, projectId);
  if (reason !== null) throw TokenInvalid(reason);
}
