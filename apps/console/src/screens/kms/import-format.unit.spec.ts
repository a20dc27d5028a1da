import { base64ToBytes, bytesToBase64, importFileNames, isAsymmetricImport, opensslCommands } from './import-format';

describe('the import wizard’s files and commands', () => {
  it('names the downloads as the guide does, with the key ID and the download time', () => {
    const names = importFileNames('k-1', new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)));
    expect(names).toEqual({ wrappingKey: 'wrappingKey_k-1_20260102T030405Z', importToken: 'importToken_k-1_20260102T030405Z', readme: 'README_k-1_20260102T030405Z.txt' });
  });

  it('gives a symmetric key the guide’s rand and pkeyutl commands with the downloaded wrapping key and the OAEP digest chosen', () => {
    expect(opensslCommands('AES_256', 'RSAES_OAEP_SHA_256', 'wrappingKey_k')).toEqual([
      'openssl rand -out PlaintextKeyMaterial.bin 32',
      'openssl pkeyutl -in PlaintextKeyMaterial.bin -inkey wrappingKey_k -out EncryptedKeyMaterial.bin -keyform der -pubin -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256',
    ]);
    expect(opensslCommands('SM4', 'RSAES_OAEP_SHA_1', 'w')[0]).toBe('openssl rand -out PlaintextKeyMaterial.bin 16');
    expect(opensslCommands('SM4', 'RSAES_OAEP_SHA_1', 'w')[1]).toContain('rsa_oaep_md:sha1');
  });

  it('gives an asymmetric key a temporary AES key and its private key wrapped by id-aes256-wrap-pad', () => {
    const rsa = opensslCommands('RSA_3072', 'RSAES_OAEP_SHA_256', 'w');
    expect(rsa).toContain('openssl genrsa -out rsa_private_key.pem 3072');
    expect(rsa.at(-1)).toBe('openssl enc -id-aes256-wrap-pad -K $(cat 0xPlaintextKeyMaterial.bin) -iv A65959A6 -in rsa_private_key.der -out out_rsa_private_key.der');
    expect(opensslCommands('EC_P384', 'RSAES_OAEP_SHA_256', 'w')).toContain('openssl ecparam -name secp384r1 -genkey -noout -out ec_private_key.pem');
    expect([isAsymmetricImport('EC_P256'), isAsymmetricImport('AES_256')]).toEqual([true, false]);
  });

  it('round-trips bytes through base64, also past one slice of 32 KiB', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(Uint8Array.of(0xff, 0x00))).toBe('/wA=');
  });
});
