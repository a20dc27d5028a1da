import { Injectable, type OnModuleInit } from '@nestjs/common';
import { KmsKeyActionDenied, KmsKeyCannotProtectSecrets, KmsKeyUseDenied, SecretKmsKeyUnusable, SecretValueAltered } from '@dew/contracts';
import { streams } from '@dew/messaging';
import { EnvelopeDeps, KmsEnvelope } from '@dew/nest-kit';

export { CREATE_DATA_KEY, DECRYPT_DATA_KEY, type DependentAction, type PortableValue } from '@dew/nest-kit';

/**
 * Secret values sealed under their secret's KMS key and keyring entry (the envelope itself:
 * nest-kit's KmsEnvelope), with KMS's refusals in CSMS's words.
 */
@Injectable()
export class Envelope extends KmsEnvelope implements OnModuleInit {
  constructor(deps: EnvelopeDeps) {
    super(deps, {
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
