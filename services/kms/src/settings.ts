import type { ServiceSettings } from '@dew/nest-kit';

export interface KmsSettings {
  readonly service: ServiceSettings;
  /** How often the deletion executor looks for keys whose pending period ended. */
  readonly schedulerIntervalMs: number;
  readonly materialCacheSize: number;
}

export const KMS_SETTINGS = Symbol('KMS_SETTINGS');
