import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connectBus, countRequestHandled, serviceSettingsFromEnv, exitWithParent } from '@dew/nest-kit';
import { GatewayModule } from './gateway.module.js';
import { RequestPipeline } from './http/pipeline.js';
import { HealthProbe } from './http/health.js';
import { MAX_BODY_BYTES, registerRoutes } from './http/routes.register.js';
import { trustedProxies } from './http/trusted-proxies.js';
import { frameworkRefusals, MAX_PARAM_LENGTH } from './http/framework-refusals.js';
import { servedRoutes } from './routes/index.js';
import { registerConsole } from './http/console.js';
import { fastifyServerOptions, httpLimitsFromEnv, nodeServerOptions } from './http/server-limits.js';
import { limitRequestsPerConnection } from './http/requests-per-connection.js';
import { CallerShares } from './http/caller-shares.js';

const env = process.env;
const settings = serviceSettingsFromEnv('gateway', env);
const host = env.DEW_HTTP_HOST ?? '127.0.0.1';
const port = Number(env.DEW_HTTP_PORT ?? '8080');
const services = (env.DEW_SERVICES ?? 'iam,kms,csms,kps,hsm-provisioning,audit').split(',').filter(Boolean);
const limits = httpLimitsFromEnv(env);
const routes = servedRoutes(env);
// Node's server options go with the TLS options when there are some (https.createServer takes both).
const server = nodeServerOptions(limits);
const https = env.DEW_TLS_CERT && env.DEW_TLS_KEY ? { cert: readFileSync(env.DEW_TLS_CERT), key: readFileSync(env.DEW_TLS_KEY), ...server } : null;

const adapter = new FastifyAdapter({
  bodyLimit: MAX_BODY_BYTES,
  trustProxy: trustedProxies(env.DEW_TRUSTED_PROXIES),
  routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
  ...fastifyServerOptions(limits),
  ...frameworkRefusals(routes, limits),
  ...(https ? { https } : { http: server }),
});
const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(settings), adapter, { bodyParser: false, bufferLogs: true });
app.useLogger(app.get(Logger));
limitRequestsPerConnection(app.getHttpServer(), limits.maxRequestsPerSocket);
app.enableShutdownHooks();
exitWithParent(process.env, () => app.close());
// After init: Nest installs its own error handler during init, and ours must be the last one set.
await app.init();
await connectBus(app, settings, 'kms');
// Before the routes, so every one counts its requests (the figure the gateway's health reports).
app.getHttpAdapter().getInstance().addHook('onResponse', (_req, _reply, done) => {
  countRequestHandled();
  done();
});
registerRoutes(app.getHttpAdapter().getInstance(), routes, app.get(RequestPipeline), app.get(HealthProbe), services, new CallerShares(limits));
// The web console's built files (apps/console, built by `npm run build`); DEW_CONSOLE_DIR for an image that puts them elsewhere.
registerConsole(app.getHttpAdapter().getInstance(), env.DEW_CONSOLE_DIR ?? fileURLToPath(new URL('../../../apps/console/dist/', import.meta.url)));
await app.listen(port, host);
app.get(Logger).log(`gateway listening on ${https ? 'https' : 'http'}://${host}:${port}`);
