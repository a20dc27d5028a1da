import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

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
