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

  it('Allow and NoAllow travel unchanged', () => {
    const allowed = systemContext('r1');
    expect(readContext(contextHeaders(allowed)).iamDecision).toBe('Allow');
    expect(readContext(contextHeaders({ ...allowed, iamDecision: 'NoAllow' })).iamDecision).toBe('NoAllow');
  });
});
