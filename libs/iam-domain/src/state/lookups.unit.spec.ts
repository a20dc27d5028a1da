import {
  requireAccessKey,
  requireAttachedPolicy,
  requireCustomPolicy,
  requireGroup,
  requireMembership,
  requireProject,
  requireUser,
  SYSTEM_POLICY_IDS,
} from '../index.js';
import { AK1, refusal } from '../account.fixtures.spec.js';
import { GROUP_ID, POLICY_ID, PROJECT_ID, USER2_ID, USER_ID, activeOf, allow, createPolicy, run, world } from '../iam.fixtures.spec.js';

const MISSING = 'ffffffffffffffffffffffffffffffff';
const LONG = 'x'.repeat(70);
const withPolicy = () =>
  activeOf(run(world(), createPolicy(allow('kms:cmk:list')), { type: 'AttachPolicy', groupId: GROUP_ID, policyId: POLICY_ID, scope: { kind: 'project', projectId: PROJECT_ID }, now: 0 }));

describe('service lookups that refuse by name', () => {
  it('requireUser: present → the user; missing → IAM.0002 naming the id cut to 64, unquoted', () => {
    expect(requireUser(activeOf(world()), USER_ID).name).toBe('alice');
    expect(refusal(() => requireUser(activeOf(world()), LONG))).toMatchObject({ code: 'IAM.0002', status: 404, message: `user ${'x'.repeat(64)} does not exist` });
  });

  it('requireGroup: present → the group; missing → IAM.0002 naming the id', () => {
    expect(requireGroup(activeOf(world()), GROUP_ID).name).toBe('ops');
    expect(refusal(() => requireGroup(activeOf(world()), MISSING))).toMatchObject({ code: 'IAM.0002', message: `group ${MISSING} does not exist` });
  });

  it('requireProject: present → the project; missing → IAM.0002 naming the id', () => {
    expect(requireProject(world(), PROJECT_ID).name).toBe('dew-local');
    expect(refusal(() => requireProject(world(), MISSING))).toMatchObject({ code: 'IAM.0002', message: `project ${MISSING} does not exist` });
  });

  it('requireCustomPolicy: a custom policy → it; a system policy or none → IAM.0002', () => {
    expect(requireCustomPolicy(withPolicy(), POLICY_ID).displayName).toBe('custom');
    expect(refusal(() => requireCustomPolicy(withPolicy(), SYSTEM_POLICY_IDS.kmsAdministrator))).toMatchObject({
      code: 'IAM.0002', message: `policy ${SYSTEM_POLICY_IDS.kmsAdministrator} does not exist`,
    });
  });

  it('requireAccessKey: present → what may be shown (no wrapped secret); missing → IAM.0002 naming 20 characters', () => {
    const key = requireAccessKey(activeOf(world()), AK1);
    expect(key).toMatchObject({ accessKey: AK1, userId: USER_ID });
    expect(key).not.toHaveProperty('wrappedSecret');
    expect(refusal(() => requireAccessKey(activeOf(world()), 'A'.repeat(30)))).toMatchObject({ code: 'IAM.0002', message: `access key ${'A'.repeat(20)} does not exist` });
  });

  it('requireMembership: member → passes; non-member → IAM.0002 "is not in group"; unknown user → user refusal first', () => {
    expect(() => requireMembership(activeOf(world()), GROUP_ID, USER_ID)).not.toThrow();
    expect(refusal(() => requireMembership(activeOf(world()), GROUP_ID, USER2_ID))).toMatchObject({ code: 'IAM.0002', message: `user ${USER2_ID} is not in group ${GROUP_ID}` });
    expect(refusal(() => requireMembership(activeOf(world()), MISSING, MISSING)).message).toBe(`user ${MISSING} does not exist`);
  });

  it('requireAttachedPolicy: attached in that scope → passes; elsewhere → IAM.0002 "there"; unknown group → group refusal', () => {
    const project = { kind: 'project', projectId: PROJECT_ID } as const;
    expect(() => requireAttachedPolicy(withPolicy(), GROUP_ID, POLICY_ID, project)).not.toThrow();
    expect(refusal(() => requireAttachedPolicy(withPolicy(), GROUP_ID, POLICY_ID, { kind: 'domain' }))).toMatchObject({
      code: 'IAM.0002', message: `policy ${POLICY_ID} is not attached to group ${GROUP_ID} there`,
    });
    expect(refusal(() => requireAttachedPolicy(withPolicy(), MISSING, POLICY_ID, project)).message).toBe(`group ${MISSING} does not exist`);
  });
});
