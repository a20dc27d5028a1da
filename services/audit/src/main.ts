import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { serviceSettingsFromEnv, startService } from '@dew/nest-kit';
import { AuditModule } from './audit.module.js';

const settings = serviceSettingsFromEnv('audit', process.env);
const app = await startService(AuditModule.forRoot(settings), settings, 'cts', process.env);
app.get(Logger).log('audit ready');
