import { KEY_SPECS } from '@dew/kms-domain';
import { KeyStoreError } from './hsm-key-store.errors.js';
import { keyTypeOf, signatureSchemeOf } from './hsm-mechanisms.js';

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

  it('signing: KMS names map to the appliance\'s schemes; ECDSA_SHA_512, SM2, Ed25519, an inherited name and DIGEST messages are refused', () => {
    expect(signatureSchemeOf('ECDSA_SHA_256', 'RAW')).toBe('ECDSA_SHA256');
    expect(signatureSchemeOf('RSASSA_PSS_SHA_384', 'RAW')).toBe('RSA_PSS_SHA384');
    expect(signatureSchemeOf('RSASSA_PKCS1_V1_5_SHA_512', 'RAW')).toBe('RSA_PKCS1_SHA512');
    for (const name of ['ECDSA_SHA_512', 'SM2DSA_SM3', 'ED25519_SHA_512', 'constructor']) expect([name, refusalOf(() => signatureSchemeOf(name, 'RAW'))?.kind]).toEqual([name, 'unsupported']);
    expect(refusalOf(() => signatureSchemeOf('ECDSA_SHA_256', 'DIGEST'))?.message).toContain('message_type "DIGEST"');
  });
});
