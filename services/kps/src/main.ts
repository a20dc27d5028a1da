import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { serviceSettingsFromEnv, startService } from '@dew/nest-kit';
import { KpsModule } from './kps.module.js';

const settings = serviceSettingsFromEnv('kps', process.env);
const app = await startService(KpsModule.forRoot(settings), settings, 'kps', process.env);
app.get(Logger).log('kps ready');
