import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { generateDataKeyPair, type DataKeyPair, type DataKeyPairSpec } from './data-key-pairs.js';
import { Sm2Key } from './sm2.js';

const generateKeyPairAsync = promisify(generateKeyPair);

/** Bytes of material of each symmetric key spec: the cipher key, or the HMAC key (its digest's length). */
export const SYMMETRIC_MATERIAL_BYTES = { AES_256: 32, SM4: 16, HMAC_256: 32, HMAC_384: 48, HMAC_512: 64, HMAC_SM3: 32 } as const;
export type SymmetricMaterialSpec = keyof typeof SYMMETRIC_MATERIAL_BYTES;
export type MaterialSpec = SymmetricMaterialSpec | 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'EC_P256' | 'EC_P384' | 'SECP256K1' | 'SM2' | 'ED25519';

function isSymmetricMaterial(spec: MaterialSpec): spec is SymmetricMaterialSpec {
  return Object.hasOwn(SYMMETRIC_MATERIAL_BYTES, spec);
}

export interface GeneratedMaterial {
  /** Raw symmetric key (AES, SM4, HMAC), or PKCS#8 DER of the private key. Wrap it at once; never log it. */
  readonly secret: Buffer;
  readonly publicKeyPem?: string;
}

const RSA_BITS = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 } as const;
const EC_CURVES = { EC_P256: 'prime256v1', EC_P384: 'secp384r1', SECP256K1: 'secp256k1' } as const;

/**
 * Generates key material off the event loop (libuv pool). Concurrency is bounded because
 * RSA-4096 takes ~1 s of a core and a burst of creates must not starve request handling.
 */
export class MaterialGenerator {
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(private readonly maxConcurrent = 2) {}

  async generate(spec: MaterialSpec): Promise<GeneratedMaterial> {
    if (isSymmetricMaterial(spec)) return { secret: randomBytes(SYMMETRIC_MATERIAL_BYTES[spec]) };
    if (spec === 'SM2') {
      // SM2 keys stay out of node:crypto (./sm2.ts); one scalar multiplication, no need for the pool.
      const key = Sm2Key.generate();
      return { secret: key.pkcs8(), publicKeyPem: key.publicKeyPem() };
    }
    await this.#acquire();
    try {
      const { privateKey, publicKey } =
        spec === 'ED25519'
          ? await generateKeyPairAsync('ed25519')
          : spec === 'EC_P256' || spec === 'EC_P384' || spec === 'SECP256K1'
            ? await generateKeyPairAsync('ec', { namedCurve: EC_CURVES[spec] })
            : await generateKeyPairAsync('rsa', { modulusLength: RSA_BITS[spec], publicExponent: 0x10001 });
      return {
        secret: privateKey.export({ type: 'pkcs8', format: 'der' }),
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      };
    } finally {
      this.#release();
    }
  }

  /** A data key pair (./data-key-pairs.ts), under the same bound as key material. */
  async generatePair(spec: DataKeyPairSpec): Promise<DataKeyPair> {
    await this.#acquire();
    try {
      return await generateDataKeyPair(spec);
    } finally {
      this.#release();
    }
  }

  async #acquire(): Promise<void> {
    if (this.#running < this.maxConcurrent) {
      this.#running++;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running--;
  }
}
