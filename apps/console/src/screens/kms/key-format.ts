import type { KeyDetails } from '../../api/kms';

/** Huawei's key_state codes, named as the user guide's key list names them (Table 1-10). */
const STATES: Readonly<Record<string, string>> = {
  '1': 'Pending activation',
  '2': 'Enabled',
  '3': 'Disabled',
  '4': 'Pending deletion',
  '5': 'Pending import',
};

export const keyStateLabel = (code: string): string => STATES[code] ?? `Unknown (${code})`;
export const isEnabled = (k: KeyDetails) => k.key_state === '2';
export const isDisabled = (k: KeyDetails) => k.key_state === '3';
export const isPendingDeletion = (k: KeyDetails) => k.key_state === '4';
export const isPendingImport = (k: KeyDetails) => k.key_state === '5';
/** Default master keys (`…/default`) belong to the services: no console action changes them. */
export const isDefaultKey = (k: KeyDetails) => k.default_key_flag === '1';

/** Keys outside any enterprise project carry `0`, which the guide's lists show as "default". */
export const enterpriseProjectLabel = (k: KeyDetails): string => (!k.sys_enterprise_project_id || k.sys_enterprise_project_id === '0' ? 'default' : k.sys_enterprise_project_id);

export const originLabel = (origin: string): string => (origin === 'external' ? 'External' : 'Key Management Service');

/** The online tool: a user key for encryption that can encrypt now (guide 1.5, "Constraints"). */
export const toolAvailable = (k: KeyDetails) => !isDefaultKey(k) && isEnabled(k) && k.key_usage === 'ENCRYPT_DECRYPT';

/** Guide 1.3.3: an imported symmetric key's material, while the key is Enabled or Disabled (an asymmetric key's goes only with the key). */
export const materialDeletable = (k: KeyDetails) => !isDefaultKey(k) && k.origin === 'external' && (isEnabled(k) || isDisabled(k)) && (k.key_spec === 'AES_256' || k.key_spec === 'SM4');

/** Guide Table 1-12: only a user's symmetric key made by KMS rotates automatically. */
export const rotatable = (k: KeyDetails) => !isDefaultKey(k) && k.origin !== 'external' && (k.key_spec === 'AES_256' || k.key_spec === 'SM4' || k.key_spec.startsWith('HMAC'));

/** The guide's limit for the online tool: 4 KB of input. */
export const TOOL_MAX_BYTES = 4096;
export const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

/** Key algorithms of create-key (guide Table 1-2 plus DEW's others) and the usages each allows, default first. */
export const KEY_SPECS: ReadonlyArray<{ readonly spec: string; readonly usages: readonly string[] }> = [
  { spec: 'AES_256', usages: ['ENCRYPT_DECRYPT'] },
  { spec: 'SM4', usages: ['ENCRYPT_DECRYPT'] },
  { spec: 'RSA_2048', usages: ['SIGN_VERIFY', 'ENCRYPT_DECRYPT'] },
  { spec: 'RSA_3072', usages: ['SIGN_VERIFY', 'ENCRYPT_DECRYPT'] },
  { spec: 'RSA_4096', usages: ['SIGN_VERIFY', 'ENCRYPT_DECRYPT'] },
  { spec: 'EC_P256', usages: ['SIGN_VERIFY'] },
  { spec: 'EC_P384', usages: ['SIGN_VERIFY'] },
  { spec: 'SM2', usages: ['SIGN_VERIFY', 'ENCRYPT_DECRYPT'] },
];
export const usagesOf = (spec: string): readonly string[] => KEY_SPECS.find((s) => s.spec === spec)?.usages ?? ['ENCRYPT_DECRYPT'];

/** KMS dates are epoch milliseconds as strings, CSMS times epoch seconds: both shown in the viewer's zone. */
export function formatTime(epochMs: number | string | null | undefined): string {
  const ms = typeof epochMs === 'string' ? Number(epochMs) : epochMs;
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms <= 0) return '—';
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
