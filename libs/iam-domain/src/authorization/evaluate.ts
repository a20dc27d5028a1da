/**
 * Policy evaluation: an explicit Deny beats every Allow; without an Allow the answer
 * is NoAllow. Pure and order-independent: the decision depends only on which statements match.
 */
import { namesMatching } from './action-aliases.js';
import { globMatch } from './glob.js';
import type { PolicyDocument, Statement } from '../policy-documents/policy-document.js';

export type Decision = 'Allow' | 'ExplicitDeny' | 'NoAllow';

export interface AccessRequest {
  /** e.g. `kms:cmk:create` (a route's 1.1 name, or a v5 name). */
  readonly action: string;
  /** e.g. `KMS:dew-local:<domainId>:KeyId:<keyId>` (see `keyResourceUrn`); absent for unscoped calls. */
  readonly resource?: string;
}

/** The resource URN of a CMK, as `Resource` patterns such as `KMS:*:*:KeyId:<id>` name it. */
export function keyResourceUrn(region: string, domainId: string, keyId: string): string {
  return `KMS:${region}:${domainId}:KeyId:${keyId}`;
}

/**
 * Case-insensitive glob over the whole action, also through the other names of the same operation
 * and the coarse names that cover it (never from a coarse request to fine patterns).
 */
export function actionMatches(pattern: string, action: string): boolean {
  const lower = pattern.toLowerCase();
  return namesMatching(action).some((name) => globMatch(lower, name));
}

/**
 * Glob per part of `svc:region:account:type:path` (a `*` never crosses a `:`); the service part
 * is case-insensitive, the rest case-sensitive. The request's path keeps any further colons.
 */
export function resourceMatches(pattern: string, resource: string): boolean {
  const want = pattern.split(':');
  const have = resource.split(':');
  if (want.length !== 5 || have.length < 5) return false;
  const parts = [...have.slice(0, 4), have.slice(4).join(':')];
  return want.every((w, i) => {
    const h = parts[i] ?? '';
    return i === 0 ? globMatch(w.toLowerCase(), h.toLowerCase()) : globMatch(w, h);
  });
}

/** A statement with `Resource` applies only to requests carrying a matching resource. */
export function statementMatches(statement: Statement, request: AccessRequest): boolean {
  if (!statement.Action.some((pattern) => actionMatches(pattern, request.action))) return false;
  if (statement.Resource === undefined) return true;
  const resource = request.resource;
  return resource !== undefined && statement.Resource.some((pattern) => resourceMatches(pattern, resource));
}

export function evaluate(documents: readonly PolicyDocument[], request: AccessRequest): Decision {
  let allowed = false;
  for (const document of documents) {
    for (const statement of document.Statement) {
      if (!statementMatches(statement, request)) continue;
      if (statement.Effect === 'Deny') return 'ExplicitDeny';
      allowed = true;
    }
  }
  return allowed ? 'Allow' : 'NoAllow';
}
