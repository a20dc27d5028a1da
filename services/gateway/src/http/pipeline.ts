import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { DewError, validateBody } from '@dew/contracts';
import { request, type RequestContext } from '@dew/messaging';
import { NATS_CONNECTION, PINO } from '@dew/nest-kit';
import { Authenticator } from '../auth/authenticator.js';
import { Authorizer } from '../auth/authorizer.js';
import type { Identity } from '../auth/identity.js';
import type { RouteSpec } from '../routes/route.js';
import { renderError } from './error-renderer.js';
import { requestIdOf } from './routes.register.js';

const EMPTY = Buffer.alloc(0);

/**
 * One request through the edge: authenticate, check the project, authorise the route's action,
 * check the shape, forward over NATS with the context headers, render the answer or the refusal.
 * No business rule lives here; every decision about keys is the service's.
 */
@Injectable()
export class RequestPipeline {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly authorizer: Authorizer,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  async handle(route: RouteSpec, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const requestId = requestIdOf(req);
    try {
      const raw = Buffer.isBuffer(req.body) ? req.body : EMPTY;
      const identity = await this.authenticator.authenticate({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: raw,
        sourceIp: req.ip,
        requestId,
        changesState: route.changesState ?? false,
      });
      const params = (req.params ?? {}) as Record<string, string>;
      const projectId = route.projectScoped ? projectOf(params.project_id ?? '', identity, req.headers['x-project-id']) : '';
      this.authorizer.authorize(route, identity);
      const body = { ...parseJson(raw), ...pathFields(params) };
      const command = route.dto ? validateBody(route.dto, body, route.shapeCodes) : body;
      const ctx: RequestContext = {
        requestId,
        projectId,
        domainId: identity.domainId,
        userId: identity.userId,
        userName: identity.userName,
        sourceIp: req.ip,
        traceType: 'ApiCall',
      };
      const result = await request<object>(this.nc, route.subject, command, ctx);
      if (route.successStatus === 204) await reply.status(204).send();
      else await reply.status(200).type('application/json').send(result);
    } catch (err) {
      const refusal = err instanceof DewError ? err : this.#internal(err, requestId);
      const { status, body } = renderError(route.style, refusal);
      await reply.status(status).type('application/json').send(body);
    }
  }

  #internal(err: unknown, requestId: string): DewError {
    this.log.error({ err, requestId }, 'gateway fault');
    return new DewError('KMS.0101', `internal error (request ${requestId})`);
  }
}

function projectOf(pathProject: string, identity: Identity, headerProject: string | string[] | undefined): string {
  const header = Array.isArray(headerProject) ? headerProject[0] : headerProject;
  if (!identity.projectIds.includes(pathProject) || (header !== undefined && header !== '' && header !== pathProject)) {
    throw new DewError('KMS.0305', `project ${pathProject} in the path is not a project of the caller's account`);
  }
  return pathProject;
}

function parseJson(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new DewError('KMS.0202', `request body is not valid JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DewError('KMS.0202', 'request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** Path parameters travel as body fields, so the service sees one command shape. */
function pathFields(params: Record<string, string>): Record<string, string> {
  const { project_id: _project, ...rest } = params;
  return rest;
}
