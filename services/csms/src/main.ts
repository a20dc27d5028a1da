import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { serviceSettingsFromEnv, startService } from '@dew/nest-kit';
import { CsmsModule } from './csms.module.js';

const settings = serviceSettingsFromEnv('csms', process.env);
const app = await startService(CsmsModule.forRoot(settings), settings, 'csms', process.env);
app.get(Logger).log('csms ready');
