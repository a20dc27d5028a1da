import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_JSON_BYTES, NoSuchApi, BodyTooLarge, HttpRefusal, InternalFault, DewError } from '@dew/contracts';
import type { RequestPipeline } from './pipeline.js';
import type { CallerShares } from './caller-shares.js';
import type { HealthProbe } from './health.js';
import type { ErrorStyle, RouteSpec } from '../routes/route.js';
import { renderError } from './error-renderer.js';
import { pathStyleResolver } from './path-style.js';
import { VERSION_IDS, versionList, versionOf } from './versions.js';
import { baseUrlOf } from './absolute-links.js';
import { requestIdOf } from './request-id.js';
import { drainInsteadOfClosing } from './unread-body.js';

export const MAX_BODY_BYTES = MAX_JSON_BYTES;

interface RouteConfig {
  readonly style?: ErrorStyle;
}

/**
 * The HTTP adapter: bodies arrive as raw bytes (the signature covers them as received, and
 * malformed JSON must become KMS.0202, not a framework error), every route of the table goes
 * through the one pipeline, and framework-level refusals are rendered like every other one.
 */
export function registerRoutes(app: FastifyInstance, routes: readonly RouteSpec[], pipeline: RequestPipeline, health: HealthProbe, services: readonly string[], shares: CallerShares): void {
  // Every response names its request, refusals by the framework (413, 404) included.
  // A callback hook, not an async one: no promise and no extra microtask per request.
  app.addHook('onRequest', (req, reply, done) => {
    void reply.header('X-Request-Id', requestIdOf(req));
    done();
  });
  // The Node SDK sends and signs a `{}` body on GET (docs/api-decisions.md, "Bodies on GET"): the
  // bytes must be read for the signature to verify.
  app.addHttpMethod('GET', { hasBody: true, overrideExisting: true });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_req, body, done) => done(null, body));

  // Only the table's routes count against the in-flight limit and its shares: health, readiness and
  // the console stay answerable while it is full (docs/input-limits.md, "Connections and work in progress").
  for (const route of routes) {
    const handler = (req: FastifyRequest, reply: FastifyReply) => {
      const admitted = shares.admit(req.headers, req.ip);
      return admitted instanceof DewError ? refuseBusy(route.style, reply, admitted) : pipeline.handle(route, req, reply, admitted).finally(() => admitted.leave());
    };
    app.route({ method: route.method, url: route.path, config: { style: route.style } satisfies RouteConfig, handler });
  }

  app.get('/health', async () => health.liveness());
  app.get('/', async (req) => versionList(originOf(req)));
  for (const id of VERSION_IDS) app.get(`/${id}`, async (req) => versionOf(id, originOf(req)));
  app.get('/ready', async (_req, reply) => {
    const r = await health.readiness(services);
    return reply.status(r.ready ? 200 : 503).send(r);
  });

  // Refusals outside any route answer in the shape of the service the path belongs to.
  const styleOfPath = pathStyleResolver(routes);
  const styleOf = (req: FastifyRequest): ErrorStyle => (req.routeOptions?.config as RouteConfig | undefined)?.style ?? styleOfPath(req.url);
  // A wildcard route rather than setNotFoundHandler: Nest owns the not-found handler.
  app.all('*', async (req, reply) => {
    const { status, body } = renderError(styleOfPath(req.url), NoSuchApi(req.method, req.url.split('?')[0] ?? ''));
    await reply.status(status).send(body);
  });
  app.setErrorHandler(async (err: { code?: string; statusCode?: number; message: string }, req, reply) => {
    const style = styleOf(req);
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') drainInsteadOfClosing(req.raw, reply);
    const refusal =
      err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? BodyTooLarge(MAX_BODY_BYTES)
        : err.statusCode && err.statusCode < 500
          ? HttpRefusal(err.message, err.statusCode)
          : InternalFault();
    const { status, body, headers } = renderError(style, refusal);
    await reply.status(status).headers(headers ?? {}).send(body);
  });
}

/**
 * Refused before authentication and without a trace: under overload, recording each refusal
 * would add the very work the limit is there to shed.
 */
async function refuseBusy(style: ErrorStyle, reply: FastifyReply, refusal: DewError): Promise<void> {
  const { status, body, headers } = renderError(style, refusal);
  await reply.status(status).headers(headers ?? {}).type('application/json').send(body);
}

/** The address the caller used, when it is a well-formed host (else links stay paths). */
function originOf(req: FastifyRequest): string {
  return baseUrlOf(req.protocol, req.host) ?? '';
}
