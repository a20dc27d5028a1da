import { openMessage, sealMessage, type MessagePurpose } from '@dew/crypto';
import { aesMaterial, messageSuite } from './data-rules.js';
import type { UsableKey } from './usable-key.js';

/**
 * Every seal and open of a symmetric CMK's messages goes through here, in the key's own
 * construction (AES-256-GCM or SM4-CTR + HMAC-SM3; docs/ciphertext.md) and under the version
 * resolved for the call, so no caller can pass one key's material with another's construction.
 */
export function sealUnder(usable: UsableKey, plaintext: Uint8Array, aad: Uint8Array, purpose: MessagePurpose): Buffer {
  const { secret } = aesMaterial(usable.key, usable.material);
  return sealMessage(secret, usable.key.keyId, usable.version.version, plaintext, aad, purpose, messageSuite(usable.key));
}

export function openUnder(usable: UsableKey, blob: Uint8Array, aad: Uint8Array, purpose: MessagePurpose): Buffer {
  return openMessage(aesMaterial(usable.key, usable.material).secret, blob, aad, purpose, messageSuite(usable.key));
}
