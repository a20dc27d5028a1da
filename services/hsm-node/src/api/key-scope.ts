import { createHash, randomBytes } from 'node:crypto';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import type { Pkcs11Token } from '../token/pkcs11-token.js';
import type { ReplicatedKeys } from '../ha/replicated-keys.js';
import { TokenError } from '../token/token-error.js';
import { isKmsCommonName } from '../pki/kms-certificates.js';

/** A token with its replicated key creation and destruction. */
export interface TokenKeys {
  readonly token: Pkcs11Token;
  readonly keys: ReplicatedKeys;
}

/**
 * The keys one caller of the application API works with (docs/hsm-appliance.md "Tokens"): KMS's
 * certificates (`dew-kms:<key store id>`) the KMS token's keys of their key store only, every other
 * certificate the application token's.
 */
export interface KeyScope extends TokenKeys {
  /** A fresh key id for a key this caller creates. */
  newId(): Buffer;
  /** Throws as for a key that does not exist when `id` is not one of this caller's keys (no existence oracle). */
  requireOwn(id: string, missing?: string): string;
  owns(id: string): boolean;
}

/** A key store's keys carry ids starting with these bytes of the SHA-256 of KMS's common name. */
const KEY_STORE_PREFIX_BYTES = 8;

export function keyScope(call: ServerUnaryCall<unknown, unknown>, tokens: { readonly app: TokenKeys; readonly kms: TokenKeys }): KeyScope {
  const cn = call.getAuthContext().sslPeerCertificate?.subject?.CN;
  if (typeof cn !== 'string' || !isKmsCommonName(cn)) return scope(tokens.app, Buffer.alloc(0));
  return scope(tokens.kms, createHash('sha256').update(cn).digest().subarray(0, KEY_STORE_PREFIX_BYTES));
}

function scope(t: TokenKeys, prefix: Buffer): KeyScope {
  const hexPrefix = prefix.toString('hex');
  const owns = (id: string) => id.startsWith(hexPrefix);
  return {
    ...t,
    newId: () => Buffer.concat([prefix, randomBytes(16 - prefix.length)]),
    owns,
    requireOwn: (id, missing = `no key ${id}`) => {
      if (!owns(id)) throw new TokenError('NOT_FOUND', missing);
      return id;
    },
  };
}
