import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { serviceSettingsFromEnv, startService } from '@dew/nest-kit';
import { KmsModule } from './kms.module.js';
import type { KmsSettings } from './settings.js';

const env = process.env;
const service = serviceSettingsFromEnv('kms', env);
const settings: KmsSettings = {
  service,
  schedulerIntervalMs: Number(env.DEW_SCHEDULER_INTERVAL_MS ?? '60000'),
  materialCacheSize: Number(env.DEW_MATERIAL_CACHE_SIZE ?? '10000'),
  inProcessHsmKeyStore: env.DEW_TEST_KMS_IN_PROCESS_HSM === '1',
};

const app = await startService(KmsModule.forRoot(settings), service, 'kms', process.env);
app.get(Logger).log('kms ready');
