export { BUS_MAX_PAYLOAD, renderNatsConfig, routeUrl, quote as quoteNatsString } from './config.js';
export type { NatsClusterNode, NatsConfigOptions, NatsPermission, NatsUserConfig } from './config.js';
export { isProcessAlive, startNatsServer, withParentDeathSignal } from './process.js';
export type { NatsServerProcess, StartNatsServerOptions } from './process.js';
export { acceptsConnections, findFreePort } from './port.js';
export { RestartBackoff } from './restart-backoff.js';
export { clusterConcurrencyWarning, natsServerVersion, syncIntervalRefusal } from './version.js';
