import { Injectable } from '@nestjs/common';
import { InvalidKmsParameter, type Operation, type SignRequest } from '@dew/contracts';
import { SIGNING_ALGORITHMS, signMessage, verifyMessage, type MessageType, type SigningAlgorithm } from '@dew/crypto';
import type { EnabledCmk } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import type { Material } from './material-cache.js';
import { UsableKeys, type UsableKey } from './usable-key.js';
import { fromBase64 } from './wire.js';

const MESSAGE_MAX = 4096;

/** The request fields sign and verify leave in their audit records. */
export const SIGNING_AUDITED = ['key_id', 'signing_algorithm', 'message_type'];

export interface SigningCall {
  readonly usable: UsableKey;
  /** The private key here, or the key's HSM session (a key-store key: signing and verifying run in its HSM). */
  readonly pair: Extract<Material, { kind: 'asymmetric' | 'hsm' }>;
  readonly alg: SigningAlgorithm;
  readonly message: Buffer;
  readonly type: MessageType;
}

/** sign and verify: RSA PSS and PKCS#1 v1.5, ECDSA; RAW or DIGEST input, with a SIGN_VERIFY key. */
@Injectable()
export class Signing {
  constructor(private readonly keys: UsableKeys) {}

  async prepare(req: SignRequest, ctx: RequestContext, row: Operation): Promise<SigningCall> {
    const info = Object.hasOwn(SIGNING_ALGORITHMS, req.signing_algorithm) ? SIGNING_ALGORITHMS[req.signing_algorithm as SigningAlgorithm] : undefined;
    if (!info) throw InvalidKmsParameter(`signing_algorithm must be one of ${Object.keys(SIGNING_ALGORITHMS).join(', ')}, got ${req.signing_algorithm.slice(0, 40)}`);
    const message = fromBase64('message', req.message);
    if (message.length < 1 || message.length > MESSAGE_MAX) throw InvalidKmsParameter(`message must be 1..${MESSAGE_MAX} bytes, got ${message.length}`);
    const usable = await this.keys.get(ctx, req.key_id, row.name, 'SIGN_VERIFY');
    const pair = usable.material;
    if (pair.kind === 'symmetric') throw InvalidKmsParameter(`key ${usable.key.keyId} cannot ${row.name}`);
    return { usable, pair, alg: req.signing_algorithm as SigningAlgorithm, message, type: req.message_type ?? 'DIGEST' };
  }
}

export function signFor(call: SigningCall): Promise<Buffer> {
  const { pair, alg, message, type } = call;
  return pair.kind === 'hsm' ? pair.session.sign(alg, message, type) : Promise.resolve(signMessage(pair.privateKey, alg, message, type));
}

export function verifyFor(call: SigningCall, signature: Buffer): Promise<boolean> {
  const { pair, alg, message, type } = call;
  return pair.kind === 'hsm' ? pair.session.verify(alg, message, type, signature) : Promise.resolve(verifyMessage(pair.publicKey, alg, message, type, signature));
}

/** The PEM public key of an asymmetric key's newest version. */
export function publicKeyPem(key: EnabledCmk): string {
  const pem = key.versions[key.versions.length - 1]?.publicKeyPem;
  if (!pem) throw InvalidKmsParameter(`key ${key.keyId} is ${key.keySpec}: only asymmetric keys have a public key`);
  return pem;
}
