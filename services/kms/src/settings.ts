import type { ServiceSettings } from '@dew/nest-kit';

export interface KmsSettings {
  readonly service: ServiceSettings;
  /** How often the deletion executor looks for keys whose pending period ended. */
  readonly schedulerIntervalMs: number;
  readonly materialCacheSize: number;
  /**
   * TEST ONLY (DEW_TEST_KMS_IN_PROCESS_HSM=1): key stores use InProcessHsmKeyStore, keys in KMS's
   * memory, until the hsmaccess adapter is merged. Never set in a deployment.
   */
  readonly inProcessHsmKeyStore: boolean;
}

export const KMS_SETTINGS = Symbol('KMS_SETTINGS');
