import { keyStoreMessageAad, keyStoreMessageHeader, openMessage, sealMessage, splitKeyStoreMessage, type MessagePurpose } from '@dew/crypto';
import { aesMaterial, messageSuite } from './data-rules.js';
import type { UsableKey } from './usable-key.js';

/**
 * Every seal and open of a symmetric CMK's messages goes through here, in the key's own
 * construction (AES-256-GCM or SM4-CTR + HMAC-SM3; docs/ciphertext.md) and under the version
 * resolved for the call, so no caller can pass one key's material with another's construction.
 */
export async function sealUnder(usable: UsableKey, plaintext: Uint8Array, aad: Uint8Array, purpose: MessagePurpose): Promise<Buffer> {
  const { material } = usable;
  if (material.kind === 'hsm') {
    // A key-store key: the same header (format 0x03), the body made by the HSM (docs/ciphertext.md, "Key-store keys").
    const header = keyStoreMessageHeader(usable.key.keyId, usable.version.version);
    const body = await material.session.encrypt(Buffer.from(plaintext), keyStoreMessageAad(header, purpose, aad));
    return Buffer.concat([header, body]);
  }
  const { secret } = aesMaterial(usable.key, material);
  return sealMessage(secret, usable.key.keyId, usable.version.version, plaintext, aad, purpose, messageSuite(usable.key));
}

export async function openUnder(usable: UsableKey, blob: Uint8Array, aad: Uint8Array, purpose: MessagePurpose): Promise<Buffer> {
  const { material } = usable;
  if (material.kind === 'hsm') {
    const { header, body } = splitKeyStoreMessage(blob);
    return material.session.decrypt(body, keyStoreMessageAad(header, purpose, aad));
  }
  return openMessage(aesMaterial(usable.key, material).secret, blob, aad, purpose, messageSuite(usable.key));
}
