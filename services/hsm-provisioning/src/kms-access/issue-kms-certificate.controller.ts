import { createPublicKey, X509Certificate } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  dhsmOperations, DhsmFieldInvalid, HsmApplianceNotAnswering, HsmApplianceRefused, HsmCaNotPublished, quote, type IssueKmsCertificateRequest, type ReplyOf,
} from '@dew/contracts';
import { requireStatus } from '@dew/hsm-domain';
import { IssuanceFailed } from '@dew/hsm-control';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { NodeControl } from '../control/node-control.js';
import { HsmInstanceSets } from '../instances/instance-sets.js';
import { InstanceCaCertificates } from '../pki/instance-ca-certificates.js';
import { applicationAddress } from './application-address.js';

/** A key store id as KMS makes them; the common name `dew-kms:<id>` stays within X.509's 64 characters. */
const KEYSTORE_ID = /^[A-Za-z0-9_-]{1,56}$/;

/**
 * KMS's access certificate for a key store (docs/hsm-appliance.md, "KMS's access certificate"):
 * only for an instance of the caller's project that is Running; the active node signs KMS's
 * public key (it never sees the private half) and traces the issuance.
 */
@Controller()
export class IssueKmsCertificateController {
  constructor(private readonly sets: HsmInstanceSets, private readonly certificates: InstanceCaCertificates, private readonly control: NodeControl) {}

  @Handles(dhsmOperations.issueKmsCertificate)
  async issue(@Payload() r: IssueKmsCertificateRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof dhsmOperations.issueKmsCertificate>> {
    const instance = requireStatus(this.sets.of(ctx.projectId), r.instance_id, 'issuing KMS an access certificate', ['Running']);
    if (!KEYSTORE_ID.test(r.keystore_id)) throw DhsmFieldInvalid('keystore_id', 'be 1 to 56 characters of [A-Za-z0-9_-]', quote(r.keystore_id.slice(0, 64)));
    requireP256(r.public_key);
    const ca = await this.certificates.of(instance.id);
    if (!ca) throw HsmCaNotPublished(instance.id, instance.status);
    let issued;
    try {
      issued = await this.control.issueThroughActiveNode(instance.id, `dew-kms:${r.keystore_id}`, r.public_key);
    } catch (err) {
      if (err instanceof IssuanceFailed) throw err.retryable ? HsmApplianceNotAnswering(instance.id, err.message) : HsmApplianceRefused(instance.id, err.message);
      throw err;
    }
    // The node's CA signed it: what KMS will present, checked against the CA it trusts the instance by.
    if (!new X509Certificate(issued.certificate).checkIssued(new X509Certificate(ca.pem))) throw HsmApplianceRefused(instance.id, 'the certificate the node answered is not of the instance CA');
    return { certificate: issued.certificate, serial: issued.serial, ca_certificate: ca.pem, address: applicationAddress(instance) ?? '' };
  }
}

function requireP256(pem: string): void {
  let ok = false;
  try {
    const key = createPublicKey(pem);
    ok = key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    ok = false;
  }
  if (!ok) throw DhsmFieldInvalid('public_key', 'be an EC P-256 public key in PEM (SPKI)');
}
