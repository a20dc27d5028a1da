import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { KmsKeyActionDenied, KmsKeyCannotProtectSecrets, KmsKeyUseDenied, SecretKmsKeyUnusable, SecretValueAltered } from '@dew/contracts';
import type { RootKeyProvider } from '@dew/crypto';
import { streams } from '@dew/messaging';
import { Bus, IamDecisions, KmsEnvelope, NATS_CONNECTION, ROOT_KEY, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';

export { CREATE_DATA_KEY, DECRYPT_DATA_KEY, type DependentAction, type PortableValue } from '@dew/nest-kit';

/**
 * Secret values sealed under their secret's KMS key and keyring entry (the envelope itself:
 * nest-kit's KmsEnvelope), with KMS's refusals in CSMS's words.
 */
@Injectable()
export class Envelope extends KmsEnvelope implements OnModuleInit {
  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(ROOT_KEY) root: RootKeyProvider,
    @Inject(SERVICE_SETTINGS) settings: ServiceSettings,
    iam: IamDecisions,
    bus: Bus,
  ) {
    super({ nc, root, settings, iam, bus }, {
      service: 'csms',
      keyringStream: streams.csmsKeyring,
      refusals: {
        useDenied: KmsKeyUseDenied,
        actionDenied: KmsKeyActionDenied,
        keyUnusable: SecretKmsKeyUnusable,
        cannotProtect: KmsKeyCannotProtectSecrets,
        altered: SecretValueAltered,
      },
    });
  }
}
