import { PageInvalid, PerPageInvalid, type RoleOption } from '@dew/contracts';
import { findSystemPolicy, requireCustomPolicy, type ActiveAccount } from '@dew/iam-domain';
import { customPolicyView, systemPolicyView } from '../iam-views.js';

/** A custom policy of the account as a RoleResult; IAM.0002 when it has none of that id. */
export const customPolicy = (state: ActiveAccount, id: string) => customPolicyView(requireCustomPolicy(state, id), state.domainId);

/** A built-in policy, or else a custom one of the account (whose state is read only then). */
export function anyPolicy(id: string, state: () => ActiveAccount) {
  const system = findSystemPolicy(id);
  return system ? systemPolicyView(system) : customPolicy(state(), id);
}

/** The command fields a RoleOption of `create-policy` / `update-policy` carries. */
export function policyFields(role: RoleOption) {
  return { displayName: role.display_name, policyType: role.type, description: role.description, ...(role.description_cn !== undefined ? { descriptionCn: role.description_cn } : {}), document: role.policy };
}

/** One page of a list (`page` from 1, `per_page` 1..300) as /v3/roles and OS-ROLE/roles take it. */
export function page<T>(items: readonly T[], r: { page?: string; per_page?: string }): T[] {
  if (r.page === undefined && r.per_page === undefined) return [...items];
  const pageNo = Number(r.page ?? '1');
  const perPage = Number(r.per_page ?? '300');
  if (!Number.isInteger(pageNo) || pageNo < 1) throw PageInvalid(String(r.page));
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 300) throw PerPageInvalid(300, String(r.per_page));
  return items.slice((pageNo - 1) * perPage, pageNo * perPage);
}
