import type { NatsConnection } from '@nats-io/transport-node';
import { rewrapAccessKeySecrets } from './access-key-secrets.js';
import { rewrapKeyringStream } from './keyring-entries.js';
import type { Rewrap, StepCount } from './rewrap.js';
import { rewrapSealedFiles } from './sealed-files.js';

/** One place a holder keeps root-wrapped blobs, re-wrappable as a whole. */
export interface RootWrappedStore {
  readonly name: string;
  rewrap(r: Rewrap): Promise<StepCount>;
}

/** A keyring stream (`keyring.<ctx>.<owner>`). */
export function keyringStore(nc: NatsConnection, stream: { readonly name: string; readonly subjects: readonly string[] }): RootWrappedStore {
  const prefix = stream.subjects[0]?.slice(0, -1) ?? '';
  return { name: stream.name, rewrap: (r) => rewrapKeyringStream(nc, stream.name, prefix, r) };
}

/** IAM's permanent access keys' SKs (AccessKeySecretRewrapped events). */
export function accessKeySecretsStore(nc: NatsConnection): RootWrappedStore {
  return { name: 'IAM access keys', rewrap: (r) => rewrapAccessKeySecrets(nc, r) };
}

/** The hsm-provisioning service's `<dataDir>/hsm/**.sealed`. */
export function sealedFilesStore(dataDir: string): RootWrappedStore {
  return { name: 'hsm sealed files', rewrap: (r) => rewrapSealedFiles(dataDir, r) };
}
