import { readFileSync } from 'node:fs';
import { callApi, type ApiCredentials } from './api-client.js';

/**
 * `dew admin <command>`: IAM conveniences through the gateway, signed with the
 * bootstrap administrator's credentials ($DEW_DATA_DIR/admin-credentials.json), so nobody signs
 * by hand. Users, groups and policies may be named by name or id. (`dew iam <operation>` is the
 * generated command line over every IAM operation; these name things instead of taking ids.)
 */
export const ADMIN_USAGE = `usage: dew admin <command> [--flag value]…
  create-user --name N [--password P] [--description D]
  create-group --name N [--description D]
  add-user-to-group --group G --user U
  create-access-key --user U [--description D]        prints the AK and SK (shown once)
  create-policy --name N --file policy.json [--type XA|AX] [--description D]
  attach-policy --group G --policy P [--project ID | --all-projects | --domain]
  detach-policy --group G --policy P [--project ID | --all-projects | --domain]
  list-users | list-groups | list-policies
credentials: --credentials FILE, default $DEW_DATA_DIR/admin-credentials.json`;

type Flags = Record<string, string | true>;

function parseFlags(args: readonly string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}\n${ADMIN_USAGE}`);
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) flags[arg.slice(2)] = true;
    else {
      flags[arg.slice(2)] = next;
      i++;
    }
  }
  return flags;
}

function need(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string') throw new Error(`--${name} is required\n${ADMIN_USAGE}`);
  return value;
}

const isId = (s: string) => /^[0-9a-f]{32}$/.test(s);

async function userId(c: ApiCredentials, ref: string): Promise<string> {
  if (isId(ref)) return ref;
  const { users } = await callApi<{ users: { id: string }[] }>(c, 'GET', `/v3/users?name=${encodeURIComponent(ref)}`);
  if (!users[0]) throw new Error(`no user named ${ref}`);
  return users[0].id;
}

async function groupId(c: ApiCredentials, ref: string): Promise<string> {
  if (isId(ref)) return ref;
  const { groups } = await callApi<{ groups: { id: string }[] }>(c, 'GET', `/v3/groups?name=${encodeURIComponent(ref)}`);
  if (!groups[0]) throw new Error(`no group named ${ref}`);
  return groups[0].id;
}

async function policyId(c: ApiCredentials, ref: string): Promise<string> {
  if (isId(ref)) return ref;
  const system = await callApi<{ roles: { id: string }[] }>(c, 'GET', `/v3/roles?display_name=${encodeURIComponent(ref)}`);
  if (system.roles[0]) return system.roles[0].id;
  const custom = await callApi<{ roles: { id: string }[] }>(c, 'GET', `/v3/roles?domain_id=${c.domain_id}&display_name=${encodeURIComponent(ref)}`);
  if (!custom.roles[0]) throw new Error(`no policy named ${ref}`);
  return custom.roles[0].id;
}

function attachmentPath(c: ApiCredentials, flags: Flags, group: string, policy: string): string {
  if (flags['all-projects']) return `/v3/OS-INHERIT/domains/${c.domain_id}/groups/${group}/roles/${policy}/inherited_to_projects`;
  if (flags.domain) return `/v3/domains/${c.domain_id}/groups/${group}/roles/${policy}`;
  const project = typeof flags.project === 'string' ? flags.project : c.project_id;
  return `/v3/projects/${project}/groups/${group}/roles/${policy}`;
}

export async function runAdminCommand(args: readonly string[], defaultCredentialsFile: string): Promise<unknown> {
  const [command, ...rest] = args;
  if (command === undefined || command === 'help' || command === '--help') throw new Error(ADMIN_USAGE);
  const flags = parseFlags(rest);
  const creds = JSON.parse(readFileSync(typeof flags.credentials === 'string' ? flags.credentials : defaultCredentialsFile, 'utf8')) as ApiCredentials;
  const description = typeof flags.description === 'string' ? { description: flags.description } : {};
  switch (command) {
    case 'create-user':
      return callApi(creds, 'POST', '/v3/users', { user: { name: need(flags, 'name'), domain_id: creds.domain_id, ...(typeof flags.password === 'string' ? { password: flags.password } : {}), ...description } });
    case 'create-group':
      return callApi(creds, 'POST', '/v3/groups', { group: { name: need(flags, 'name'), domain_id: creds.domain_id, ...description } });
    case 'add-user-to-group':
      await callApi(creds, 'PUT', `/v3/groups/${await groupId(creds, need(flags, 'group'))}/users/${await userId(creds, need(flags, 'user'))}`);
      return { added: true };
    case 'create-access-key':
      return callApi(creds, 'POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: await userId(creds, need(flags, 'user')), ...description } });
    case 'create-policy': {
      const document: unknown = JSON.parse(readFileSync(need(flags, 'file'), 'utf8'));
      const type = typeof flags.type === 'string' ? flags.type : 'XA';
      return callApi(creds, 'POST', '/v3.0/OS-ROLE/roles', { role: { display_name: need(flags, 'name'), type, description: typeof flags.description === 'string' ? flags.description : '', policy: document } });
    }
    case 'attach-policy':
    case 'detach-policy': {
      const path = attachmentPath(creds, flags, await groupId(creds, need(flags, 'group')), await policyId(creds, need(flags, 'policy')));
      await callApi(creds, command === 'attach-policy' ? 'PUT' : 'DELETE', path);
      return { [command === 'attach-policy' ? 'attached' : 'detached']: true };
    }
    case 'list-users':
      return callApi(creds, 'GET', '/v3/users');
    case 'list-groups':
      return callApi(creds, 'GET', '/v3/groups');
    case 'list-policies':
      return { system: await callApi(creds, 'GET', '/v3/roles'), custom: await callApi(creds, 'GET', '/v3.0/OS-ROLE/roles') };
    default:
      throw new Error(ADMIN_USAGE);
  }
}
