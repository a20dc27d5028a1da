import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { serviceSettingsFromEnv, startService } from '@dew/nest-kit';
import { IamModule } from './iam.module.js';

const settings = serviceSettingsFromEnv('iam', process.env);
const app = await startService(IamModule.forRoot(settings), settings, 'iam', process.env);
app.get(Logger).log('iam ready');
