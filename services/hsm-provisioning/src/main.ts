import 'reflect-metadata';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from 'nestjs-pino';
import { serviceSettingsFromEnv, startService } from '@dew/nest-kit';
import { HsmProvisioningModule } from './hsm.module.js';
import { controlPortFrom, HsmProvisioningConfig } from './provisioning-config.js';

const env = process.env;
const settings = serviceSettingsFromEnv('hsm-provisioning', env);
const defaultNodeMain = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'hsm-node', 'dist', 'main.js');
const config = new HsmProvisioningConfig(
  Number(env.DEW_HSM_SUBNET_HOSTS ?? '253'),
  env.DEW_HSM_NODE_MAIN ?? defaultNodeMain,
  // On unless turned off (DEW_HSM_LAUNCH_NODES=0): docs/hsm.md "Security limits" says what the reviews found and closed.
  env.DEW_HSM_LAUNCH_NODES !== '0',
  settings.dataDir,
  controlPortFrom(env.DEW_HSM_CONTROL_PORT),
);
const app = await startService(HsmProvisioningModule.forRoot(settings, config), settings, 'dhsm', env);
app.get(Logger).log('hsm-provisioning ready');
