/**
 * Guide 1.3.2, "Importing Key Materials": what the wizard offers and tells the user to run.
 * The key material itself never reaches the console: the user makes and wraps it with OpenSSL
 * where it lives, and the console only carries the wrapped bytes to KMS.
 */

/** Table 1-5 (SHA-256 first: the guide warns that SHA-1 is no longer secure). */
export const WRAPPING_ALGORITHMS = ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'] as const;

/** Table 1-4's algorithms plus SM4, each with how its material is made (docs/features.md, "Bring your own key"). */
const SPECS: Readonly<Record<string, { readonly symmetricBytes?: number; readonly genKey?: (pem: string) => string }>> = {
  AES_256: { symmetricBytes: 32 },
  SM4: { symmetricBytes: 16 },
  RSA_2048: { genKey: (pem) => `openssl genrsa -out ${pem} 2048` },
  RSA_3072: { genKey: (pem) => `openssl genrsa -out ${pem} 3072` },
  RSA_4096: { genKey: (pem) => `openssl genrsa -out ${pem} 4096` },
  EC_P256: { genKey: (pem) => `openssl ecparam -name prime256v1 -genkey -noout -out ${pem}` },
  EC_P384: { genKey: (pem) => `openssl ecparam -name secp384r1 -genkey -noout -out ${pem}` },
};

export const IMPORT_SPECS: readonly string[] = Object.keys(SPECS);

/** Asymmetric keys import a temporary AES key plus their private key wrapped under it (Table 1-8). */
export const isAsymmetricImport = (spec: string): boolean => SPECS[spec]?.symmetricBytes === undefined;

/** `20260102T030405Z`: the guide's DownloadTime in the downloaded files' names. */
export function downloadStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The guide's file names (1.3.2 step 10, Figure 1-4). */
export function importFileNames(keyId: string, at: Date) {
  const stamp = downloadStamp(at);
  return { wrappingKey: `wrappingKey_${keyId}_${stamp}`, importToken: `importToken_${keyId}_${stamp}`, readme: `README_${keyId}_${stamp}.txt` };
}

const oaepDigest = (algorithm: string) => (algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256');

/**
 * The guide's OpenSSL commands (step 10.2, Table 1-6 and step c) for this key, with the
 * downloaded wrapping key's name in place of PublicKey.bin, one command per line.
 */
export function opensslCommands(spec: string, algorithm: string, wrappingKeyFile: string): string[] {
  const wrap = `openssl pkeyutl -in PlaintextKeyMaterial.bin -inkey ${wrappingKeyFile} -out EncryptedKeyMaterial.bin -keyform der -pubin -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:${oaepDigest(algorithm)}`;
  const s = SPECS[spec];
  if (!s) return [];
  if (s.symmetricBytes !== undefined) return [`openssl rand -out PlaintextKeyMaterial.bin ${s.symmetricBytes}`, wrap];
  const base = spec.startsWith('RSA') ? 'rsa_private_key' : 'ec_private_key';
  return [
    'openssl rand -out 0xPlaintextKeyMaterial.bin -hex 32',
    'cat 0xPlaintextKeyMaterial.bin | xxd -r -ps > PlaintextKeyMaterial.bin',
    wrap,
    s.genKey?.(`${base}.pem`) ?? '',
    `openssl pkcs8 -topk8 -inform PEM -outform DER -in ${base}.pem -out ${base}.der -nocrypt`,
    `openssl enc -id-aes256-wrap-pad -K $(cat 0xPlaintextKeyMaterial.bin) -iv A65959A6 -in ${base}.der -out out_${base}.der`,
  ];
}

/** The README beside the downloads (Figure 1-4): what each file is and when both expire. */
export function importReadme(p: { readonly keyId: string; readonly algorithm: string; readonly files: ReturnType<typeof importFileNames>; readonly expiresAt: Date }): string {
  return [
    `Key ID: ${p.keyId}`,
    `Wrapping algorithm: ${p.algorithm}`,
    `Wrapping key (DER, RSA public key): ${p.files.wrappingKey}`,
    `Import token: ${p.files.importToken}`,
    `The wrapping key and the import token expire at ${p.expiresAt.toISOString()}.`,
    '',
  ].join('\n');
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const raw = atob(b64);
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

export function bytesToBase64(bytes: Uint8Array): string {
  let raw = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) raw += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(raw);
}
