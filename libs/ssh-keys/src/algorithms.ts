/** The key algorithms of KPS and the SSH key types that carry them (docs/ssh-keys.md). */
export type SshAlgorithm =
  | 'SSH_RSA_2048'
  | 'SSH_RSA_3072'
  | 'SSH_RSA_4096'
  | 'SSH_ECDSA_P256'
  | 'SSH_ECDSA_P384'
  | 'SSH_ECDSA_P521'
  | 'SSH_ED25519'
  | 'SSH_DSA_1024';

export type SshKeyType =
  | 'ssh-rsa'
  | 'ssh-dss'
  | 'ssh-ed25519'
  | 'ecdsa-sha2-nistp256'
  | 'ecdsa-sha2-nistp384'
  | 'ecdsa-sha2-nistp521';

/** DSA keys are imported only: OpenSSH no longer makes them and KPS does not either. */
export const GENERATED_ALGORITHMS: readonly SshAlgorithm[] = [
  'SSH_RSA_2048',
  'SSH_RSA_3072',
  'SSH_RSA_4096',
  'SSH_ECDSA_P256',
  'SSH_ECDSA_P384',
  'SSH_ECDSA_P521',
  'SSH_ED25519',
];

export const SSH_KEY_TYPES: readonly SshKeyType[] = [
  'ssh-rsa',
  'ssh-dss',
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
];

export function isSshKeyType(value: string): value is SshKeyType {
  return (SSH_KEY_TYPES as readonly string[]).includes(value);
}

export const RSA_MODULUS_BITS: readonly number[] = [2048, 3072, 4096];

export const DSA_BITS = { p: 1024, q: 160 } as const;

export interface EcdsaCurve {
  readonly type: SshKeyType;
  readonly algorithm: SshAlgorithm;
  /** The curve's name inside the key data. */
  readonly sshName: string;
  /** The curve's name in a JWK. */
  readonly jwkName: string;
  /** The curve's name in node:crypto (KeyObject.asymmetricKeyDetails.namedCurve). */
  readonly nodeName: string;
  readonly bits: number;
  /** Bytes of one coordinate or of the private scalar. */
  readonly fieldBytes: number;
}

export const ECDSA_CURVES: readonly EcdsaCurve[] = [
  { type: 'ecdsa-sha2-nistp256', algorithm: 'SSH_ECDSA_P256', sshName: 'nistp256', jwkName: 'P-256', nodeName: 'prime256v1', bits: 256, fieldBytes: 32 },
  { type: 'ecdsa-sha2-nistp384', algorithm: 'SSH_ECDSA_P384', sshName: 'nistp384', jwkName: 'P-384', nodeName: 'secp384r1', bits: 384, fieldBytes: 48 },
  { type: 'ecdsa-sha2-nistp521', algorithm: 'SSH_ECDSA_P521', sshName: 'nistp521', jwkName: 'P-521', nodeName: 'secp521r1', bits: 521, fieldBytes: 66 },
];

export function ecdsaCurveOfType(type: SshKeyType): EcdsaCurve | undefined {
  return ECDSA_CURVES.find((curve) => curve.type === type);
}

export function rsaAlgorithm(bits: number): SshAlgorithm | undefined {
  return RSA_MODULUS_BITS.includes(bits) ? (`SSH_RSA_${bits}` as SshAlgorithm) : undefined;
}
