import type { AggregateDefinition } from '@dew/event-sourcing';
import * as csms from '@dew/csms-domain';
import * as iam from '@dew/iam-domain';
import * as kms from '@dew/kms-domain';
import * as hsm from '@dew/hsm-domain';
import * as kps from '@dew/kps-domain';
import { streams } from '@dew/messaging';

/** An aggregate's states as a read model: one document per subject, as `evolve` folds it. */
export interface AggregateModel<S, E> {
  readonly name: string;
  readonly stream: string;
  readonly definition: AggregateDefinition<S, E>;
}

const projectOf = (pattern: RegExp) => (subject: string): string => pattern.exec(subject)?.[1] ?? '';
const kmsProject = projectOf(/^evt\.kms\.([^.]+)\.keyring$/);
const csmsProject = projectOf(/^evt\.csms\.([^.]+)\.secrets$/);
const kpsDomain = projectOf(/^evt\.kps\.([^.]+)\.keypairs$/);
const hsmProject = projectOf(/^evt\.hsm\.([^.]+)\.instances$/);

export const kmsKeyrings: AggregateModel<kms.Keyring, kms.KeyringEvent> = {
  name: 'kms.keyrings',
  stream: streams.kmsEvents.name,
  definition: { initialState: (subject) => kms.initialKeyring(kmsProject(subject)), evolve: kms.evolve },
};

export const iamAccounts: AggregateModel<iam.AccountState, iam.AccountEvent> = {
  name: 'iam.accounts',
  stream: streams.iamEvents.name,
  definition: { initialState: () => iam.initialAccount(), evolve: iam.evolve },
};

export const csmsSecretSets: AggregateModel<csms.SecretSet, csms.SecretSetEvent> = {
  name: 'csms.secret-sets',
  stream: streams.csmsEvents.name,
  definition: { initialState: (subject) => csms.initialSecretSet(csmsProject(subject)), evolve: csms.evolve },
};

export const kpsKeypairSets: AggregateModel<kps.KeypairSet, kps.KeypairSetEvent> = {
  name: 'kps.keypair-sets',
  stream: streams.kpsEvents.name,
  definition: { initialState: (subject) => kps.initialKeypairSet(kpsDomain(subject)), evolve: kps.evolve },
};

export const hsmInstanceSets: AggregateModel<hsm.HsmSet, hsm.HsmSetEvent> = {
  name: 'hsm.instance-sets',
  stream: streams.hsmEvents.name,
  definition: { initialState: (subject) => hsm.initialHsmSet(hsmProject(subject)), evolve: hsm.evolve },
};

/** key id → owning project (kms KeyIndex): a key's project never changes once it is created. */
export const kmsKeyIndex = {
  name: 'kms.key-index',
  stream: streams.kmsEvents.name,
  entries(subject: string, events: readonly kms.KeyringEvent[]): Array<[keyId: string, doc: { projectId: string }]> {
    const projectId = kmsProject(subject);
    return events.flatMap((e) => (e.type === 'KeyCreated' && projectId ? [[e.keyId, { projectId }] as [string, { projectId: string }]] : []));
  },
} as const;

/** The IAM directory (access key/project/user → domain): one document per index it holds. */
export const iamDirectory = {
  name: 'iam.directory',
  stream: streams.iamEvents.name,
  initial: iam.emptyDirectory,
  evolve: iam.evolveDirectory,
  docs: (dir: iam.Directory): Array<[string, unknown]> => Object.entries(dir),
} as const;
