import type { FastifyRequest } from 'fastify';
import { traceTypeOf } from './trace-type.js';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;

describe('traceTypeOf', () => {
  it('a console token session is a ConsoleAction; signed requests and plain token calls are ApiCalls', () => {
    expect(traceTypeOf(req({ 'x-auth-token': 't', 'x-dew-client': 'console' }))).toBe('ConsoleAction');
    expect(traceTypeOf(req({ 'x-auth-token': 't' }))).toBe('ApiCall');
    expect(traceTypeOf(req({ authorization: 'SDK-HMAC-SHA256 …', 'x-dew-client': 'console' }))).toBe('ApiCall');
  });
});
