/**
 * What IAM's served operations answer (bodies only; a 201 or a header travels in the HttpReply).
 * Field names and JSON types follow Huawei IAM's SDK models; the gateway's conformance tables
 * check them on the wire. Links are paths: the gateway makes them absolute.
 */

/** The answer of a route Huawei documents as 204 No Content. */
export type NoContentReply = Record<string, never>;

/** Links: Keystone sends null when there is no previous or next page. */
export interface IamLinks {
  readonly self: string;
  readonly previous: string | null;
  readonly next: string | null;
}
export interface IamSelfLink {
  readonly self: string;
}
/** An answer of one field: the resource under its name (`{ "user": {...} }`). */
export type Wrapped<K extends string, V> = { readonly [P in K]: V };

/** A list answer: the resources under their name, with Keystone's paging links. */
export type Listed<K extends string, V> = Wrapped<K, readonly V[]> & { readonly links: IamLinks };

export interface IamIdRef {
  readonly id: string;
}
export interface IamNamedRef {
  readonly id: string;
  readonly name: string;
}

/** KeystoneShowUserResult (a superset of the create and update results); DEW sets no password expiry. */
export interface KeystoneUserView {
  readonly id: string;
  readonly name: string;
  readonly domain_id: string;
  readonly enabled: boolean;
  readonly description: string;
  readonly password_expires_at: null;
  readonly pwd_status: boolean;
  /** Absent for a user without a password. */
  readonly pwd_strength?: string;
  readonly access_mode: string;
  readonly last_project_id: string;
  readonly is_domain_owner: boolean;
  readonly create_time: string;
  readonly links: IamLinks;
}

/** ShowUserResult of `/v3.0/OS-USER/users` (a superset of CreateUserResult / UpdateUserResult). */
export interface OsUserView {
  readonly id: string;
  readonly name: string;
  readonly domain_id: string;
  readonly enabled: boolean;
  readonly description: string;
  readonly access_mode: string;
  readonly pwd_status: boolean;
  readonly pwd_strength: string;
  readonly is_domain_owner: boolean;
  readonly default_project_id: string;
  readonly create_time: string;
  readonly update_time: string;
  readonly links: IamLinks;
}

export interface GroupView {
  readonly id: string;
  readonly name: string;
  readonly domain_id: string;
  readonly description: string;
  /** Epoch milliseconds, an integer as Huawei's model declares it. */
  readonly create_time: number;
  readonly links: IamLinks;
}

export interface ProjectView {
  readonly id: string;
  readonly name: string;
  readonly domain_id: string;
  readonly parent_id: string;
  readonly enabled: boolean;
  readonly is_domain: boolean;
  readonly description: string;
  readonly links: IamLinks;
}

export interface DomainView {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly description: string;
  readonly links: IamLinks;
}

export type UserReply = Wrapped<'user', KeystoneUserView>;
export type UsersReply = Listed<'users', KeystoneUserView>;
export type OsUserReply = Wrapped<'user', OsUserView>;
export type GroupReply = Wrapped<'group', GroupView>;
export type GroupsReply = Listed<'groups', GroupView>;
export type ProjectReply = Wrapped<'project', ProjectView>;
export type ProjectsReply = Listed<'projects', ProjectView>;
/** `GET /v3/auth/projects` links only to itself. */
export interface AuthProjectsReply {
  readonly projects: readonly ProjectView[];
  readonly links: IamSelfLink;
}
export type AuthDomainsReply = Listed<'domains', DomainView>;

export interface TokenEndpoint {
  readonly id: string;
  readonly url: string;
  readonly region: string;
  readonly region_id: string;
  readonly interface: string;
}
export interface TokenCatalogEntry {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly endpoints: readonly TokenEndpoint[];
}
/** TokenResult: `catalog` unless `nocatalog`; `project` or `domain` after the token's scope. */
export interface TokenView {
  readonly expires_at: string;
  readonly issued_at: string;
  readonly methods: readonly string[];
  readonly catalog?: readonly TokenCatalogEntry[];
  readonly roles: readonly IamNamedRef[];
  readonly user: { readonly id: string; readonly name: string; readonly password_expires_at: string; readonly domain: IamNamedRef };
  readonly project?: { readonly id: string; readonly name: string; readonly domain: IamNamedRef };
  readonly domain?: IamNamedRef;
}
/** The body of the token routes; the token itself travels in `X-Subject-Token`. */
export type TokenReply = Wrapped<'token', TokenView>;

/** A permanent access key (never its SK but in the create answer). */
export interface AccessKeyView {
  readonly user_id: string;
  readonly access: string;
  readonly status: string;
  readonly create_time: string;
  readonly description: string;
}
export type CreatedAccessKeyReply = Wrapped<'credential', AccessKeyView & { readonly secret: string }>;
export type AccessKeyReply = Wrapped<'credential', AccessKeyView>;
export type ShownAccessKeyReply = Wrapped<'credential', AccessKeyView & { readonly last_use_time: string }>;
export type AccessKeysReply = Wrapped<'credentials', readonly AccessKeyView[]>;

/** `iam.bootstrap`: the first account's ids; `secret` only when this call created them. */
export interface BootstrapReply {
  readonly created: boolean;
  readonly domain_id: string;
  readonly project_id: string;
  readonly user_id: string;
  readonly user_name: string;
  readonly access: string;
  readonly secret?: string;
}
