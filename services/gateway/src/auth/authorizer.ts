import { Injectable } from '@nestjs/common';
import { ActionNotAllowed } from '@dew/contracts';
import type { IamDecision } from '@dew/messaging';
import type { Authenticated } from './identity.js';
import type { RouteSpec } from '../routes/route.js';

/**
 * Applies IAM's decision to the route (docs/architecture.md, "Authorization"): Allow goes on;
 * ExplicitDeny is a 403 at once; NoAllow is a 403 too, except on key operations a grant can
 * cover, where it travels to kms as a flag and the key's grants decide.
 */
@Injectable()
export class Authorizer {
  authorize(route: RouteSpec, auth: Authenticated): IamDecision {
    if ((route.access ?? 'action') !== 'action' || auth.decision === 'Allow') return 'Allow';
    if (auth.decision === 'NoAllow' && route.grantCoverable) return 'NoAllow';
    const code = route.style === 'kms' ? 'KMS.0307' : route.style === 'csms' ? 'CSMS.0403' : 'IAM.0006';
    const why = auth.decision === 'ExplicitDeny' ? 'an explicit Deny applies' : 'no policy allows it';
    throw ActionNotAllowed(code, auth.identity.userName, route.action, why);
  }
}
