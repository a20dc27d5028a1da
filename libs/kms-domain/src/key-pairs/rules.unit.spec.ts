import { refusal } from '../fixtures.spec.js';
import { agreementCurve, parseAgreementAlgorithm, parsePairSpec } from './rules.js';

describe('parsePairSpec', () => {
  it('RSA: accepts RSA_2048/3072/4096 and refuses an EC spec naming the RSA ones', () => {
    for (const spec of ['RSA_2048', 'RSA_3072', 'RSA_4096']) expect(parsePairSpec('RSA', spec)).toBe(spec);
    const err = refusal(() => parsePairSpec('RSA', 'ECC_NIST_P256'));
    expect([err.code, err.message]).toEqual(['KMS.0308', 'key_spec must be one of RSA_2048, RSA_3072, RSA_4096, got "ECC_NIST_P256"']);
  });

  it("EC: accepts the EC model's specs and refuses an RSA spec or a CMK spec name naming the EC ones", () => {
    for (const spec of ['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'SM2']) expect(parsePairSpec('EC', spec)).toBe(spec);
    for (const bad of ['RSA_2048', 'EC_P256']) {
      expect(refusal(() => parsePairSpec('EC', bad)).message).toBe(`key_spec must be one of ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, SM2, got "${bad}"`);
    }
  });

  it('an absent key_spec is a missing parameter naming the choices', () => {
    const err = refusal(() => parsePairSpec('RSA', undefined));
    expect([err.code, err.message]).toEqual(['KMS.0204', 'key_spec is required: one of RSA_2048, RSA_3072, RSA_4096']);
  });
});

describe('key agreement rules', () => {
  it('ECDH is the only key_agreement_algorithm', () => {
    expect(parseAgreementAlgorithm('ECDH')).toBe('ECDH');
    expect(refusal(() => parseAgreementAlgorithm('DH')).message).toBe('key_agreement_algorithm must be one of ECDH, got "DH"');
  });

  it('EC_P256, EC_P384, SECP256K1 and SM2 keys agree on their curves; other specs are refused naming expected and actual', () => {
    expect(agreementCurve({ keyId: 'k', keySpec: 'EC_P256' }, 'derive-shared-secret')).toBe('P-256');
    expect(agreementCurve({ keyId: 'k', keySpec: 'EC_P384' }, 'derive-shared-secret')).toBe('P-384');
    expect(agreementCurve({ keyId: 'k', keySpec: 'SECP256K1' }, 'derive-shared-secret')).toBe('secp256k1');
    expect(agreementCurve({ keyId: 'k', keySpec: 'SM2' }, 'derive-shared-secret')).toBe('SM2');
    for (const spec of ['RSA_2048', 'AES_256', 'ED25519'] as const) {
      const err = refusal(() => agreementCurve({ keyId: 'k', keySpec: spec }, 'derive-shared-secret'));
      expect([err.code, err.message]).toEqual(['KMS.0308', `derive-shared-secret needs a key of spec EC_P256 or EC_P384 or SECP256K1 or SM2; key k is ${spec}`]);
    }
  });
});
