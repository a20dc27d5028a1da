import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { serviceSettingsFromEnv, startService } from '@dew/nest-kit';
import { KmsModule } from './kms.module.js';
import { kmsSettingsFromEnv } from './settings.js';

const env = process.env;
const service = serviceSettingsFromEnv('kms', env);
const settings = kmsSettingsFromEnv(service, env);

const app = await startService(KmsModule.forRoot(settings), service, 'kms', process.env);
app.get(Logger).log('kms ready');
