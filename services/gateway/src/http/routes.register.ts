import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DewError, MAX_JSON_BYTES, type ErrorCode } from '@dew/contracts';
import type { RequestPipeline } from './pipeline.js';
import type { HealthProbe } from './health.js';
import type { ErrorStyle, RouteSpec } from '../routes/route.js';
import { renderError } from './error-renderer.js';

export const MAX_BODY_BYTES = MAX_JSON_BYTES;

/** An oversized body is refused in the family of the route it was sent to (docs/input-limits.md). */
const TOO_LARGE: Readonly<Record<ErrorStyle, ErrorCode>> = { kms: 'KMS.0203', csms: 'CSMS.0004', iam: 'IAM.0001' };

interface RouteConfig {
  readonly style?: ErrorStyle;
}

const requestIds = new WeakMap<FastifyRequest, string>();

/** The id of a request, made once when it arrives; services and audit records carry it. */
export function requestIdOf(req: FastifyRequest): string {
  let id = requestIds.get(req);
  if (!id) {
    id = randomUUID();
    requestIds.set(req, id);
  }
  return id;
}

/**
 * The HTTP adapter: bodies arrive as raw bytes (the signature covers them as received, and
 * malformed JSON must become KMS.0202, not a framework error), every route of the table goes
 * through the one pipeline, and framework-level refusals are rendered like every other one.
 */
export function registerRoutes(app: FastifyInstance, routes: readonly RouteSpec[], pipeline: RequestPipeline, health: HealthProbe, services: readonly string[]): void {
  // Every response names its request, refusals by the framework (413, 404) included.
  app.addHook('onRequest', async (req, reply) => {
    void reply.header('X-Request-Id', requestIdOf(req));
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_req, body, done) => done(null, body));

  for (const route of routes) {
    app.route({ method: route.method, url: route.path, config: { style: route.style } satisfies RouteConfig, handler: (req, reply) => pipeline.handle(route, req, reply) });
  }

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_req, reply) => {
    const r = await health.readiness(services);
    return reply.status(r.ready ? 200 : 503).send(r);
  });

  // A wildcard route rather than setNotFoundHandler: Nest owns the not-found handler.
  app.all('*', async (req, reply) => {
    const { status, body } = renderError('kms', new DewError('KMS.0201', `no API at ${req.method} ${req.url.split('?')[0]}`, 404));
    await reply.status(status).send(body);
  });
  app.setErrorHandler(async (err: { code?: string; statusCode?: number; message: string }, req, reply) => {
    const style = (req.routeOptions?.config as RouteConfig | undefined)?.style ?? 'kms';
    const refusal =
      err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? new DewError(TOO_LARGE[style], `request body exceeds ${MAX_BODY_BYTES} bytes`, 413)
        : err.statusCode && err.statusCode < 500
          ? new DewError('KMS.0201', err.message, err.statusCode)
          : new DewError('KMS.0101', 'internal error');
    const { status, body } = renderError(style, refusal);
    await reply.status(status).send(body);
  });
}
