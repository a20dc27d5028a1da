import { headers as natsHeaders } from '@nats-io/transport-node';
import { contextHeaders, readContext, systemContext } from './context.js';

describe('readContext: the IAM decision', () => {
  it('a request without a Dew-Iam-Decision header: NoAllow, never Allow', () => {
    const h = natsHeaders();
    h.set('Dew-User-Id', 'u'.repeat(32));
    expect(readContext(h).iamDecision).toBe('NoAllow');
    expect(readContext(undefined).iamDecision).toBe('NoAllow');
  });

  it('a decision other than Allow or NoAllow: NoAllow', () => {
    const h = natsHeaders();
    h.set('Dew-Iam-Decision', 'allow');
    expect(readContext(h).iamDecision).toBe('NoAllow');
  });

  it('a decision header sent twice, NoAllow then Allow: the first value counts (NoAllow)', () => {
    const h = natsHeaders();
    h.append('Dew-Iam-Decision', 'NoAllow');
    h.append('Dew-Iam-Decision', 'Allow');
    expect(readContext(h).iamDecision).toBe('NoAllow');
  });

  it('a header name in other case (dew-iam-decision: Allow) is not the decision: NoAllow', () => {
    const h = natsHeaders();
    h.append('dew-iam-decision', 'Allow');
    expect(readContext(h).iamDecision).toBe('NoAllow');
  });

  it('Allow and NoAllow travel unchanged', () => {
    const allowed = systemContext('r1');
    expect(readContext(contextHeaders(allowed)).iamDecision).toBe('Allow');
    expect(readContext(contextHeaders({ ...allowed, iamDecision: 'NoAllow' })).iamDecision).toBe('NoAllow');
  });
});

describe('readContext: the decision on a second key (re-encrypt)', () => {
  it('travels unchanged when sent, and is absent on every other request (read as NoAllow by its user)', () => {
    const ctx = systemContext('r1');
    expect(readContext(contextHeaders({ ...ctx, secondKeyDecision: 'Allow' })).secondKeyDecision).toBe('Allow');
    expect(readContext(contextHeaders({ ...ctx, secondKeyDecision: 'NoAllow' })).secondKeyDecision).toBe('NoAllow');
    expect(readContext(contextHeaders(ctx))).not.toHaveProperty('secondKeyDecision');
  });

  it('a value other than Allow reads as NoAllow', () => {
    const h = natsHeaders();
    h.set('Dew-Iam-Decision-Second-Key', 'ALLOW');
    expect(readContext(h).secondKeyDecision).toBe('NoAllow');
  });
});

describe('caller headers (trace fields)', () => {
  it('access key, account name, root flag and endpoint travel when set and are absent when not', () => {
    const ctx = { ...systemContext('r1', 'p1', 'd1'), userId: 'u1', userName: 'alice', accessKeyId: 'AK1', domainName: 'acme', rootUser: false, endpoint: 'dew.local:8443' };
    expect(readContext(contextHeaders(ctx))).toMatchObject({ accessKeyId: 'AK1', domainName: 'acme', rootUser: false, endpoint: 'dew.local:8443' });
    const bare = readContext(contextHeaders(systemContext('r2')));
    for (const field of ['accessKeyId', 'domainName', 'rootUser', 'endpoint']) expect(bare).not.toHaveProperty(field);
  });
});

describe('Dew-Context: the context in one header', () => {
  const full = { ...systemContext('r1', 'p1', 'd1'), userId: 'u1', userName: 'älice "q"\nx', sourceIp: '10.0.0.1', traceType: 'ConsoleAction' as const, iamDecision: 'NoAllow' as const, secondKeyDecision: 'Allow' as const, accessKeyId: 'AK1', domainName: 'acme', rootUser: true, endpoint: 'dew.local:8443' };

  it('contextHeaders sends one header, Dew-Context, and every field comes back unchanged (newline and quotes in a name included)', () => {
    const h = contextHeaders(full);
    expect(h.keys()).toEqual(['Dew-Context']);
    expect(readContext(h)).toEqual(full);
  });

  it('a Dew-Context that is not JSON, or not an object: an empty context, NoAllow', () => {
    for (const junk of ['{not json', '"Allow"', '["Allow"]', 'null']) {
      const h = natsHeaders();
      h.append('Dew-Context', junk);
      expect(readContext(h)).toMatchObject({ requestId: '', userId: '', iamDecision: 'NoAllow' });
    }
  });

  it('a decision that is not the string Allow (true, an array, "allow"): NoAllow, and the second key\'s never Allow', () => {
    for (const decision of [true, ['Allow'], 'allow']) {
      const h = natsHeaders();
      h.append('Dew-Context', JSON.stringify({ iamDecision: decision, secondKeyDecision: decision }));
      expect(readContext(h).iamDecision).toBe('NoAllow');
      expect(readContext(h).secondKeyDecision).not.toBe('Allow');
    }
  });

  it('with Dew-Context present, separate Dew-* headers are ignored (a separate Allow does not override its NoAllow)', () => {
    const h = contextHeaders({ ...full, iamDecision: 'NoAllow' });
    h.append('Dew-Iam-Decision', 'Allow');
    expect(readContext(h).iamDecision).toBe('NoAllow');
  });

  it('inherited names (__proto__, toString) are no fields', () => {
    const h = natsHeaders();
    h.append('Dew-Context', '{"__proto__":{"iamDecision":"Allow"}}');
    expect(readContext(h).iamDecision).toBe('NoAllow');
  });
});
