import { Injectable } from '@nestjs/common';
import { ActionNotAllowed, type ErrorCode } from '@dew/contracts';
import type { IamDecision } from '@dew/messaging';
import type { Authenticated } from './identity.js';
import type { ErrorStyle, RouteSpec } from '../routes/route.js';

/** Each family's refusal of an action IAM does not allow. */
const FORBIDDEN_CODE: Readonly<Partial<Record<ErrorStyle, ErrorCode>>> = { kms: 'KMS.0307', csms: 'CSMS.0403', kps: 'KPS.0403', dhsm: 'DHSM.0403' };

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
    const code = FORBIDDEN_CODE[route.style] ?? 'IAM.0006';
    const why = auth.decision === 'ExplicitDeny' ? 'an explicit Deny applies' : 'no policy allows it';
    throw ActionNotAllowed(code, auth.identity.userName, route.action, why);
  }
}
