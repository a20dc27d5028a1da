import type { FastifyRequest } from 'fastify';
import type { Identity } from '../auth/identity.js';
import { callerContext } from './caller-context.js';

const request = (headers: Record<string, string>) => ({ ip: '10.0.0.9', headers }) as unknown as FastifyRequest;
const alice: Identity = { userId: 'u1', userName: 'alice', domainId: 'd1', domainName: 'acme', isDomainAdmin: false, projectIds: ['p1'], accessKeyId: 'AKALICE' };

describe('callerContext', () => {
  it('a verified signature: the user, its account and the access key it signed with; the Host it called', () => {
    expect(callerContext(alice, request({ host: 'dew.local:8443' }))).toEqual({
      domainId: 'd1', userId: 'u1', userName: 'alice', sourceIp: '10.0.0.9', traceType: 'ApiCall', domainName: 'acme', rootUser: false, accessKeyId: 'AKALICE', endpoint: 'dew.local:8443',
    });
  });

  it('no verified caller: no user, account or access key, whatever key the Authorization header claims', () => {
    const claimed = request({ host: 'dew.local', authorization: 'SDK-HMAC-SHA256 Access=AKCLAIMED, SignedHeaders=host;x-sdk-date, Signature=00' });
    const ctx = callerContext(undefined, claimed);
    expect(ctx).toMatchObject({ userId: '', domainId: '', userName: '' });
    expect(ctx).not.toHaveProperty('accessKeyId');
    expect(ctx).not.toHaveProperty('rootUser');
    expect(JSON.stringify(ctx)).not.toContain('AKCLAIMED');
  });

  it('a token (no access key): the access key is absent; a Host over 261 characters is cut', () => {
    const ctx = callerContext({ ...alice, accessKeyId: '' }, request({ host: 'h'.repeat(300) }));
    expect(ctx).not.toHaveProperty('accessKeyId');
    expect(ctx.endpoint).toHaveLength(261);
  });
});
