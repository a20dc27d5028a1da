/** What IAM's policy routes answer (RoleResult and its kin in Huawei IAM's SDK models). */
import type { IamIdRef, IamLinks, Listed, Wrapped } from './replies.js';

export interface PolicyStatementView {
  readonly Effect: string;
  readonly Action: readonly string[];
  readonly Resource?: readonly string[];
}
export interface PolicyDocumentView {
  readonly Version: string;
  readonly Statement: readonly PolicyStatementView[];
}

interface RoleFields {
  readonly id: string;
  readonly name: string;
  readonly display_name: string;
  readonly type: string;
  readonly description: string;
  readonly description_cn: string;
  readonly catalog: string;
  readonly policy: PolicyDocumentView;
  readonly created_time: string;
  readonly updated_time: string;
  readonly links: IamLinks;
}
/** A custom policy of the account. */
export interface CustomRoleView extends RoleFields {
  readonly domain_id: string;
}
/** A built-in policy: no domain, always `fine_grained`. */
export interface SystemRoleView extends RoleFields {
  readonly flag: string;
}
export type RoleView = CustomRoleView | SystemRoleView;

export type CustomRoleReply = Wrapped<'role', CustomRoleView>;
export type ShownCustomRoleReply = Wrapped<'role', CustomRoleView & { readonly references: number }>;
export type CustomRolesReply = Listed<'roles', CustomRoleView> & { readonly total_number: number };
export type RoleReply = Wrapped<'role', RoleView>;
/** `total_number` only when the account's custom policies were listed (`domain_id` given). */
export type RolesReply = Listed<'roles', RoleView> & { readonly total_number?: number };
export type DeletedRoleReply = Wrapped<'message', string>;

/** RoleAssignmentBody: DEW grants policies to groups only, on a project or the domain. */
export interface RoleAssignmentView {
  readonly role: IamIdRef;
  readonly group: IamIdRef;
  readonly scope: { readonly project?: IamIdRef; readonly domain?: IamIdRef };
  readonly is_inherited: boolean;
}
export interface RoleAssignmentsReply {
  readonly role_assignments: readonly RoleAssignmentView[];
  readonly total_num: number;
}
