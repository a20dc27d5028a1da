import { status, type ServerUnaryCall } from '@grpc/grpc-js';
import type { TokenKey } from '../token/pkcs11-token.js';
import { decryptGcm, digest, encryptGcm, sign, verify } from '../token/token-crypto.js';
import { exportWrapped, importWrapped } from '../token/key-transfer.js';
import { RpcError } from './grpc-errors.js';
import { publicKeySpki } from './public-key.js';
import { bytes, requireKeyId, requireString, unary, type CallGuard, type Handler, type UnaryImpl } from './unary.js';
import { keyInReply, keyInRequest, text, traced, type RecordCall, type TracedCall } from './call-audit.js';
import { optionalLabel, requireKeyType } from './input-limits.js';
import { pkcs11 } from '../token/pkcs11.js';
import { keyScope, type KeyScope, type TokenKeys } from './key-scope.js';

export interface HsmServiceDeps {
  /** The application token: every caller's but KMS's. */
  readonly app: TokenKeys;
  /** The KMS token: only KMS's certificates reach it (docs/hsm-appliance.md "Tokens"). */
  readonly kms: TokenKeys;
  readonly guard: CallGuard;
  readonly health: () => object;
  /** The audit trail (docs/hsm.md, "Traces"): key creation and destruction, served or refused. */
  readonly recordCall: RecordCall;
}

/** The application's identity: the common name of its access certificate (the TLS layer verified it). */
const application = (call: ServerUnaryCall<unknown, unknown>): string => {
  const cn = call.getAuthContext().sslPeerCertificate?.subject?.CN;
  return typeof cn === 'string' ? `certificate ${cn}` : 'unknown application';
};

/** The application service (proto `Hsm`): crypto with keys of the caller's token (key-scope.ts). */
export function hsmService(d: HsmServiceDeps): Record<string, UnaryImpl> {
  const info = (s: KeyScope, k: TokenKey) => ({ keyId: k.id, label: k.label, keyType: k.type, publicKey: publicKeySpki(s.token, k) });
  const scoped = (h: (s: KeyScope, r: Record<string, unknown>) => ReturnType<Handler>): Handler => (r, call) => h(keyScope(call, d), r);
  const u = (h: Parameters<typeof scoped>[0]) => unary(d.guard, scoped(h));
  const tracedCall = (spec: TracedCall, h: Parameters<typeof scoped>[0]) => unary(d.guard, traced(d.recordCall, application, spec, scoped(h)));
  const keyId = (s: KeyScope, r: Record<string, unknown>) => s.requireOwn(requireKeyId(r));
  return {
    Encrypt: u((s, r) => encryptGcm(s.token, keyId(s, r), bytes(r, 'plaintext'), bytes(r, 'aad'))),
    Decrypt: u((s, r) => ({ plaintext: decryptGcm(s.token, keyId(s, r), { iv: bytes(r, 'iv'), ciphertext: bytes(r, 'ciphertext') }, bytes(r, 'aad')) })),
    Sign: u((s, r) => ({ signature: sign(s.token, keyId(s, r), requireString(r, 'scheme'), bytes(r, 'message'), r['prehashed'] === true) })),
    Verify: u((s, r) => ({ valid: verify(s.token, keyId(s, r), requireString(r, 'scheme'), bytes(r, 'message'), bytes(r, 'signature'), r['prehashed'] === true) })),
    Digest: u((s, r) => ({ digest: digest(s.token, requireString(r, 'algorithm'), bytes(r, 'data')) })),
    // A key export: traced as an audited read (docs/hsm.md, "Traces").
    Wrap: tracedCall({ operation: 'Wrap', resource: keyInRequest, fields: (r) => ({ wrappingKeyId: text(r['wrappingKeyId']) }) }, (s, r) => {
      const wrapped = exportWrapped(s.token, keyId(s, r), wrappingKey(s, r));
      if (wrapped.publicKey) throw new RpcError(status.INVALID_ARGUMENT, 'Wrap exports secret (AES) keys only');
      return { wrapped: wrapped.wrapped, keyType: wrapped.type, publicKeyMaterial: Buffer.alloc(0) };
    }),
    Unwrap: tracedCall({ operation: 'Unwrap', resource: keyInReply, fields: (r) => ({ keyType: text(r['keyType']), wrappingKeyId: text(r['wrappingKeyId']) }) }, async (s, r) => {
      const type = requireKeyType(r);
      if (!type.startsWith('AES')) throw new RpcError(status.INVALID_ARGUMENT, 'Unwrap imports secret (AES) keys only');
      const key = { id: s.newId().toString('hex'), label: optionalLabel(r), type, wrapped: bytes(r, 'wrapped') };
      try {
        importWrapped(s.token, key, wrappingKey(s, r));
      } catch (err) {
        if (err instanceof RpcError) throw err;
        throw new RpcError(status.INVALID_ARGUMENT, 'the wrapped key does not unwrap under this key');
      }
      return info(s, await s.keys.shipExisting(key, String(r['requestId'] ?? '')));
    }),
    GenerateKey: tracedCall({ operation: 'GenerateKey', resource: keyInReply, fields: (r) => ({ keyType: text(r['keyType']) }) }, async (s, r) => {
      const type = requireKeyType(r);
      return info(s, await s.keys.generate(type, optionalLabel(r), String(r['requestId'] ?? ''), s.newId()));
    }),
    // Another caller's key is destroyed as little as a missing one: `destroyed: false` either way.
    DestroyKey: tracedCall({ operation: 'DestroyKey', resource: keyInRequest }, async (s, r) => {
      const id = requireKeyId(r);
      return { destroyed: s.owns(id) && await s.keys.destroy(id) };
    }),
    ListKeys: u((s) => ({ keys: s.token.list().filter((k) => /^[0-9a-f]{32}$/.test(k.id) && s.owns(k.id)).map((k) => info(s, k)) })),
    ListMechanisms: u((s) => ({ mechanisms: s.token.mechanisms() })),
    Health: u(() => d.health()),
  };
}

/** The caller's key a Wrap or Unwrap call names as its wrapping key. */
function wrappingKey(s: KeyScope, r: Record<string, unknown>) {
  const id = requireKeyId(r, 'wrappingKeyId');
  s.requireOwn(id, `no key ${id} of the needed kind`);
  return s.token.requireHandle(id, pkcs11.CKO_SECRET_KEY);
}
