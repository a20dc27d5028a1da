import { PageInvalid, PagingIncomplete, PerPageInvalid, QueryValueNotAllowed } from '@dew/contracts';
import { allAttachments, type ActiveAccount, type Attachment } from '@dew/iam-domain';

/** The query of `GET /v3.0/OS-PERMISSION/role-assignments` (ShowDomainRoleAssignments). */
export interface RoleAssignmentQuery {
  readonly role_id?: string;
  readonly subject?: string;
  readonly 'subject.user_id'?: string;
  readonly 'subject.group_id'?: string;
  readonly 'subject.agency_id'?: string;
  readonly scope?: string;
  readonly 'scope.project_id'?: string;
  readonly 'scope.domain_id'?: string;
  readonly 'scope.enterprise_projects_id'?: string;
  readonly is_inherited?: string;
  readonly include_group?: string;
  readonly page?: string;
  readonly per_page?: string;
}

const MAX_PER_PAGE = 50;

function oneOf<T extends string>(field: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  throw QueryValueNotAllowed(field, allowed.join(', '), value.slice(0, 32));
}

const flag = (field: string, value: string | undefined, byDefault: boolean) => (oneOf(field, value, ['true', 'false']) ?? String(byDefault)) === 'true';

/** DEW grants policies to groups only: a user holds what their groups hold, an agency nothing. */
function subjectMatches(state: ActiveAccount, a: Attachment, q: RoleAssignmentQuery): boolean {
  const subject = oneOf('subject', q.subject, ['user', 'group', 'agency']);
  if (subject === 'agency' || q['subject.agency_id'] !== undefined) return false;
  if (q['subject.group_id'] !== undefined && a.groupId !== q['subject.group_id']) return false;
  const userId = q['subject.user_id'];
  if (userId === undefined && subject !== 'user') return true;
  if (!flag('include_group', q.include_group, true)) return false;
  return userId === undefined || (state.groups.get(a.groupId)?.members.has(userId) ?? false);
}

function scopeMatches(state: ActiveAccount, a: Attachment, q: RoleAssignmentQuery): boolean {
  const scope = oneOf('scope', q.scope, ['project', 'domain', 'enterprise_project']);
  if (scope === 'enterprise_project' || q['scope.enterprise_projects_id'] !== undefined) return false;
  const projectId = q['scope.project_id'];
  if (scope === 'project' || projectId !== undefined) return a.scope.kind === 'project' && (projectId === undefined || a.scope.projectId === projectId);
  const domainId = q['scope.domain_id'];
  if (scope !== 'domain' && domainId === undefined) return true;
  if (domainId !== undefined && domainId !== state.domainId) return false;
  return a.scope.kind === (flag('is_inherited', q.is_inherited, false) ? 'all-projects' : 'domain');
}

function assignmentView(state: ActiveAccount, a: Attachment) {
  const scope = a.scope.kind === 'project' ? { project: { id: a.scope.projectId } } : { domain: { id: state.domainId } };
  return { role: { id: a.policyId }, group: { id: a.groupId }, scope, is_inherited: a.scope.kind === 'all-projects' };
}

/** One page (`page` from 1, `per_page` 1..50, given together) of the matching assignments, and their count. */
export function listRoleAssignments(state: ActiveAccount, q: RoleAssignmentQuery) {
  const matching = allAttachments(state).filter((a) => (q.role_id === undefined || a.policyId === q.role_id) && subjectMatches(state, a, q) && scopeMatches(state, a, q));
  if ((q.page === undefined) !== (q.per_page === undefined)) throw PagingIncomplete();
  let shown = matching;
  if (q.page !== undefined && q.per_page !== undefined) {
    const page = Number(q.page);
    const perPage = Number(q.per_page);
    if (!Number.isInteger(page) || page < 1) throw PageInvalid(`"${q.page.slice(0, 16)}"`);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) throw PerPageInvalid(MAX_PER_PAGE, `"${q.per_page.slice(0, 16)}"`);
    shown = matching.slice((page - 1) * perPage, page * perPage);
  }
  return { role_assignments: shown.map((a) => assignmentView(state, a)), total_num: matching.length };
}
