import type { ServiceSettings } from '@dew/nest-kit';
import { DEFAULT_USER_KEY_QUOTA } from '@dew/kms-domain';

export interface KmsSettings {
  readonly service: ServiceSettings;
  /** How often the deletion executor looks for keys whose pending period ended. */
  readonly schedulerIntervalMs: number;
  readonly materialCacheSize: number;
  /** User keys a project may hold (DEW_KMS_KEY_QUOTA): what create-key enforces and user-quotas shows. */
  readonly userKeyQuota: number;
}

export const KMS_SETTINGS = Symbol('KMS_SETTINGS');

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The highest quota a setting may give: a project's keyring is held in memory and replayed whole,
 * so the quota is what bounds both (docs/performance.md, "Growth scenarios").
 */
export const MAX_USER_KEY_QUOTA = 1_000_000;

/** A bad quota stops kms at start with this message rather than refusing every create-key later. */
function userKeyQuotaFrom(value: string | undefined): number {
  if (value === undefined) return DEFAULT_USER_KEY_QUOTA;
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > MAX_USER_KEY_QUOTA) {
    throw new Error(`DEW_KMS_KEY_QUOTA must be a whole number of keys from 1 to ${MAX_USER_KEY_QUOTA}, got "${value}"`);
  }
  return n;
}

/** kms's own settings beside the common ones (README "Settings"); only main.ts passes process.env. */
export function kmsSettingsFromEnv(service: ServiceSettings, env: Env): KmsSettings {
  return {
    service,
    schedulerIntervalMs: Number(env.DEW_SCHEDULER_INTERVAL_MS ?? '60000'),
    materialCacheSize: Number(env.DEW_MATERIAL_CACHE_SIZE ?? '10000'),
    userKeyQuota: userKeyQuotaFrom(env.DEW_KMS_KEY_QUOTA),
  };
}
