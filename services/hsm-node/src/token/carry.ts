import type * as P11 from 'pkcs11js';
import { pkcs11 } from './pkcs11.js';
import type { Pkcs11Token } from './pkcs11-token.js';
import { deriveAesKey, ephemeralKeyPair } from './ecdh.js';
import { KEY_WRAP } from './key-transfer.js';

const SESSION_KEY: P11.Template = [
  { type: pkcs11.CKA_TOKEN, value: false },
  { type: pkcs11.CKA_PRIVATE, value: true },
  { type: pkcs11.CKA_SENSITIVE, value: true },
  { type: pkcs11.CKA_EXTRACTABLE, value: false },
];

/**
 * Copies an extractable secret key into another token of the same process (PKCS#11 wraps within
 * one token only): an ephemeral ECDH agreement gives each token the same transport key, as session
 * objects; the key travels wrapped under it and never exists in clear outside a token. The copy
 * gets `attributes` (class and type are set here) and its handle is returned; the ephemeral
 * objects are destroyed.
 */
export function carrySecretKey(from: Pkcs11Token, key: P11.Handle, to: Pkcs11Token, attributes: P11.Template): P11.Handle {
  const sender = ephemeralKeyPair(from);
  const receiver = ephemeralKeyPair(to);
  const sending = deriveAesKey(from, sender.privateKey, receiver.point, [...SESSION_KEY, { type: pkcs11.CKA_WRAP, value: true }]);
  const receiving = deriveAesKey(to, receiver.privateKey, sender.point, [...SESSION_KEY, { type: pkcs11.CKA_UNWRAP, value: true }]);
  try {
    const wrapped = from.pkcs11.C_WrapKey(from.session, KEY_WRAP, sending, key, Buffer.alloc(256));
    return to.pkcs11.C_UnwrapKey(to.session, KEY_WRAP, receiving, wrapped, [
      { type: pkcs11.CKA_CLASS, value: pkcs11.CKO_SECRET_KEY },
      { type: pkcs11.CKA_KEY_TYPE, value: pkcs11.CKK_AES },
      ...attributes,
    ]);
  } finally {
    from.discard(sending, sender.privateKey, sender.publicKey);
    to.discard(receiving, receiver.privateKey, receiver.publicKey);
  }
}
