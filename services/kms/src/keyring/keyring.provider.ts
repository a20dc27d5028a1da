import type { Provider } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { OwnerKeys, type RootKeyProvider } from '@dew/crypto';
import { ensureStream } from '@dew/event-store';
import { JetStreamKeyringStorage } from '@dew/event-sourcing';
import { streams, subjects } from '@dew/messaging';
import { NATS_CONNECTION, ROOT_KEY } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';

/** CMK material is sealed with a per-key keyring entry, kept in KEYRING_KMS and erased on destroy. */
export const keyringProvider: Provider = {
  provide: OwnerKeys,
  inject: [NATS_CONNECTION, ROOT_KEY, KMS_SETTINGS],
  useFactory: async (nc: NatsConnection, root: RootKeyProvider, settings: KmsSettings) => {
    await ensureStream(await jetstreamManager(nc), { name: streams.kmsKeyring.name, subjects: [...streams.kmsKeyring.subjects], replicas: settings.service.streamReplicas });
    const storage = new JetStreamKeyringStorage(nc, streams.kmsKeyring.name, (owner) => subjects.keyringEntry('kms', owner));
    return new OwnerKeys(root, storage, settings.materialCacheSize);
  },
};
