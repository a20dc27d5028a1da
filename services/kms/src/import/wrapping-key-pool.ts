import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HealthDetails } from '@dew/nest-kit';

const generate = promisify(generateKeyPair);
const POOL_SIZE = 4;

export interface WrappingKeyPair {
  readonly privateKey: KeyObject;
  /** SubjectPublicKeyInfo DER, base64 on the wire (`MIIBIjAN…`). */
  readonly publicKeyDer: Buffer;
}

/**
 * Fresh RSA-2048 wrapping key pairs, generated ahead (off the event loop) so that
 * get-parameters-for-import answers at once; every pair is handed out once.
 */
@Injectable()
export class WrappingKeyPool implements OnApplicationBootstrap {
  readonly #ready: WrappingKeyPair[] = [];
  #filling: Promise<void> | undefined;

  constructor(health: HealthDetails) {
    health.add('wrappingKeyPool', () => ({ ready: this.#ready.length, size: POOL_SIZE }));
  }

  onApplicationBootstrap(): void {
    void this.#fill();
  }

  async take(): Promise<WrappingKeyPair> {
    const pair = this.#ready.shift() ?? (await this.#generate());
    void this.#fill();
    return pair;
  }

  #fill(): Promise<void> {
    this.#filling ??= (async () => {
      while (this.#ready.length < POOL_SIZE) this.#ready.push(await this.#generate());
    })().finally(() => {
      this.#filling = undefined;
    });
    return this.#filling;
  }

  async #generate(): Promise<WrappingKeyPair> {
    const { privateKey, publicKey } = await generate('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
    return { privateKey, publicKeyDer: publicKey.export({ type: 'spki', format: 'der' }) };
  }
}
