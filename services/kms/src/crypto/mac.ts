import { Injectable } from '@nestjs/common';
import { FieldNotOneOf, InvalidKmsParameter, type GenerateMacRequest, type Operation } from '@dew/contracts';
import { MAC_ALGORITHMS, isMacAlgorithm, type MacAlgorithm } from '@dew/crypto';
import type { RequestContext } from '@dew/messaging';
import { MaterialCache } from './material-cache.js';
import { UsableKeys, type UsableKey } from './usable-key.js';
import { fromBase64 } from './wire.js';

/** Huawei's GenerateMac: the message is 1..4096 bytes once base64-decoded (docs/input-limits.md). */
const MESSAGE_MAX = 4096;

/** The request fields generate-mac and verify-mac leave in their audit records (never message or mac). */
export const MAC_AUDITED = ['key_id', 'mac_algorithm'];

export interface MacCall {
  readonly usable: UsableKey;
  readonly secret: Buffer;
  readonly algorithm: MacAlgorithm;
  readonly message: Buffer;
}

/**
 * generate-mac and verify-mac: a GENERATE_VERIFY_MAC key (HMAC_256/384/512, HMAC_SM3) and the one
 * mac_algorithm that fits its spec (docs/api-decisions.md, "MAC keys"), newest version.
 */
@Injectable()
export class Macs {
  constructor(
    private readonly keys: UsableKeys,
    private readonly materials: MaterialCache,
  ) {}

  async prepare(req: GenerateMacRequest, ctx: RequestContext, row: Operation): Promise<MacCall> {
    if (!isMacAlgorithm(req.mac_algorithm)) throw FieldNotOneOf('mac_algorithm', Object.keys(MAC_ALGORITHMS), req.mac_algorithm);
    const algorithm = req.mac_algorithm;
    const message = fromBase64('message', req.message);
    if (message.length < 1 || message.length > MESSAGE_MAX) {
      throw InvalidKmsParameter(`message must be 1..${MESSAGE_MAX} bytes once base64-decoded, got ${message.length}`);
    }
    const usable = await this.keys.get(ctx, req.key_id, row.name, 'GENERATE_VERIFY_MAC');
    const fits = MAC_ALGORITHMS[algorithm].keySpec;
    if (usable.key.keySpec !== fits) {
      throw InvalidKmsParameter(`mac_algorithm ${algorithm} needs an ${fits} key; key ${usable.key.keyId} is ${usable.key.keySpec}`);
    }
    if (usable.material.kind !== 'symmetric') throw InvalidKmsParameter(`key ${usable.key.keyId} cannot ${row.name}`);
    return { usable, secret: usable.material.secret, algorithm, message };
  }

  /**
   * The material of every version of the key, newest first: a MAC carries no version, so
   * verify-mac accepts one made by any version the key still holds (docs/api-decisions.md,
   * "MAC keys"), as decrypt-data opens a ciphertext of any version after a rotation.
   */
  async allVersions(usable: UsableKey): Promise<Buffer[]> {
    const secrets: Buffer[] = [];
    for (const version of [...usable.key.versions].reverse()) {
      const material = await this.materials.get(usable.key, version);
      if (material.kind === 'symmetric') secrets.push(material.secret);
    }
    return secrets;
  }
}
