import { pkcs11 } from './pkcs11.js';

// PKCS#11 3.0 values pkcs11js 2.1 does not name; SoftHSM 2.6.1 reports them when built with EdDSA.
export const CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;
export const CKM_EDDSA = 0x1057;
export const CKK_EC_EDWARDS = 0x40;

/** The PKCS#11 name of a mechanism number, or its hex value when the binding has no name for it. */
export function mechanismName(mechanism: number): string {
  if (mechanism === CKM_EC_EDWARDS_KEY_PAIR_GEN) return 'CKM_EC_EDWARDS_KEY_PAIR_GEN';
  if (mechanism === CKM_EDDSA) return 'CKM_EDDSA';
  return NAMES.get(mechanism) ?? `0x${mechanism.toString(16)}`;
}

const NAMES = new Map<number, string>(
  Object.entries(pkcs11)
    .filter((e): e is [string, number] => e[0].startsWith('CKM_') && typeof e[1] === 'number')
    .map(([name, value]) => [value, name] as const),
);
