import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InvalidKmsParameter, KeyOpRequest, SignRequest, validateBody, VerifyRequest } from '@dew/contracts';
import { SIGNING_ALGORITHMS, signMessage, verifyMessage, type MessageType, type SigningAlgorithm } from '@dew/crypto';
import { requireUsableKey } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { RpcRegistry } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { UsableKeys, type UsableKey } from './usable-key.js';
import { fromBase64 } from './wire.js';

const MESSAGE_MAX = 4096;
const AUDITED = ['key_id', 'signing_algorithm', 'message_type'];

/** sign / verify / get-publickey: RSA PSS and PKCS#1 v1.5, ECDSA; RAW or DIGEST input. */
@Injectable()
export class SignHandler implements OnModuleInit {
  constructor(
    private readonly keys: UsableKeys,
    private readonly keyrings: Keyrings,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    this.rpc.register('kms.sign', (body, ctx) => this.sign(validateBody(SignRequest, body), ctx));
    this.rpc.register('kms.verify', (body, ctx) => this.verify(validateBody(VerifyRequest, body), ctx));
    this.rpc.register('kms.get-publickey', async (body, ctx) => this.publicKey(validateBody(KeyOpRequest, body), ctx));
  }

  async sign(req: SignRequest, ctx: RequestContext) {
    const { usable, alg, message, type } = await this.#prepare(req, ctx, 'sign');
    if (usable.material.kind !== 'asymmetric') throw InvalidKmsParameter(`key ${usable.key.keyId} cannot sign`);
    const signature = signMessage(usable.material.privateKey, alg, message, type);
    await this.keys.recordUse(ctx, 'sign', usable, req, AUDITED);
    return { key_id: usable.key.keyId, signature: signature.toString('base64') };
  }

  async verify(req: VerifyRequest, ctx: RequestContext) {
    const { usable, alg, message, type } = await this.#prepare(req, ctx, 'verify');
    if (usable.material.kind !== 'asymmetric') throw InvalidKmsParameter(`key ${usable.key.keyId} cannot verify`);
    const valid = verifyMessage(usable.material.publicKey, alg, message, type, fromBase64('signature', req.signature));
    await this.keys.recordUse(ctx, 'verify', usable, req, AUDITED);
    return { key_id: usable.key.keyId, signature_valid: valid ? 'true' : 'false' };
  }

  /** Only an Enabled key answers its public key (K4: only Enabled keys do crypto). */
  publicKey(req: KeyOpRequest, ctx: RequestContext) {
    const key = requireUsableKey(this.keyrings.of(ctx.projectId), req.key_id);
    const pem = key.versions[key.versions.length - 1]?.publicKeyPem;
    if (!pem) throw InvalidKmsParameter(`key ${key.keyId} is ${key.keySpec}: only asymmetric keys have a public key`);
    return { key_id: key.keyId, public_key: pem };
  }

  async #prepare(req: SignRequest, ctx: RequestContext, operation: string): Promise<{ usable: UsableKey; alg: SigningAlgorithm; message: Buffer; type: MessageType }> {
    const info = Object.hasOwn(SIGNING_ALGORITHMS, req.signing_algorithm) ? SIGNING_ALGORITHMS[req.signing_algorithm as SigningAlgorithm] : undefined;
    if (!info) throw InvalidKmsParameter(`signing_algorithm must be one of ${Object.keys(SIGNING_ALGORITHMS).join(', ')}, got ${req.signing_algorithm.slice(0, 40)}`);
    const message = fromBase64('message', req.message);
    if (message.length < 1 || message.length > MESSAGE_MAX) throw InvalidKmsParameter(`message must be 1..${MESSAGE_MAX} bytes, got ${message.length}`);
    const usable = await this.keys.get(ctx, req.key_id, operation, 'SIGN_VERIFY');
    const alg = req.signing_algorithm as SigningAlgorithm;
    return { usable, alg, message, type: req.message_type ?? 'DIGEST' };
  }
}
