import { Injectable } from '@nestjs/common';
import { InvalidKmsParameter, type DeriveSharedSecretReply, type DeriveSharedSecretRequest, type Operation } from '@dew/contracts';
import { ecdhSharedSecret } from '@dew/crypto';
import { AGREEMENT_USAGE, agreementCurve, parseAgreementAlgorithm } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { UsableKeys } from './usable-key.js';
import { fromBase64 } from './wire.js';

/** A DER SubjectPublicKeyInfo of the largest curve DEW agrees on (P-521) is 158 bytes. */
const PUBLIC_KEY_MAX = 512;
const AUDITED = ['key_id', 'key_agreement_algorithm'];

/**
 * derive-shared-secret (docs/api-decisions.md, "Data key pairs and shared secrets"): ECDH of the
 * key's private key and the peer's public key (base64 DER SubjectPublicKeyInfo, same curve), the
 * raw secret answered in base64. No attestation `recipient`: DEW has no enclave to encrypt for.
 */
@Injectable()
export class KeyAgreement {
  constructor(private readonly keys: UsableKeys) {}

  async derive(req: DeriveSharedSecretRequest, ctx: RequestContext, row: Operation): Promise<DeriveSharedSecretReply> {
    const algorithm = parseAgreementAlgorithm(req.key_agreement_algorithm);
    if (req.recipient !== undefined) throw InvalidKmsParameter('recipient (an attestation document) is not supported: omit it to receive shared_secret');
    const peer = fromBase64('public_key', req.public_key);
    if (peer.length < 1 || peer.length > PUBLIC_KEY_MAX) throw InvalidKmsParameter(`public_key must be 1..${PUBLIC_KEY_MAX} bytes of DER, got ${peer.length}`);
    const usable = await this.keys.get(ctx, req.key_id, row.name, AGREEMENT_USAGE);
    const curve = agreementCurve(usable.key, row.name);
    if (usable.material.kind !== 'asymmetric') throw new Error('internal: an EC key without a private key');
    const secret = ecdhSharedSecret(usable.material.privateKey, curve, peer);
    try {
      await this.keys.recordUse(ctx, row, usable, req, AUDITED);
      return { key_id: usable.key.keyId, key_agreement_algorithm: algorithm, shared_secret: secret.toString('base64') };
    } finally {
      secret.fill(0);
    }
  }
}
