import { Injectable } from '@nestjs/common';
import { ActionNotAllowed, type ErrorCode } from '@dew/contracts';
import type { IamDecision } from '@dew/messaging';
import type { Authenticated, Decision } from './identity.js';
import type { ErrorStyle, RouteSpec } from '../routes/route.js';

/** Each family's refusal of an action IAM does not allow. */
const FORBIDDEN_CODE: Readonly<Partial<Record<ErrorStyle, ErrorCode>>> = { kms: 'KMS.0307', csms: 'CSMS.0403', kps: 'KPS.0403', dhsm: 'DHSM.0403' };

/** The decisions that travel to the service: on the key asked about, and on a second key when the row names one. */
export interface Decisions {
  readonly iamDecision: IamDecision;
  readonly secondKeyDecision?: IamDecision;
}

/** The keys IAM was asked about (the gateway's key-target). */
export interface AskedKeys {
  readonly keyId?: string;
  readonly secondKeyId?: string;
}

/**
 * Applies IAM's decision to the route (docs/architecture.md, "Authorization"): Allow goes on;
 * ExplicitDeny (on any key asked about) is a 403 at once; NoAllow is a 403 too, except where a
 * key's grants or key policy may still allow the call: on operations a grant can cover, and on
 * every operation that acts on a named key. There it travels to kms, which decides on that key.
 */
@Injectable()
export class Authorizer {
  authorize(route: RouteSpec, auth: Authenticated, keys: AskedKeys = {}): Decisions {
    if ((route.access ?? 'action') !== 'action') return { iamDecision: 'Allow' };
    const iamDecision = this.#apply(route, auth, auth.decision, route.action, route.grantCoverable === true || (route.onKey === true && keys.keyId !== undefined));
    if (!route.secondKey) return { iamDecision };
    // The second key is always a named key: its NoAllow goes on, its grants and key policy decide.
    const second = keys.secondKeyId === undefined ? 'NoAllow' : auth.secondDecision ?? 'NoAllow';
    return { iamDecision, secondKeyDecision: this.#apply(route, auth, second, route.secondKey.action, true) };
  }

  #apply(route: RouteSpec, auth: Authenticated, decision: Decision, action: string, keyMayDecide: boolean): IamDecision {
    if (decision === 'Allow') return 'Allow';
    if (decision === 'NoAllow' && keyMayDecide) return 'NoAllow';
    const code = FORBIDDEN_CODE[route.style] ?? 'IAM.0006';
    const why = decision === 'ExplicitDeny' ? 'an explicit Deny applies' : 'no policy allows it';
    throw ActionNotAllowed(code, auth.identity.userName, action, why);
  }
}
