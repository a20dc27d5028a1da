import { createPublicKey } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import type { IssuanceHandler } from '@dew/hsm-control';
import type { RecordCall } from '../api/call-audit.js';
import { MAX_COMMON_NAME_CHARS, quoted } from '../api/input-limits.js';
import type { InstanceCa } from './instance-ca.js';

/** The names KMS's access certificates carry: `dew-kms:<keystore id>` (docs/hsm-appliance.md, "KMS's access certificate"). */
const KMS_COMMON_NAME = /^dew-kms:[A-Za-z0-9_-]{1,56}$/;
/** The prefix only the relay issues: IssueCertificate refuses it, so no application's calls are traced as KMS's. */
export const KMS_NAME_PREFIX = 'dew-kms:';

/** Whether a common name IssueCertificate must refuse (any case: the trail is read by people). */
export function isReservedForKms(commonName: string): boolean {
  return commonName.trim().toLowerCase().startsWith(KMS_NAME_PREFIX);
}
/** Whether a verified certificate's common name is KMS's (issued only through the relay, below). */
export function isKmsCommonName(commonName: string): boolean {
  return KMS_COMMON_NAME.test(commonName);
}
/** Who the audit trail names for these: the request came through the control plane, from provisioning, for KMS. */
export const KMS_CALLER = 'KMS (through hsm-provisioning)';

export interface KmsCertificateDeps {
  readonly ca: () => InstanceCa;
  readonly recordCall: RecordCall;
  readonly active: () => boolean;
}

/**
 * Issues KMS's access certificates for requests relayed by the control plane: a client
 * certificate of the instance CA for a P-256 public key KMS generated (the node never sees its
 * private half), recorded in the call trail like IssueCertificate, revocable by the UKey holder
 * like any other (RevokeCertificate, the CRL).
 */
export function kmsCertificateIssuer(d: KmsCertificateDeps): IssuanceHandler {
  return async (commonName, publicKeyPem) => {
    let issued: { pem: string; serial: string } | undefined;
    let refusal: string | undefined;
    try {
      issued = issue(d, commonName, publicKeyPem);
    } catch (err) {
      refusal = (err as Error).message;
    }
    await d.recordCall({
      operation: 'IssueCertificate', resourceId: issued?.serial ?? '', resourceName: commonName.slice(0, MAX_COMMON_NAME_CHARS), code: refusal ? status.INVALID_ARGUMENT : 0, message: refusal ?? '',
      caller: KMS_CALLER, sourceIp: '', request: { commonName: commonName.slice(0, MAX_COMMON_NAME_CHARS), issuedFor: 'KMS' },
    });
    if (!issued) throw new Error(refusal);
    return { certificate: issued.pem, serial: issued.serial };
  };
}

function issue(d: KmsCertificateDeps, commonName: string, publicKeyPem: string): { pem: string; serial: string } {
  if (!d.active()) throw new Error('this node is the standby');
  if (!KMS_COMMON_NAME.test(commonName)) throw new Error(`commonName must be dew-kms:<key store id> (at most ${MAX_COMMON_NAME_CHARS} characters of [A-Za-z0-9_-:]), got ${quoted(commonName)}`);
  let key;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    throw new Error('publicKey is not a public key in PEM');
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('publicKey must be an EC P-256 public key');
  return d.ca().issue(publicKeyPem, commonName, 'client');
}
