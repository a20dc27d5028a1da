import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { serviceSettingsFromEnv, exitWithParent } from '@dew/nest-kit';
import { IamModule } from './iam.module.js';

const settings = serviceSettingsFromEnv('iam', process.env);
const app = await NestFactory.createApplicationContext(IamModule.forRoot(settings), { bufferLogs: true });
app.useLogger(app.get(Logger));
app.enableShutdownHooks();
exitWithParent(process.env, () => app.close());
await app.init();
app.get(Logger).log('iam ready');
