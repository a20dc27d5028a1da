import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { BAD_JSON_CODE, HEADER_FIELDS, DewError, decodeJsonBody, validateBody, InternalFault, ProjectNotCallers, BodyOfWrongShape, BodyOnGet } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Bus, PINO } from '@dew/nest-kit';
import { Authenticator } from '../auth/authenticator.js';
import { Authorizer, type AskedKeys, type Decisions } from '../auth/authorizer.js';
import type { Authenticated, Identity } from '../auth/identity.js';
import type { RouteSpec } from '../routes/route.js';
import { baseUrlOf, withAbsoluteUrls } from './absolute-links.js';
import { renderError } from './error-renderer.js';
import { requestIdOf } from './request-id.js';
import { keyOfRequest, secondKeyOfRequest } from './key-target.js';
import { AliasTarget } from './alias-target.js';
import { RefusalAudit } from './refusal-audit.js';
import { arrayBody, objectBody } from './body-shape.js';
import { callerContext } from './caller-context.js';
import type { AdmittedRequest } from './caller-shares.js';

const EMPTY = Buffer.alloc(0);
/**
 * One request through the edge: authenticate (and get IAM's decision in the same round trip),
 * check the project, apply the decision, check the shape, forward over NATS with the context
 * headers, render the answer or the refusal. No business rule lives here.
 */
@Injectable()
export class RequestPipeline {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly authorizer: Authorizer,
    private readonly refusals: RefusalAudit,
    private readonly bus: Bus,
    private readonly aliases: AliasTarget,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  /** `admitted` hears of the verified caller, who then counts under its own share (http/caller-shares.ts). */
  async handle(route: RouteSpec, req: FastifyRequest, reply: FastifyReply, admitted?: Pick<AdmittedRequest, 'verified'>): Promise<void> {
    const requestId = requestIdOf(req);
    let identity: Identity | undefined;
    try {
      const raw = Buffer.isBuffer(req.body) ? req.body : EMPTY;
      const params = (req.params ?? {}) as Record<string, string>;
      const parsed = parseBody(raw, route, req.method);
      const pathProject = route.projectScoped ? params.project_id ?? '' : undefined;
      const fields = { ...queryFields(req), ...(parsed instanceof DewError ? {} : parsed) };
      const named = keyOfRequest(route, fields, params.key_id);
      const target = await this.aliases.keyOf(route, named, pathProject, requestId);
      const keyId = typeof target === 'string' ? target : undefined;
      const asked: AskedKeys = { ...(keyId ? { keyId } : {}), ...optionalKey(secondKeyOfRequest(route, fields)) };
      const auth = route.access === 'public' ? null : await this.#authenticate(route, req, raw, requestId, pathProject, asked);
      identity = auth?.identity;
      if (identity) admitted?.verified(identity);
      const projectId = auth && pathProject !== undefined ? projectOf(pathProject, auth.identity, req.headers['x-project-id']) : '';
      if (target instanceof DewError) throw target;
      const decisions: Decisions = auth ? this.authorizer.authorize(route, auth, asked) : { iamDecision: 'Allow' };
      if (parsed instanceof DewError) throw parsed;
      // The key IAM decided on travels to the service, which refuses a ciphertext made by another key.
      const decidedKey = route.keyFromCiphertext && keyId ? { key_id: keyId } : {};
      // An alias travels on as the key it names (http/alias-target.ts).
      const aliasKey = keyId !== undefined && keyId !== named ? { key_id: keyId } : {};
      // `fields` is the query then the parsed body, the order the service has always received them in.
      const body = { ...decidedKey, ...fields, ...aliasKey, ...headerFields(req), ...pathFields(params, route.projectScoped ?? false) };
      const command = route.dto ? validateBody(route.dto, body, route.shapeCodes) : body;
      const ctx = context(requestId, projectId, auth?.identity, req, decisions);
      const result = await this.bus.callWithMeta<object>(route.operation ?? { name: route.subject, pattern: route.subject }, command, ctx);
      for (const [name, value] of Object.entries(result.headers ?? {})) void reply.header(name, value);
      const status = result.status ?? route.successStatus ?? 200;
      if (status === 204 || req.method === 'HEAD') await reply.status(status).send();
      else await reply.status(status).type('application/json').send(answerBody(route, req, result.body));
    } catch (err) {
      const refusal = err instanceof DewError ? err : this.#internal(err, requestId);
      await this.refusals.record(route, req, refusal, identity, requestId);
      const { status, body, headers } = renderError(route.style, refusal);
      await reply.status(status).headers(headers ?? {}).type('application/json').send(body);
    }
  }

  #authenticate(route: RouteSpec, req: FastifyRequest, raw: Buffer, requestId: string, projectId: string | undefined, keys: AskedKeys): Promise<Authenticated> {
    return this.authenticator.authenticate({
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: raw,
      sourceIp: req.ip,
      requestId,
      singleUseSignature: route.singleUseSignature ?? false,
      question: {
        action: route.action,
        ...(projectId ? { project_id: projectId } : {}),
        ...(keys.keyId ? { key_id: keys.keyId } : {}),
        ...(route.secondKey && keys.secondKeyId ? { second_action: route.secondKey.action, second_key_id: keys.secondKeyId } : {}),
      },
    });
  }

  #internal(err: unknown, requestId: string): DewError {
    this.log.error({ err, requestId }, 'gateway fault');
    return InternalFault(requestId);
  }
}

/** IAM's links and catalog name the address the caller used (Keystone sends absolute URLs). */
function answerBody(route: RouteSpec, req: FastifyRequest, body: unknown): unknown {
  const base = route.style === 'iam' ? baseUrlOf(req.protocol, req.host) : null;
  return base === null ? body : withAbsoluteUrls(body, base);
}

function context(requestId: string, projectId: string, identity: Identity | undefined, req: FastifyRequest, decisions: Decisions): RequestContext {
  return { requestId, projectId, ...callerContext(identity, req), ...decisions };
}

function optionalKey(secondKeyId: string | undefined): AskedKeys {
  return secondKeyId ? { secondKeyId } : {};
}

function projectOf(pathProject: string, identity: Identity, headerProject: string | string[] | undefined): string {
  const header = Array.isArray(headerProject) ? headerProject[0] : headerProject;
  if (!identity.projectIds.includes(pathProject) || (header !== undefined && header !== '' && header !== pathProject)) {
    throw ProjectNotCallers(pathProject);
  }
  return pathProject;
}

/**
 * The body as JSON within docs/input-limits.md, in the shape the route defines, or the refusal to
 * raise once the caller is known (never before authentication).
 */
function parseBody(raw: Buffer, route: RouteSpec, method: string): Record<string, unknown> | DewError {
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = decodeJsonBody(raw, BAD_JSON_CODE[route.style]);
  } catch (err) {
    return err as DewError;
  }
  const shaped = route.arrayBody ? arrayBody(parsed, route.arrayBody.maxItems) : objectBody(parsed);
  if (typeof shaped === 'string') return BodyOfWrongShape(BAD_JSON_CODE[route.style], shaped);
  // Parameters of a GET travel in its path and query; the body the SDK signs there is `{}`.
  if (method === 'GET' && Object.keys(shaped).length > 0) {
    return BodyOnGet(BAD_JSON_CODE[route.style], Object.keys(shaped));
  }
  return shaped;
}

/** Path parameters travel as body fields (the routed project travels in the context instead). */
function pathFields(params: Record<string, string>, projectScoped: boolean): Record<string, string> {
  if (!projectScoped) return { ...params };
  const { project_id: _project, ...rest } = params;
  return rest;
}

function queryFields(req: FastifyRequest): Record<string, unknown> {
  return req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE' ? { ...(req.query as Record<string, unknown>) } : {};
}

function headerFields(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [header, field] of Object.entries(HEADER_FIELDS)) {
    const value = req.headers[header];
    if (typeof value === 'string') out[field] = value;
  }
  return out;
}
