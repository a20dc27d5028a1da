import { IamUsers, marker, type DewSystem, type SdkClient } from '@dew/testing';

/**
 * A console user as an administrator would make one: an IAM user with a password, in a group
 * holding the named system policies (display names, as `dew iam list-policies` prints them).
 */
export async function consoleUser(dew: DewSystem, admin: SdkClient, prefix: string, policies: readonly string[]): Promise<{ name: string; password: string }> {
  const iam = new IamUsers(dew, admin, prefix);
  const made = await iam.withPolicies(await Promise.all(policies.map((p) => iam.systemPolicy(p))));
  const password = marker('password');
  const named = await admin.call<{ user: { name: string } }>('PATCH', `/v3/users/${made.id}`, { user: { password } });
  if (named.status !== 200) throw new Error(`setting ${made.id}'s password answered ${named.status}`);
  return { name: named.body.user.name, password };
}
