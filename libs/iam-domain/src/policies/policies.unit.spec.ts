import type { AttachmentScope } from '../index.js';
import { evolve } from '../index.js';
import { exactly, given, stateAfter } from '../account.fixtures.spec.js';
import { allAttachments, findPolicy, listCustomPolicies, listGroupPolicyIds, policyReferences } from '../index.js';
import {
  DOMAIN_ID,
  GROUP2_ID,
  GROUP_ID,
  POLICY2_ID,
  POLICY_ID,
  PROJECT_ID,
  T0,
  WORLD,
  activeOf,
  allow,
  createPolicy,
  deny,
  history,
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
const deletePolicy = (policyId: string) => ({ type: 'DeletePolicy', policyId, now: T1 }) as const;
const WITH_POLICY = history(WORLD, createPolicy(allow('kms:cmk:get')));
const WITH_KMS_ADMIN = history(WORLD, attach(KMS_ADMIN));
const policyId = (n: number) => n.toString(16).padStart(32, 'e');
const oneEvent = (events: readonly unknown[]) => expect(events).toHaveLength(1);
/** A malformed field or document: IAM.0001 with this wording (a refusal emits no events, so nothing changes). */
const invalid = (message: string | RegExp) => ({ code: 'IAM.0001', message: typeof message === 'string' ? exactly(message) : message });

describe('decide: CreatePolicy', () => {
  it('CreatePolicy: valid document → PolicyCreated with the validated document', () => {
    given(WORLD).when(createPolicy(allow('kms:cmk:create'), { description: 'create keys' })).then([
      {
        type: 'PolicyCreated', policyId: POLICY_ID, domainId: DOMAIN_ID, displayName: 'custom', policyType: 'XA',
        description: 'create keys', descriptionCn: '', document: allow('kms:cmk:create'), at: T0,
      },
    ]);
  });

  it('PolicyCreated folded → listed as a custom policy of the domain', () => {
    const state = stateAfter(...WITH_POLICY);
    expect(listCustomPolicies(state)).toEqual([
      { id: POLICY_ID, domainId: DOMAIN_ID, displayName: 'custom', policyType: 'XA', description: '', descriptionCn: '', document: allow('kms:cmk:get'), seq: 1, createdAt: T0, updatedAt: T0 },
    ]);
    expect(findPolicy(state, POLICY_ID)).toMatchObject({ source: 'custom', displayName: 'custom' });
    expect(findPolicy(state, KMS_ADMIN)).toMatchObject({ source: 'system', displayName: 'KMS Administrator' });
  });

  it('CreatePolicy: malformed documents → IAM.0001 naming the place, no events', () => {
    given(WORLD).when(createPolicy('not json')).thenRefuses(invalid(/^policy document must be a JSON object/));
    given(WORLD).when(createPolicy({ ...allow('kms:cmk:get'), Version: '1.0' })).thenRefuses(invalid('Version must be "1.1" (got "1.0")'));
    given(WORLD)
      .when(createPolicy({ Version: '1.1', Statement: [{ Effect: 'Permit', Action: ['kms:cmk:get'] }] }))
      .thenRefuses(invalid('Statement[0].Effect must be "Allow" or "Deny" (got "Permit")'));
    given(WORLD).when(createPolicy({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: [] }] })).thenRefuses(invalid(/^Statement\[0\]\.Action must be a non-empty array/));
    given(WORLD)
      .when(createPolicy({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:get'], Condition: {} }] }))
      .thenRefuses(invalid('Statement[0].Condition is not supported by DEW'));
    given(WORLD).when(createPolicy({ ...allow('kms:cmk:get'), Id: 'x' })).thenRefuses(invalid(/^policy document has an unknown key "Id"/));
    expect(listCustomPolicies(world())).toEqual([]);
  });

  it('CreatePolicy: display name 128 chars → created; 129 or empty → IAM.0001', () => {
    given(WORLD).when(createPolicy(allow('kms:cmk:get'), { displayName: 'p'.repeat(128) })).thenSucceeds(oneEvent);
    given(WORLD).when(createPolicy(allow('kms:cmk:get'), { displayName: 'p'.repeat(129) })).thenRefuses(invalid('display_name must be 1–128 characters (got 129)'));
    given(WORLD).when(createPolicy(allow('kms:cmk:get'), { displayName: '' })).thenRefuses(invalid('display_name must be 1–128 characters (got 0)'));
  });

  it('CreatePolicy: type other than AX/XA → IAM.0001; description 1000 → ok, 1001 → IAM.0001', () => {
    given(WORLD).when(createPolicy(allow('kms:cmk:get'), { policyType: 'AA' })).thenRefuses(invalid('type must be "AX" or "XA" (got "AA")'));
    given(WORLD).when(createPolicy(allow('kms:cmk:get'), { description: 'd'.repeat(1000), policyType: 'AX' })).thenSucceeds(oneEvent);
    given(WORLD).when(createPolicy(allow('kms:cmk:get'), { description: 'd'.repeat(1001) })).thenRefuses(invalid('description must be at most 1000 characters (got 1001)'));
  });

  it('CreatePolicy: display name taken → IAM.0003; id taken (custom or system) → IAM.0003', () => {
    given(WITH_POLICY).when(createPolicy(allow('kms:cmk:get'), { policyId: POLICY2_ID })).thenRefuses({
      code: 'IAM.0003', message: exactly(`policy display name "custom" already exists in domain ${DOMAIN_ID}`),
    });
    given(WITH_POLICY).when(createPolicy(allow('kms:cmk:get'), { displayName: 'other' })).thenRefuses({ code: 'IAM.0003' });
    given(WORLD).when(createPolicy(allow('kms:cmk:get'), { policyId: KMS_ADMIN })).thenRefuses({ code: 'IAM.0003' });
  });

  it('CreatePolicy: system policy display names do not clash with custom ones', () => {
    given(WORLD).when(createPolicy(allow('kms:cmk:get'), { displayName: 'KMS Administrator' })).thenSucceeds(oneEvent);
  });

  it('CreatePolicy: policy #200 → created; #201 → IAM.0004 naming the limit', () => {
    const creates = Array.from({ length: 199 }, (_, i) => createPolicy(allow('kms:cmk:get'), { policyId: policyId(i), displayName: `p${i}` }));
    const full199 = history(WORLD, ...creates);
    const create200th = createPolicy(allow('kms:cmk:get'), { displayName: 'p199' });
    given(full199).when(create200th).thenSucceeds(oneEvent);
    given(history(full199, create200th)).when(createPolicy(allow('kms:cmk:get'), { policyId: POLICY2_ID, displayName: 'p200' })).thenRefuses({
      code: 'IAM.0004', message: exactly(`domain ${DOMAIN_ID} already has 200 custom policies (limit 200)`),
    });
  });
});

describe('decide: UpdatePolicy', () => {
  const update = (document: unknown, extra: object = {}) =>
    ({ type: 'UpdatePolicy', policyId: POLICY_ID, displayName: 'custom', policyType: 'XA', description: '', document, now: T1, ...extra }) as const;

  it('UpdatePolicy: new document → PolicyUpdated carrying the whole policy; folded → updatedAt moves', () => {
    given(WITH_POLICY).when(update(deny('kms:cmk:get'), { displayName: 'renamed' })).thenSucceeds((events, state) => {
      expect(events).toEqual([
        { type: 'PolicyUpdated', policyId: POLICY_ID, displayName: 'renamed', policyType: 'XA', description: '', descriptionCn: '', document: deny('kms:cmk:get'), at: T1 },
      ]);
      expect(activeOf(state).policies.get(POLICY_ID)).toMatchObject({ displayName: 'renamed', createdAt: T0, updatedAt: T1 });
    });
  });

  it('UpdatePolicy: identical policy → no events', () => {
    given(WITH_POLICY).when(update(allow('kms:cmk:get'))).then([]);
  });

  it('UpdatePolicy: malformed document → IAM.0001, no events', () => {
    given(WITH_POLICY).when(update({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms'] }] })).thenRefuses(invalid(/^Statement\[0\]\.Action\[0\] "kms"/));
  });

  it('UpdatePolicy: display name of another policy → IAM.0003; unknown → IAM.0002; system → IAM.0001', () => {
    const two = history(WITH_POLICY, createPolicy(allow('kms:cmk:get'), { policyId: POLICY2_ID, displayName: 'two' }));
    given(two).when(update(allow('kms:cmk:get'), { displayName: 'two' })).thenRefuses({ code: 'IAM.0003' });
    given(WORLD).when(update(allow('kms:cmk:get'))).thenRefuses({ code: 'IAM.0002', message: exactly(`policy "${POLICY_ID}" does not exist`) });
    given(WORLD).when(update(allow('kms:cmk:get'), { policyId: KMS_ADMIN })).thenRefuses(invalid('system policy "KMS Administrator" cannot be changed'));
  });
});

describe('decide: DeletePolicy', () => {
  it('DeletePolicy: not attached → PolicyDeleted; folded → gone', () => {
    given(WITH_POLICY).when(deletePolicy(POLICY_ID)).thenSucceeds((events, state) => {
      expect(events).toEqual([{ type: 'PolicyDeleted', policyId: POLICY_ID, at: T1 }]);
      expect(listCustomPolicies(state)).toEqual([]);
    });
  });

  it('DeletePolicy: attached → IAM.0001 naming the groups; after detaching → deleted', () => {
    const attached = history(
      WITH_POLICY,
      { type: 'CreateGroup', groupId: GROUP2_ID, name: 'dev', now: T0 },
      attach(POLICY_ID),
      attach(POLICY_ID, { kind: 'all-projects' }),
      attach(POLICY_ID, inProject, GROUP2_ID),
    );
    given(attached)
      .when(deletePolicy(POLICY_ID))
      .thenRefuses(invalid(`policy ${POLICY_ID} is attached to groups "dev" (${GROUP2_ID}), "ops" (${GROUP_ID}); detach it first`));
    const detached = history(attached, detach(POLICY_ID), detach(POLICY_ID, { kind: 'all-projects' }), detach(POLICY_ID, inProject, GROUP2_ID));
    given(detached).when(deletePolicy(POLICY_ID)).thenSucceeds(oneEvent);
  });

  it('DeletePolicy: system policy → IAM.0001; unknown → IAM.0002', () => {
    given(WORLD).when(deletePolicy(KMS_ADMIN)).thenRefuses({ code: 'IAM.0001' });
    given(WORLD).when(deletePolicy(POLICY_ID)).thenRefuses({ code: 'IAM.0002' });
  });
});

describe('decide: AttachPolicy / DetachPolicy', () => {
  it('AttachPolicy: system policy in a project → PolicyAttached; folded → listed for that scope only', () => {
    given(WORLD).when(attach(KMS_ADMIN)).thenSucceeds((events, state) => {
      expect(events).toEqual([{ type: 'PolicyAttached', groupId: GROUP_ID, policyId: KMS_ADMIN, scope: inProject, at: T1 }]);
      expect(listGroupPolicyIds(state, GROUP_ID, inProject)).toEqual([KMS_ADMIN]);
      expect(listGroupPolicyIds(state, GROUP_ID, { kind: 'all-projects' })).toEqual([]);
      expect(allAttachments(activeOf(state))).toEqual([{ groupId: GROUP_ID, policyId: KMS_ADMIN, scope: inProject, attachedAt: T1, seq: expect.any(Number) }]);
    });
  });

  it('AttachPolicy: custom policy at domain level and in all projects → two attachments; references counts groups', () => {
    const state = stateAfter(...history(WITH_POLICY, attach(POLICY_ID, { kind: 'domain' }), attach(POLICY_ID, { kind: 'all-projects' })));
    expect(allAttachments(activeOf(state)).map((a) => a.scope.kind)).toEqual(['domain', 'all-projects']);
    expect(policyReferences(state, POLICY_ID)).toBe(1);
  });

  it('AttachPolicy: already attached in that scope → no events (idempotent)', () => {
    given(WITH_KMS_ADMIN).when(attach(KMS_ADMIN)).then([]);
  });

  it('AttachPolicy: unknown project → IAM.0002; malformed project id or scope kind → IAM.0001', () => {
    given(WORLD).when(attach(KMS_ADMIN, { kind: 'project', projectId: '3'.repeat(32) })).thenRefuses({
      code: 'IAM.0002', message: exactly(`project "${'3'.repeat(32)}" does not exist in domain ${DOMAIN_ID}`),
    });
    given(WORLD).when(attach(KMS_ADMIN, { kind: 'project', projectId: 'x' })).thenRefuses({ code: 'IAM.0001' });
    given(WORLD)
      .when(attach(KMS_ADMIN, { kind: 'region' } as unknown as AttachmentScope))
      .thenRefuses(invalid('scope must be "project", "domain" or "all-projects" (got "region")'));
  });

  it('AttachPolicy: unknown policy or group → IAM.0002', () => {
    given(WORLD).when(attach(POLICY_ID)).thenRefuses({ code: 'IAM.0002', message: exactly(`policy "${POLICY_ID}" does not exist`) });
    given(WORLD).when(attach(KMS_ADMIN, inProject, GROUP2_ID)).thenRefuses({ code: 'IAM.0002' });
  });

  it('DetachPolicy: attached → PolicyDetached; folded → gone', () => {
    given(WITH_KMS_ADMIN).when(detach(KMS_ADMIN)).thenSucceeds((events, state) => {
      expect(events).toEqual([{ type: 'PolicyDetached', groupId: GROUP_ID, policyId: KMS_ADMIN, scope: inProject, at: T1 }]);
      expect(allAttachments(activeOf(state))).toEqual([]);
    });
  });

  it('DetachPolicy: not attached (or attached in another scope) → IAM.0002 naming the scope', () => {
    given(WITH_KMS_ADMIN).when(detach(KMS_ADMIN, { kind: 'all-projects' })).thenRefuses({
      code: 'IAM.0002', message: exactly(`policy "${KMS_ADMIN}" is not attached to group ${GROUP_ID} in all projects`),
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
