import type { ReactNode } from 'react';
import { CTS_ROUTES } from './screens/cts/paths';
import { TraceSearch } from './screens/cts/trace-search';
import { EventList } from './screens/csms/event-list';
import { CSMS_ROUTES } from './screens/csms/paths';
import { SecretCreate } from './screens/csms/secret-create';
import { SecretDetail } from './screens/csms/secret-detail';
import { SecretList } from './screens/csms/secret-list';
import { DHSM_ROUTES } from './screens/dhsm/paths';
import { HsmCreate } from './screens/dhsm/hsm-create';
import { HsmDetail } from './screens/dhsm/hsm-detail';
import { HsmList } from './screens/dhsm/hsm-list';
import { GroupDetail } from './screens/iam/group-detail';
import { GroupList } from './screens/iam/group-list';
import { IAM_ROUTES } from './screens/iam/paths';
import { PolicyEditor } from './screens/iam/policy-editor';
import { PolicyList } from './screens/iam/policy-list';
import { UserCreate } from './screens/iam/user-create';
import { UserDetail } from './screens/iam/user-detail';
import { UserList } from './screens/iam/user-list';
import { KMS_ROUTES } from './screens/kms/paths';
import { DefaultKeyList } from './screens/kms/default-key-list';
import { ImportInto, ImportWizard } from './screens/kms/import-wizard';
import { KeyCreate } from './screens/kms/key-create';
import { KeyDetail } from './screens/kms/key-detail';
import { KeyList } from './screens/kms/key-list';
import { KeypairCreate } from './screens/kps/keypair-create';
import { KeypairDetail } from './screens/kps/keypair-detail';
import { KeypairList } from './screens/kps/keypair-list';
import { KPS_ROUTES } from './screens/kps/paths';
import { ServerList } from './screens/kps/server-list';
import { ServerRegister } from './screens/kps/server-register';

export interface Route {
  readonly pattern: string;
  /** The navigation section the screen belongs to (highlighted while it shows). */
  readonly section: string;
  readonly render: (params: Readonly<Record<string, string>>) => ReactNode;
}

/** Left-hand navigation: one entry per service section, in the guide's order. */
export const SECTIONS: ReadonlyArray<{ readonly label: string; readonly to: string }> = [
  { label: 'Custom keys', to: KMS_ROUTES.list },
  { label: 'Secrets', to: CSMS_ROUTES.list },
  { label: 'Key Pairs', to: KPS_ROUTES.list },
  { label: 'Dedicated HSM', to: DHSM_ROUTES.list },
  { label: 'Traces (CTS)', to: CTS_ROUTES.traces },
  { label: 'IAM users', to: IAM_ROUTES.users },
  { label: 'IAM user groups', to: IAM_ROUTES.groups },
  { label: 'IAM policies', to: IAM_ROUTES.policies },
];

/**
 * Every screen of the console. A new screen is a component plus one row here (and, when it
 * starts a section, one entry in SECTIONS); the first pattern that matches wins.
 */
export const ROUTES: readonly Route[] = [
  { pattern: KMS_ROUTES.list, section: KMS_ROUTES.list, render: () => <KeyList /> },
  { pattern: KMS_ROUTES.create, section: KMS_ROUTES.list, render: () => <KeyCreate /> },
  { pattern: KMS_ROUTES.detail, section: KMS_ROUTES.list, render: (p) => <KeyDetail keyId={p.keyId ?? ''} key={p.keyId} /> },
  { pattern: KMS_ROUTES.defaultKeys, section: KMS_ROUTES.list, render: () => <DefaultKeyList /> },
  { pattern: KMS_ROUTES.importKey, section: KMS_ROUTES.list, render: () => <ImportWizard /> },
  { pattern: KMS_ROUTES.importInto, section: KMS_ROUTES.list, render: (p) => <ImportInto keyId={p.keyId ?? ''} key={p.keyId} /> },
  { pattern: CSMS_ROUTES.list, section: CSMS_ROUTES.list, render: () => <SecretList /> },
  { pattern: CSMS_ROUTES.create, section: CSMS_ROUTES.list, render: () => <SecretCreate /> },
  { pattern: CSMS_ROUTES.detail, section: CSMS_ROUTES.list, render: (p) => <SecretDetail name={p.name ?? ''} key={p.name} /> },
  { pattern: CSMS_ROUTES.events, section: CSMS_ROUTES.list, render: () => <EventList /> },
  { pattern: KPS_ROUTES.list, section: KPS_ROUTES.list, render: () => <KeypairList /> },
  { pattern: KPS_ROUTES.create, section: KPS_ROUTES.list, render: () => <KeypairCreate imported={false} key="create" /> },
  { pattern: KPS_ROUTES.import, section: KPS_ROUTES.list, render: () => <KeypairCreate imported key="import" /> },
  { pattern: KPS_ROUTES.detail, section: KPS_ROUTES.list, render: (p) => <KeypairDetail name={p.name ?? ''} key={p.name} /> },
  { pattern: KPS_ROUTES.servers, section: KPS_ROUTES.list, render: () => <ServerList /> },
  { pattern: KPS_ROUTES.registerServer, section: KPS_ROUTES.list, render: () => <ServerRegister /> },
  { pattern: DHSM_ROUTES.list, section: DHSM_ROUTES.list, render: () => <HsmList /> },
  { pattern: DHSM_ROUTES.create, section: DHSM_ROUTES.list, render: () => <HsmCreate /> },
  { pattern: DHSM_ROUTES.detail, section: DHSM_ROUTES.list, render: (p) => <HsmDetail instanceId={p.instanceId ?? ''} key={p.instanceId} /> },
  { pattern: CTS_ROUTES.traces, section: CTS_ROUTES.traces, render: () => <TraceSearch /> },
  { pattern: IAM_ROUTES.users, section: IAM_ROUTES.users, render: () => <UserList /> },
  { pattern: IAM_ROUTES.createUser, section: IAM_ROUTES.users, render: () => <UserCreate /> },
  { pattern: IAM_ROUTES.user, section: IAM_ROUTES.users, render: (p) => <UserDetail userId={p.userId ?? ''} key={p.userId} /> },
  { pattern: IAM_ROUTES.groups, section: IAM_ROUTES.groups, render: () => <GroupList /> },
  { pattern: IAM_ROUTES.group, section: IAM_ROUTES.groups, render: (p) => <GroupDetail groupId={p.groupId ?? ''} key={p.groupId} /> },
  { pattern: IAM_ROUTES.policies, section: IAM_ROUTES.policies, render: () => <PolicyList /> },
  { pattern: IAM_ROUTES.createPolicy, section: IAM_ROUTES.policies, render: () => <PolicyEditor /> },
  { pattern: IAM_ROUTES.policy, section: IAM_ROUTES.policies, render: (p) => <PolicyEditor policyId={p.policyId ?? ''} key={p.policyId} /> },
];

export const HOME = KMS_ROUTES.list;
