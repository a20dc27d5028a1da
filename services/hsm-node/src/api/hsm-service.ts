import { status, type ServerUnaryCall } from '@grpc/grpc-js';
import type { Pkcs11Token, TokenKey } from '../token/pkcs11-token.js';
import { decryptGcm, digest, encryptGcm, sign, verify } from '../token/token-crypto.js';
import { exportWrapped, importWrapped } from '../token/key-transfer.js';
import type { ReplicatedKeys } from '../ha/replicated-keys.js';
import { RpcError } from './grpc-errors.js';
import { publicKeySpki } from './public-key.js';
import { bytes, requireKeyId, requireString, unary, type CallGuard, type Handler, type UnaryImpl } from './unary.js';
import { keyInReply, keyInRequest, text, traced, type RecordCall, type TracedCall } from './call-audit.js';
import { optionalLabel, requireKeyType } from './input-limits.js';
import { randomBytes } from 'node:crypto';
import { pkcs11 } from '../token/pkcs11.js';

export interface HsmServiceDeps {
  readonly token: Pkcs11Token;
  readonly keys: ReplicatedKeys;
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

/** The application service (proto `Hsm`): crypto with keys of the token. */
export function hsmService(d: HsmServiceDeps): Record<string, UnaryImpl> {
  const t = d.token;
  const info = (k: TokenKey) => ({ keyId: k.id, label: k.label, keyType: k.type, publicKey: publicKeySpki(t, k) });
  const u = (h: Parameters<typeof unary>[1]) => unary(d.guard, h);
  const tracedCall = (spec: TracedCall, h: Handler) => u(traced(d.recordCall, application, spec, h));
  return {
    Encrypt: u((r) => encryptGcm(t, requireKeyId(r), bytes(r, 'plaintext'), bytes(r, 'aad'))),
    Decrypt: u((r) => ({ plaintext: decryptGcm(t, requireKeyId(r), { iv: bytes(r, 'iv'), ciphertext: bytes(r, 'ciphertext') }, bytes(r, 'aad')) })),
    Sign: u((r) => ({ signature: sign(t, requireKeyId(r), requireString(r, 'scheme'), bytes(r, 'message'), r['prehashed'] === true) })),
    Verify: u((r) => ({ valid: verify(t, requireKeyId(r), requireString(r, 'scheme'), bytes(r, 'message'), bytes(r, 'signature'), r['prehashed'] === true) })),
    Digest: u((r) => ({ digest: digest(t, requireString(r, 'algorithm'), bytes(r, 'data')) })),
    // A key export: traced as an audited read (docs/hsm.md, "Traces").
    Wrap: tracedCall({ operation: 'Wrap', resource: keyInRequest, fields: (r) => ({ wrappingKeyId: text(r['wrappingKeyId']) }) }, (r) => {
      const wrapped = exportWrapped(t, requireKeyId(r), wrappingKey(t, r));
      if (wrapped.publicKey) throw new RpcError(status.INVALID_ARGUMENT, 'Wrap exports secret (AES) keys only');
      return { wrapped: wrapped.wrapped, keyType: wrapped.type, publicKeyMaterial: Buffer.alloc(0) };
    }),
    Unwrap: tracedCall({ operation: 'Unwrap', resource: keyInReply, fields: (r) => ({ keyType: text(r['keyType']), wrappingKeyId: text(r['wrappingKeyId']) }) }, async (r) => {
      const type = requireKeyType(r);
      if (!type.startsWith('AES')) throw new RpcError(status.INVALID_ARGUMENT, 'Unwrap imports secret (AES) keys only');
      const key = { id: randomBytes(16).toString('hex'), label: optionalLabel(r), type, wrapped: bytes(r, 'wrapped') };
      try {
        importWrapped(t, key, wrappingKey(t, r));
      } catch (err) {
        if (err instanceof RpcError) throw err;
        throw new RpcError(status.INVALID_ARGUMENT, 'the wrapped key does not unwrap under this key');
      }
      return info(await d.keys.shipExisting(key, String(r['requestId'] ?? '')));
    }),
    GenerateKey: tracedCall({ operation: 'GenerateKey', resource: keyInReply, fields: (r) => ({ keyType: text(r['keyType']) }) }, async (r) => {
      const type = requireKeyType(r);
      return info(await d.keys.generate(type, optionalLabel(r), String(r['requestId'] ?? '')));
    }),
    DestroyKey: tracedCall({ operation: 'DestroyKey', resource: keyInRequest }, async (r) => ({ destroyed: await d.keys.destroy(requireKeyId(r)) })),
    ListKeys: u(() => ({ keys: t.list().filter((k) => /^[0-9a-f]{32}$/.test(k.id)).map(info) })),
    ListMechanisms: u(() => ({ mechanisms: t.mechanisms() })),
    Health: u(() => d.health()),
  };
}

/** The application key a Wrap or Unwrap call names as its wrapping key. */
function wrappingKey(t: Pkcs11Token, r: Record<string, unknown>) {
  return t.requireHandle(requireKeyId(r, 'wrappingKeyId'), pkcs11.CKO_SECRET_KEY);
}
