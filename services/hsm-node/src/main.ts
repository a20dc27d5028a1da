import { parseNodeConfig } from './config.js';
import { readSecrets } from './node-secrets.js';
import { prepareSoftHsm } from './token/softhsm-setup.js';
import { HsmNode } from './node.js';

const config = parseNodeConfig(process.env, await readSecrets(process.stdin));
const softhsm = await prepareSoftHsm(config.dataDir);
// The SoftHSM library reads its configuration from the environment when it is loaded.
process.env['SOFTHSM2_CONF'] = softhsm.confPath;
const node = await HsmNode.start(config);
const stop = (): void => void node.stop().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
