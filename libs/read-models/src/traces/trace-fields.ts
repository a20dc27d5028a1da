import { DEFAULT_ENTERPRISE_PROJECT_ID } from '@dew/kms-domain';
import type { TraceUser, TraceUserType } from './trace.js';
import { enterpriseProjectIn } from './trace-values.js';

export { operationId, resourceUrl } from './trace-values.js';

/** Who a trace's operation came from, as the stream recorded it (event headers or audit record). */
export interface Operator {
  readonly id: string;
  readonly name: string;
  readonly domainId: string;
  readonly domainName: string;
  readonly accessKeyId: string;
  readonly rootUser: boolean;
  readonly traceType: string;
}

/** The user id DEW's own work (schedulers, the runner) runs under. */
const SYSTEM_USER_ID = 'system';

function userType(id: string): TraceUserType {
  if (id === SYSTEM_USER_ID) return 'System';
  return id ? 'User' : 'Anonymous';
}

/**
 * CTS `UserInfo` of an operator (docs/cts-traces.md). Principal fields and the access key belong
 * to a verified user only: a refusal before authentication names nobody, whatever it claimed.
 */
export function traceUser(op: Operator): TraceUser {
  const type = userType(op.id);
  const verified = type === 'User';
  const user: { -readonly [K in keyof TraceUser]: TraceUser[K] } = {
    id: op.id,
    name: op.name,
    user_name: op.name,
    domain: { id: op.domainId, name: op.domainName },
    account_id: op.domainId,
    access_key_id: verified ? op.accessKeyId : '',
    principal_id: verified ? op.id : '',
    principal_urn: verified && op.domainId ? `iam::${op.domainId}:user:${op.name}` : '',
    principal_is_root_user: verified && op.rootUser ? 'true' : 'false',
    type,
  };
  if (op.traceType === 'ConsoleAction') user.invoked_by = ['service.console'];
  return user;
}

/** The enterprise project a trace falls in: the resource's own, else the default; none for account-wide traces. */
export const enterpriseProjectOf = (projectId: string, own: string | undefined): string => enterpriseProjectIn(projectId, own, DEFAULT_ENTERPRISE_PROJECT_ID);

/**
 * The enterprise project of each key as its events set it (creation, move). Traces of later
 * events of the key (which do not repeat it) take it from here; the live index and the replay
 * fold the same events in the same order, so both derive the same value.
 */
export interface EnterpriseProjects {
  get(keyId: string): string | undefined;
  set(keyId: string, enterpriseProjectId: string): unknown;
}
