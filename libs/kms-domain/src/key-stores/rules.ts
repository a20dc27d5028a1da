import { KeyStoreFieldInvalid, KeyStoreUnsupported, charLength } from '@dew/contracts';
import { isSymmetric, type KeySpec, type KeyUsage } from '../key-specs.js';

/** Field rules of key stores (docs/api-decisions.md, "Key stores"). */

export const KEYSTORE_ALIAS_MAX = 255;
/** Key stores per project: Huawei publishes no figure; DEW's choice. */
export const KEYSTORE_QUOTA = 10;
/** A Dedicated HSM instance id: DHSM's UUIDs. */
export const HSM_CLUSTER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** One PEM certificate of a CA is a few KiB; 16 KiB leaves room for a chain. */
export const HSM_CA_CERT_MAX = 16_384;
const KEYSTORE_ALIAS = /^[a-zA-Z0-9:/_-]{1,255}$/;

/** The key specs a key store's HSM generates (symmetric AES_256, RSA and NIST EC): the port's specs. */
/** What a Dedicated HSM instance generates and mirrors to its standby (docs/key-stores-hsm.md); no RSA_4096 there. */
export const KEY_STORE_SPECS = ['AES_256', 'RSA_2048', 'RSA_3072', 'EC_P256', 'EC_P384'] as const;
export type KeyStoreSpec = (typeof KEY_STORE_SPECS)[number];

/** `keystore_alias`: Huawei's ^[a-zA-Z0-9:/_-]{1,255}$. */
export function validateKeyStoreAlias(alias: string): string {
  if (!KEYSTORE_ALIAS.test(alias)) {
    throw KeyStoreFieldInvalid('keystore_alias', `must be 1..${KEYSTORE_ALIAS_MAX} characters of A-Z a-z 0-9 : / _ - (${charLength(alias)} characters)`, alias);
  }
  return alias;
}

export function validateHsmClusterId(id: string): string {
  if (!HSM_CLUSTER_ID.test(id)) throw KeyStoreFieldInvalid('hsm_cluster_id', 'must be a Dedicated HSM instance id (a lowercase UUID)', id);
  return id;
}

/** `hsm_ca_cert`, when given: one PEM certificate, at most HSM_CA_CERT_MAX characters (its match with the instance's CA is the service's check). */
export function validateHsmCaCert(pem: string): string {
  const length = charLength(pem);
  if (length > HSM_CA_CERT_MAX) throw KeyStoreFieldInvalid('hsm_ca_cert', `must be at most ${HSM_CA_CERT_MAX} characters (${length})`, pem);
  if (!/^\s*-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/.test(pem)) {
    throw KeyStoreFieldInvalid('hsm_ca_cert', 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)', pem);
  }
  return pem;
}

export function isKeyStoreSpec(spec: string): spec is KeyStoreSpec {
  return (KEY_STORE_SPECS as readonly string[]).includes(spec);
}

/**
 * A key of a key store: origin kms, a spec the HSM generates; an asymmetric one signs (the port
 * decrypts with AES_256 keys only, docs/api-decisions.md, "Key stores").
 */
export function requireKeyStoreSpec(keystoreId: string, spec: KeySpec, usage: KeyUsage, origin: string): KeyStoreSpec {
  if (origin !== 'kms') throw KeyStoreUnsupported(keystoreId, `hold a key of origin ${origin}: its keys are generated in the HSM (origin kms)`);
  if (!isKeyStoreSpec(spec)) throw KeyStoreUnsupported(keystoreId, `hold a ${spec} key: supported key specs are ${KEY_STORE_SPECS.join(', ')}`);
  if (!isSymmetric(spec) && usage !== 'SIGN_VERIFY') throw KeyStoreUnsupported(keystoreId, `hold a ${spec} key of usage ${usage}: its asymmetric keys are SIGN_VERIFY`);
  return spec;
}
