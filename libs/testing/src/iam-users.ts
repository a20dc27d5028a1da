import { DewSystem } from './dew-system.js';
import { rememberSecret } from './secrets-ledger.js';
import type { SdkClient } from './sdk-client.js';

export interface PolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: readonly string[];
  readonly Resource?: readonly string[];
}

/** Users of the first domain with exactly the policies a test names, made through IAM's API as an administrator would. */
export class IamUsers {
  #count = 0;

  /** `home`: the domain and project the users are made in (another domain's admin client makes its own). */
  constructor(
    private readonly dew: DewSystem,
    private readonly admin: SdkClient,
    private readonly prefix: string,
    private readonly home: { readonly domain_id: string; readonly project_id: string } = dew.credentials,
  ) {}

  async systemPolicy(displayName: string): Promise<string> {
    const res = await this.admin.call<{ roles: { id: string }[] }>('GET', `/v3/roles?display_name=${encodeURIComponent(displayName)}`);
    const id = res.body.roles[0]?.id;
    if (!id) throw new Error(`no system policy ${displayName}`);
    return id;
  }

  async customPolicy(statements: readonly PolicyStatement[]): Promise<string> {
    const res = await this.admin.call<{ role: { id: string } }>('POST', '/v3.0/OS-ROLE/roles', {
      role: { display_name: `${this.prefix}-policy-${++this.#count}`, type: 'XA', description: '', policy: { Version: '1.1', Statement: statements } },
    });
    expect(res.status).toBe(201);
    return res.body.role.id;
  }

  /** A user whose one group holds exactly these policies in the project (none: no IAM rights). */
  async withPolicies(policyIds: readonly string[]): Promise<{ id: string; client: SdkClient }> {
    const n = ++this.#count;
    const { dew, admin, home } = this;
    const user = await admin.call<{ user: { id: string } }>('POST', '/v3/users', { user: { name: `${this.prefix}-user-${n}`, domain_id: home.domain_id } });
    const group = await admin.call<{ group: { id: string } }>('POST', '/v3/groups', { group: { name: `${this.prefix}-group-${n}` } });
    expect([user.status, group.status]).toEqual([201, 201]);
    expect((await admin.call('PUT', `/v3/groups/${group.body.group.id}/users/${user.body.user.id}`)).status).toBe(204);
    for (const id of policyIds) {
      expect((await admin.call('PUT', `/v3/projects/${home.project_id}/groups/${group.body.group.id}/roles/${id}`)).status).toBe(204);
    }
    const ak = await admin.call<{ credential: { access: string; secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: user.body.user.id } });
    rememberSecret('secret-key', ak.body.credential.secret);
    return { id: user.body.user.id, client: dew.client({ access: ak.body.credential.access, secret: ak.body.credential.secret, project_id: home.project_id }) };
  }
}

/** A started system, its administrator's client and a maker of IAM users named after `prefix`: an authorization spec's setup. */
export async function startWithIamUsers(prefix: string): Promise<{ dew: DewSystem; admin: SdkClient; iam: IamUsers }> {
  const dew = await DewSystem.start();
  const admin = dew.client();
  return { dew, admin, iam: new IamUsers(dew, admin, prefix) };
}
