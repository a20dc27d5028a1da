import { randomUUID, X509Certificate } from 'node:crypto';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { HsmInstanceUnusable, KeyStoreFieldInvalid, kmsOperations, type CreateKeyStoreRequest, type ReplyOf } from '@dew/contracts';
import { decide, validateCreateKeyStore, validateHsmCaCert } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { HSM_KEY_STORE, type HsmKeyStorePort, type KeyStoreBinding } from './hsm-key-store.port.js';
import { guarded } from './hsm-key-session.js';
import { HsmInstances } from './hsm-instances.js';
import { KeyStoreAccessKeys } from './key-store-credentials.js';

/**
 * create-key-store: refuse early (alias, instance id, one store per instance, quota), check the
 * instance is the caller project's and Running and, when hsm_ca_cert is given, that it is the
 * instance's CA; then enroll KMS with the instance, seal the access private key and append
 * KeyStoreCreated. A refusal at append time erases the unused keyring entry.
 */
@Controller()
export class CreateKeyStoreController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly instances: HsmInstances,
    private readonly accessKeys: KeyStoreAccessKeys,
    private readonly clock: Clock,
    @Inject(HSM_KEY_STORE) private readonly port: HsmKeyStorePort,
  ) {}

  @Handles(kmsOperations.createKeyStore)
  async create(@Payload() req: CreateKeyStoreRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.createKeyStore>> {
    const keystoreId = randomUUID();
    const input = { keystoreId, alias: req.keystore_alias, hsmClusterId: req.hsm_cluster_id };
    validateCreateKeyStore(this.keyrings.of(ctx.projectId), input);
    const given = req.hsm_ca_cert === undefined ? undefined : validateHsmCaCert(req.hsm_ca_cert);
    const instance = await this.instances.requireRunning(ctx, req.hsm_cluster_id, keystoreId);
    if (given !== undefined && !sameCertificate(given, instance.caCertPem)) {
      throw HsmInstanceUnusable(req.hsm_cluster_id, 'has another CA certificate than hsm_ca_cert (see show-hsm-ca-certificate)');
    }
    const binding: KeyStoreBinding = { keystoreId, projectId: ctx.projectId, hsmClusterId: req.hsm_cluster_id };
    const access = await this.accessKeys.seal(keystoreId, await guarded(binding, () => this.port.enroll(binding, instance.caCertPem)));
    try {
      await this.keyrings.execute(ctx, (state) =>
        decide(state, { type: 'CreateKeyStore', ...input, domainId: ctx.domainId, hsmCaCertPem: instance.caCertPem, access, now: this.clock.now() }),
      );
    } catch (err) {
      await this.accessKeys.discard(keystoreId);
      throw err;
    }
    return { keystore: { keystore_id: keystoreId, domain_id: ctx.domainId } };
  }
}

function sameCertificate(givenPem: string, instancePem: string): boolean {
  let given: X509Certificate;
  try {
    given = new X509Certificate(givenPem);
  } catch {
    throw KeyStoreFieldInvalid('hsm_ca_cert', 'must be a PEM certificate that parses as X.509', givenPem);
  }
  return given.raw.equals(new X509Certificate(instancePem).raw);
}
