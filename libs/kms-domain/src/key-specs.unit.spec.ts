import { KEY_SPECS, KEY_SPEC_TABLE, allowedUsages, defaultUsage, isSymmetric, parseKeySpec, parseKeyUsage } from './key-specs.js';
import { refusal } from './fixtures.spec.js';

describe('key specs', () => {
  it('table: AES_256 encrypts only, RSA_* and SM2 encrypt or sign (default sign), EC_*, SECP256K1 and ED25519 sign only', () => {
    expect(allowedUsages('AES_256')).toEqual(['ENCRYPT_DECRYPT']);
    expect(defaultUsage('AES_256')).toBe('ENCRYPT_DECRYPT');
    for (const spec of ['RSA_2048', 'RSA_3072', 'RSA_4096', 'SM2'] as const) {
      expect(allowedUsages(spec)).toEqual(['ENCRYPT_DECRYPT', 'SIGN_VERIFY']);
      expect(defaultUsage(spec)).toBe('SIGN_VERIFY');
    }
    for (const spec of ['EC_P256', 'EC_P384', 'SECP256K1', 'ED25519'] as const) {
      expect(allowedUsages(spec)).toEqual(['SIGN_VERIFY']);
      expect(defaultUsage(spec)).toBe('SIGN_VERIFY');
    }
    expect(Object.keys(KEY_SPEC_TABLE).sort()).toEqual([...KEY_SPECS].sort());
  });

  it('isSymmetric: AES_256, SM4 and the HMAC specs are symmetric; RSA and EC are not', () => {
    expect(KEY_SPECS.filter(isSymmetric)).toEqual(['AES_256', 'SM4', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'HMAC_SM3']);
  });

  it('table: SM4 encrypts only, like AES_256; every HMAC spec only generates and verifies MACs', () => {
    expect(allowedUsages('SM4')).toEqual(['ENCRYPT_DECRYPT']);
    expect(defaultUsage('SM4')).toBe('ENCRYPT_DECRYPT');
    for (const spec of ['HMAC_256', 'HMAC_384', 'HMAC_512', 'HMAC_SM3'] as const) {
      expect(allowedUsages(spec)).toEqual(['GENERATE_VERIFY_MAC']);
      expect(parseKeyUsage(spec, undefined)).toBe('GENERATE_VERIFY_MAC');
    }
  });

  it('parseKeyUsage: GENERATE_VERIFY_MAC on AES_256 or SM4, ENCRYPT_DECRYPT on HMAC_256 → KMS.0308 naming both', () => {
    for (const [spec, usage] of [['AES_256', 'GENERATE_VERIFY_MAC'], ['SM4', 'GENERATE_VERIFY_MAC'], ['HMAC_256', 'ENCRYPT_DECRYPT']] as const) {
      const err = refusal(() => parseKeyUsage(spec, usage));
      expect(err.code).toBe('KMS.0308');
      expect(err.message).toContain(spec);
      expect(err.message).toContain(usage);
    }
  });

  it('parseKeySpec: absent → AES_256', () => {
    expect(parseKeySpec(undefined)).toBe('AES_256');
    expect(parseKeySpec('EC_P384')).toBe('EC_P384');
    expect(parseKeySpec('SM4')).toBe('SM4');
    expect(parseKeySpec('HMAC_SM3')).toBe('HMAC_SM3');
  });

  it.each(['SM2', 'SECP256K1', 'ED25519'])('parseKeySpec: the Huawei asymmetric spec %p is served', (spec) => {
    expect(parseKeySpec(spec)).toBe(spec);
  });

  it.each(['HMAC_128', 'sm4', 'sm2', 'aes_256', ''])(
    'parseKeySpec: unsupported %p → KMS.0308 naming the supported list',
    (spec) => {
      const err = refusal(() => parseKeySpec(spec));
      expect(err.code).toBe('KMS.0308');
      expect(err.message).toContain('AES_256, RSA_2048, RSA_3072, RSA_4096, EC_P256, EC_P384, SECP256K1, SM2, ED25519, SM4, HMAC_256, HMAC_384, HMAC_512, HMAC_SM3');
    },
  );

  it('parseKeyUsage: absent → the spec default; an allowed one passes', () => {
    expect(parseKeyUsage('RSA_3072', undefined)).toBe('SIGN_VERIFY');
    expect(parseKeyUsage('RSA_3072', 'ENCRYPT_DECRYPT')).toBe('ENCRYPT_DECRYPT');
  });

  it('parseKeyUsage: SIGN_VERIFY on AES_256 → KMS.0308 naming both', () => {
    const err = refusal(() => parseKeyUsage('AES_256', 'SIGN_VERIFY'));
    expect(err.code).toBe('KMS.0308');
    expect(err.message).toContain('SIGN_VERIFY');
    expect(err.message).toContain('AES_256');
  });

  it('parseKeyUsage: ENCRYPT_DECRYPT on EC_P256 → KMS.0308', () => {
    expect(refusal(() => parseKeyUsage('EC_P256', 'ENCRYPT_DECRYPT')).code).toBe('KMS.0308');
  });

  it('parseKeyUsage: unknown usage → KMS.0308', () => {
    expect(refusal(() => parseKeyUsage('RSA_2048', 'WRAP')).message).toMatch(/key_usage must be one of/);
  });
});
