import type { AccountState, AttachmentScope } from '../index.js';
import { evolve } from '../index.js';
import { decide, type AccountCommand } from '../index.js';
import { refusal } from '../account.fixtures.spec.js';
import { findPolicy, listCustomPolicies, listGroupPolicyIds, policyReferences } from '../index.js';
import {
  DOMAIN_ID,
  GROUP2_ID,
  GROUP_ID,
  POLICY2_ID,
  POLICY_ID,
  PROJECT_ID,
  T0,
  activeOf,
  allow,
  createPolicy,
  deny,
  run,
  world,
} from '../iam.fixtures.spec.js';
import { SYSTEM_POLICY_IDS } from '../index.js';

const T1 = Date.parse('2026-11-28T11:00:00.000Z');
const KMS_ADMIN = SYSTEM_POLICY_IDS.kmsAdministrator;
const inProject: AttachmentScope = { kind: 'project', projectId: PROJECT_ID };
const attach = (policyId: string, scope: AttachmentScope = inProject, groupId = GROUP_ID) =>
  ({ type: 'AttachPolicy', groupId, policyId, scope, now: T1 }) as const;
const detach = (policyId: string, scope: AttachmentScope = inProject, groupId = GROUP_ID) =>
  ({ type: 'DetachPolicy', groupId, policyId, scope, now: T1 }) as const;
const withPolicy = () => run(world(), createPolicy(allow('kms:cmk:get')));
const policyId = (n: number) => n.toString(16).padStart(32, 'e');

/** decide throws IAM.0001: no events, so nothing changes. */
function refusedWithoutChange(state: AccountState, command: AccountCommand): string {
  const err = refusal(() => decide(state, command));
  expect(err.code).toBe('IAM.0001');
  return err.message;
}

describe('decide: CreatePolicy', () => {
  it('CreatePolicy: valid document → PolicyCreated with the validated document', () => {
    expect(decide(world(), createPolicy(allow('kms:cmk:create'), { description: 'create keys' }))).toEqual([
      {
        type: 'PolicyCreated', policyId: POLICY_ID, domainId: DOMAIN_ID, displayName: 'custom', policyType: 'XA',
        description: 'create keys', descriptionCn: '', document: allow('kms:cmk:create'), at: T0,
      },
    ]);
  });

  it('PolicyCreated folded → listed as a custom policy of the domain', () => {
    const state = withPolicy();
    expect(listCustomPolicies(state)).toEqual([
      { id: POLICY_ID, domainId: DOMAIN_ID, displayName: 'custom', policyType: 'XA', description: '', descriptionCn: '', document: allow('kms:cmk:get'), createdAt: T0, updatedAt: T0 },
    ]);
    expect(findPolicy(state, POLICY_ID)).toMatchObject({ source: 'custom', displayName: 'custom' });
    expect(findPolicy(state, KMS_ADMIN)).toMatchObject({ source: 'system', displayName: 'KMS Administrator' });
  });

  it('CreatePolicy: malformed documents → IAM.0001 naming the place, no events', () => {
    const w = world();
    expect(refusedWithoutChange(w, createPolicy('not json'))).toMatch(/^policy document must be a JSON object/);
    expect(refusedWithoutChange(w, createPolicy({ ...allow('kms:cmk:get'), Version: '1.0' }))).toBe('Version must be "1.1" (got "1.0")');
    expect(refusedWithoutChange(w, createPolicy({ Version: '1.1', Statement: [{ Effect: 'Permit', Action: ['kms:cmk:get'] }] }))).toBe(
      'Statement[0].Effect must be "Allow" or "Deny" (got "Permit")',
    );
    expect(refusedWithoutChange(w, createPolicy({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: [] }] }))).toMatch(/^Statement\[0\]\.Action must be a non-empty array/);
    expect(refusedWithoutChange(w, createPolicy({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:get'], Condition: {} }] }))).toBe(
      'Statement[0].Condition is not supported by DEW',
    );
    expect(refusedWithoutChange(w, createPolicy({ ...allow('kms:cmk:get'), Id: 'x' }))).toMatch(/^policy document has an unknown key "Id"/);
    expect(listCustomPolicies(w)).toEqual([]);
  });

  it('CreatePolicy: display name 128 chars → created; 129 or empty → IAM.0001', () => {
    expect(decide(world(), createPolicy(allow('kms:cmk:get'), { displayName: 'p'.repeat(128) }))).toHaveLength(1);
    expect(refusedWithoutChange(world(), createPolicy(allow('kms:cmk:get'), { displayName: 'p'.repeat(129) }))).toBe('display_name must be 1–128 characters (got 129)');
    expect(refusedWithoutChange(world(), createPolicy(allow('kms:cmk:get'), { displayName: '' }))).toBe('display_name must be 1–128 characters (got 0)');
  });

  it('CreatePolicy: type other than AX/XA → IAM.0001; description 1000 → ok, 1001 → IAM.0001', () => {
    expect(refusedWithoutChange(world(), createPolicy(allow('kms:cmk:get'), { policyType: 'AA' }))).toBe('type must be "AX" or "XA" (got "AA")');
    expect(decide(world(), createPolicy(allow('kms:cmk:get'), { description: 'd'.repeat(1000), policyType: 'AX' }))).toHaveLength(1);
    expect(refusedWithoutChange(world(), createPolicy(allow('kms:cmk:get'), { description: 'd'.repeat(1001) }))).toBe('description must be at most 1000 characters (got 1001)');
  });

  it('CreatePolicy: display name taken → IAM.0003; id taken (custom or system) → IAM.0003', () => {
    expect(refusal(() => decide(withPolicy(), createPolicy(allow('kms:cmk:get'), { policyId: POLICY2_ID })))).toMatchObject({
      code: 'IAM.0003', message: `policy display name "custom" already exists in domain ${DOMAIN_ID}`,
    });
    expect(refusal(() => decide(withPolicy(), createPolicy(allow('kms:cmk:get'), { displayName: 'other' })))).toMatchObject({ code: 'IAM.0003' });
    expect(refusal(() => decide(world(), createPolicy(allow('kms:cmk:get'), { policyId: KMS_ADMIN })))).toMatchObject({ code: 'IAM.0003' });
  });

  it('CreatePolicy: system policy display names do not clash with custom ones', () => {
    expect(decide(world(), createPolicy(allow('kms:cmk:get'), { displayName: 'KMS Administrator' }))).toHaveLength(1);
  });

  it('CreatePolicy: policy #200 → created; #201 → IAM.0004 naming the limit', () => {
    const creates = Array.from({ length: 199 }, (_, i) => createPolicy(allow('kms:cmk:get'), { policyId: policyId(i), displayName: `p${i}` }));
    const full199 = run(world(), ...creates);
    expect(decide(full199, createPolicy(allow('kms:cmk:get'), { displayName: 'p199' }))).toHaveLength(1);
    const full200 = run(full199, createPolicy(allow('kms:cmk:get'), { displayName: 'p199' }));
    expect(refusal(() => decide(full200, createPolicy(allow('kms:cmk:get'), { policyId: POLICY2_ID, displayName: 'p200' })))).toMatchObject({
      code: 'IAM.0004', message: `domain ${DOMAIN_ID} already has 200 custom policies (limit 200)`,
    });
  });
});

describe('decide: UpdatePolicy', () => {
  const update = (document: unknown, extra: object = {}) =>
    ({ type: 'UpdatePolicy', policyId: POLICY_ID, displayName: 'custom', policyType: 'XA', description: '', document, now: T1, ...extra }) as const;

  it('UpdatePolicy: new document → PolicyUpdated carrying the whole policy; folded → updatedAt moves', () => {
    const events = decide(withPolicy(), update(deny('kms:cmk:get'), { displayName: 'renamed' }));
    expect(events).toEqual([
      { type: 'PolicyUpdated', policyId: POLICY_ID, displayName: 'renamed', policyType: 'XA', description: '', descriptionCn: '', document: deny('kms:cmk:get'), at: T1 },
    ]);
    expect(activeOf(events.reduce(evolve, withPolicy())).policies[POLICY_ID]).toMatchObject({ displayName: 'renamed', createdAt: T0, updatedAt: T1 });
  });

  it('UpdatePolicy: identical policy → no events', () => {
    expect(decide(withPolicy(), update(allow('kms:cmk:get')))).toEqual([]);
  });

  it('UpdatePolicy: malformed document → IAM.0001, no events', () => {
    expect(refusedWithoutChange(withPolicy(), update({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms'] }] }))).toMatch(/^Statement\[0\]\.Action\[0\] "kms"/);
  });

  it('UpdatePolicy: display name of another policy → IAM.0003; unknown → IAM.0002; system → IAM.0001', () => {
    const two = run(withPolicy(), createPolicy(allow('kms:cmk:get'), { policyId: POLICY2_ID, displayName: 'two' }));
    expect(refusal(() => decide(two, update(allow('kms:cmk:get'), { displayName: 'two' })))).toMatchObject({ code: 'IAM.0003' });
    expect(refusal(() => decide(world(), update(allow('kms:cmk:get'))))).toMatchObject({ code: 'IAM.0002', message: `policy "${POLICY_ID}" does not exist` });
    expect(refusal(() => decide(world(), update(allow('kms:cmk:get'), { policyId: KMS_ADMIN })))).toMatchObject({
      code: 'IAM.0001', message: 'system policy "KMS Administrator" cannot be changed',
    });
  });
});

describe('decide: DeletePolicy', () => {
  it('DeletePolicy: not attached → PolicyDeleted; folded → gone', () => {
    const events = decide(withPolicy(), { type: 'DeletePolicy', policyId: POLICY_ID, now: T1 });
    expect(events).toEqual([{ type: 'PolicyDeleted', policyId: POLICY_ID, at: T1 }]);
    expect(listCustomPolicies(events.reduce(evolve, withPolicy()))).toEqual([]);
  });

  it('DeletePolicy: attached → IAM.0001 naming the groups; after detaching → deleted', () => {
    const state = run(
      withPolicy(),
      { type: 'CreateGroup', groupId: GROUP2_ID, name: 'dev', now: T0 },
      attach(POLICY_ID),
      attach(POLICY_ID, { kind: 'all-projects' }),
      attach(POLICY_ID, inProject, GROUP2_ID),
    );
    expect(refusal(() => decide(state, { type: 'DeletePolicy', policyId: POLICY_ID, now: T1 }))).toMatchObject({
      code: 'IAM.0001', message: `policy ${POLICY_ID} is attached to groups "dev" (${GROUP2_ID}), "ops" (${GROUP_ID}); detach it first`,
    });
    const detached = run(state, detach(POLICY_ID), detach(POLICY_ID, { kind: 'all-projects' }), detach(POLICY_ID, inProject, GROUP2_ID));
    expect(decide(detached, { type: 'DeletePolicy', policyId: POLICY_ID, now: T1 })).toHaveLength(1);
  });

  it('DeletePolicy: system policy → IAM.0001; unknown → IAM.0002', () => {
    expect(refusal(() => decide(world(), { type: 'DeletePolicy', policyId: KMS_ADMIN, now: T1 }))).toMatchObject({ code: 'IAM.0001' });
    expect(refusal(() => decide(world(), { type: 'DeletePolicy', policyId: POLICY_ID, now: T1 }))).toMatchObject({ code: 'IAM.0002' });
  });
});

describe('decide: AttachPolicy / DetachPolicy', () => {
  it('AttachPolicy: system policy in a project → PolicyAttached; folded → listed for that scope only', () => {
    const events = decide(world(), attach(KMS_ADMIN));
    expect(events).toEqual([{ type: 'PolicyAttached', groupId: GROUP_ID, policyId: KMS_ADMIN, scope: inProject, at: T1 }]);
    const state = events.reduce(evolve, world());
    expect(listGroupPolicyIds(state, GROUP_ID, inProject)).toEqual([KMS_ADMIN]);
    expect(listGroupPolicyIds(state, GROUP_ID, { kind: 'all-projects' })).toEqual([]);
    expect(activeOf(state).attachments).toEqual([{ groupId: GROUP_ID, policyId: KMS_ADMIN, scope: inProject, attachedAt: T1 }]);
  });

  it('AttachPolicy: custom policy at domain level and in all projects → two attachments; references counts groups', () => {
    const state = run(withPolicy(), attach(POLICY_ID, { kind: 'domain' }), attach(POLICY_ID, { kind: 'all-projects' }));
    expect(activeOf(state).attachments.map((a) => a.scope.kind)).toEqual(['domain', 'all-projects']);
    expect(policyReferences(state, POLICY_ID)).toBe(1);
  });

  it('AttachPolicy: already attached in that scope → no events (idempotent)', () => {
    expect(decide(run(world(), attach(KMS_ADMIN)), attach(KMS_ADMIN))).toEqual([]);
  });

  it('AttachPolicy: unknown project → IAM.0002; malformed project id or scope kind → IAM.0001', () => {
    expect(refusal(() => decide(world(), attach(KMS_ADMIN, { kind: 'project', projectId: '3'.repeat(32) })))).toMatchObject({
      code: 'IAM.0002', message: `project "${'3'.repeat(32)}" does not exist in domain ${DOMAIN_ID}`,
    });
    expect(refusal(() => decide(world(), attach(KMS_ADMIN, { kind: 'project', projectId: 'x' })))).toMatchObject({ code: 'IAM.0001' });
    expect(refusal(() => decide(world(), attach(KMS_ADMIN, { kind: 'region' } as unknown as AttachmentScope)))).toMatchObject({
      code: 'IAM.0001', message: 'scope must be "project", "domain" or "all-projects" (got "region")',
    });
  });

  it('AttachPolicy: unknown policy or group → IAM.0002', () => {
    expect(refusal(() => decide(world(), attach(POLICY_ID)))).toMatchObject({ code: 'IAM.0002', message: `policy "${POLICY_ID}" does not exist` });
    expect(refusal(() => decide(world(), attach(KMS_ADMIN, inProject, GROUP2_ID)))).toMatchObject({ code: 'IAM.0002' });
  });

  it('DetachPolicy: attached → PolicyDetached; folded → gone', () => {
    const state = run(world(), attach(KMS_ADMIN));
    const events = decide(state, detach(KMS_ADMIN));
    expect(events).toEqual([{ type: 'PolicyDetached', groupId: GROUP_ID, policyId: KMS_ADMIN, scope: inProject, at: T1 }]);
    expect(activeOf(events.reduce(evolve, state)).attachments).toEqual([]);
  });

  it('DetachPolicy: not attached (or attached in another scope) → IAM.0002 naming the scope', () => {
    expect(refusal(() => decide(run(world(), attach(KMS_ADMIN)), detach(KMS_ADMIN, { kind: 'all-projects' })))).toMatchObject({
      code: 'IAM.0002', message: `policy "${KMS_ADMIN}" is not attached to group ${GROUP_ID} in all projects`,
    });
  });

  it('policy events that do not fit the state → state unchanged', () => {
    const state = world();
    expect(evolve(state, { type: 'PolicyUpdated', policyId: POLICY_ID, displayName: 'x', policyType: 'XA', description: '', document: allow('a:b:c'), at: T1 })).toBe(state);
    expect(evolve(state, { type: 'PolicyDeleted', policyId: POLICY_ID, at: T1 })).toBe(state);
    expect(evolve(state, { type: 'PolicyDetached', groupId: GROUP_ID, policyId: POLICY_ID, scope: inProject, at: T1 })).toBe(state);
    const attached = run(state, attach(KMS_ADMIN));
    expect(evolve(attached, { type: 'PolicyAttached', groupId: GROUP_ID, policyId: KMS_ADMIN, scope: inProject, at: T1 })).toBe(attached);
  });
});
