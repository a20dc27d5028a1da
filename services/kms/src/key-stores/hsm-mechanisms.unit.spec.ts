import { status } from '@grpc/grpc-js';
import { retryableHsmStatus } from './hsm-key-stores.js';
import { KEY_SPECS } from '@dew/kms-domain';
import { KeyStoreError } from './hsm-key-store.errors.js';
import { keyTypeOf, signatureSchemeOf, signingCallOf } from './hsm-mechanisms.js';

const refusalOf = (f: () => unknown): KeyStoreError | undefined => {
  try {
    f();
  } catch (err) {
    if (err instanceof KeyStoreError) return err;
    throw err;
  }
  return undefined;
};

describe('what a key store offers', () => {
  it('key specs: the appliance\'s mirrorable types are kept; every other KMS spec is refused unsupported, naming the spec and the offered ones', () => {
    const kept = KEY_SPECS.filter((s) => refusalOf(() => keyTypeOf(s)) === undefined);
    expect(kept).toEqual(['AES_256', 'RSA_2048', 'RSA_3072', 'EC_P256', 'EC_P384']);
    const e = refusalOf(() => keyTypeOf('RSA_4096'));
    expect([e?.kind, e?.retryable, e?.message]).toEqual(['unsupported', false, 'key spec "RSA_4096" is not available in a key store; it offers AES_256, RSA_2048, RSA_3072, EC_P256, EC_P384']);
  });

  it('signing: KMS names map to the appliance\'s schemes, a DIGEST to a prehashed call; ECDSA_SHA_512, SM2, Ed25519 and an inherited name are refused', () => {
    expect(signatureSchemeOf('ECDSA_SHA_256', 'RAW')).toEqual({ scheme: 'ECDSA_SHA256', prehashed: false });
    expect(signatureSchemeOf('RSASSA_PSS_SHA_384', 'DIGEST')).toEqual({ scheme: 'RSA_PSS_SHA384', prehashed: true });
    expect(signatureSchemeOf('RSASSA_PKCS1_V1_5_SHA_512', 'RAW')).toEqual({ scheme: 'RSA_PKCS1_SHA512', prehashed: false });
    for (const name of ['ECDSA_SHA_512', 'SM2DSA_SM3', 'ED25519_SHA_512', 'constructor']) expect([name, refusalOf(() => signatureSchemeOf(name, 'DIGEST'))?.kind]).toEqual([name, 'unsupported']);
  });

  it('a DIGEST of another length than the algorithm\'s hash is refused invalid-input naming both lengths; a RAW message of any length passes', () => {
    expect(signingCallOf('ks-1', 'ECDSA_SHA_384', Buffer.alloc(48), 'DIGEST')).toEqual({ scheme: 'ECDSA_SHA384', prehashed: true });
    expect(signingCallOf('ks-1', 'ECDSA_SHA_256', Buffer.alloc(31), 'RAW')).toEqual({ scheme: 'ECDSA_SHA256', prehashed: false });
    const e = refusalOf(() => signingCallOf('ks-1', 'RSASSA_PKCS1_V1_5_SHA_512', Buffer.alloc(32), 'DIGEST'));
    expect([e?.kind, e?.message]).toEqual(['invalid-input', 'key store ks-1: message of DIGEST type must be 64 bytes for SHA-512, got 32']);
  });
});

describe('retryableHsmStatus: which HSM failures a caller may retry as they are', () => {
  it('a deadline, exhausted resources or an aborted call are retryable; an internal fault or a refusal is not', () => {
    expect([status.DEADLINE_EXCEEDED, status.RESOURCE_EXHAUSTED, status.ABORTED].map(retryableHsmStatus)).toEqual([true, true, true]);
    expect([status.INTERNAL, status.UNIMPLEMENTED, status.PERMISSION_DENIED, undefined].map(retryableHsmStatus)).toEqual([false, false, false, false]);
  });
});
