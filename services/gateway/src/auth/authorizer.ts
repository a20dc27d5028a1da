import { Injectable } from '@nestjs/common';
import { DewError } from '@dew/contracts';
import type { Identity } from './identity.js';
import type { RouteSpec } from '../routes/route.js';

/**
 * IAM decision for a route's action. The domain administrator (the bootstrap user) is allowed
 * everything; policy evaluation for other users (Allow / ExplicitDeny / NoAllow) arrives with the
 * IAM issue — until then nobody else holds a policy, so NoAllow is the honest answer.
 */
@Injectable()
export class Authorizer {
  authorize(route: RouteSpec, identity: Identity): void {
    if (identity.isDomainAdmin) return;
    const code = route.style === 'kms' ? 'KMS.0307' : 'IAM.0006';
    throw new DewError(code, `user ${identity.userName} is not allowed to perform ${route.action}`, 403);
  }
}
