import { InvalidKmsParameter } from '@dew/contracts';
import { OAEP_ALGORITHMS, rsaOaepDecrypt, rsaOaepEncrypt, type OaepAlgorithm } from './rsa-oaep.js';
import type { AsymmetricKey } from './signing.js';
import { Sm2Key } from './sm2.js';

/** encrypt-data / decrypt-data with an asymmetric key: RSAES-OAEP (RSA keys) or SM2_ENCRYPT (SM2 keys). */
export type AsymmetricEncryption = OaepAlgorithm | 'SM2_ENCRYPT';

export const ASYMMETRIC_ENCRYPTIONS: readonly AsymmetricEncryption[] = [...OAEP_ALGORITHMS, 'SM2_ENCRYPT'];

export function isAsymmetricEncryption(value: string | undefined): value is AsymmetricEncryption {
  return value !== undefined && (ASYMMETRIC_ENCRYPTIONS as readonly string[]).includes(value);
}

function sm2(key: AsymmetricKey): Sm2Key {
  if (!(key instanceof Sm2Key)) throw InvalidKmsParameter(`encryption_algorithm SM2_ENCRYPT needs an SM2 key, this key is ${(key.asymmetricKeyType ?? 'unknown').toUpperCase()}`);
  return key;
}

export function asymmetricEncrypt(publicKey: AsymmetricKey, alg: AsymmetricEncryption, plaintext: Uint8Array): Buffer {
  return alg === 'SM2_ENCRYPT' ? sm2(publicKey).encrypt(plaintext) : rsaOaepEncrypt(publicKey, alg, plaintext);
}

export function asymmetricDecrypt(privateKey: AsymmetricKey, alg: AsymmetricEncryption, ciphertext: Uint8Array): Buffer {
  return alg === 'SM2_ENCRYPT' ? sm2(privateKey).decrypt(ciphertext) : rsaOaepDecrypt(privateKey, alg, ciphertext);
}
