import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { serviceSettingsFromEnv, exitWithParent } from '@dew/nest-kit';
import { KmsModule } from './kms.module.js';
import type { KmsSettings } from './settings.js';

const env = process.env;
const service = serviceSettingsFromEnv('kms', env);
const settings: KmsSettings = {
  service,
  schedulerIntervalMs: Number(env.DEW_SCHEDULER_INTERVAL_MS ?? '60000'),
  materialCacheSize: Number(env.DEW_MATERIAL_CACHE_SIZE ?? '10000'),
};

const app = await NestFactory.createApplicationContext(KmsModule.forRoot(settings), { bufferLogs: true });
app.useLogger(app.get(Logger));
app.enableShutdownHooks();
exitWithParent(process.env, () => app.close());
await app.init();
app.get(Logger).log('kms ready');
