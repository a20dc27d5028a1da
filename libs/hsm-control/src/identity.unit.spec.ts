import { nodeCommonName, parseNodeCommonName } from './identity.js';

describe('node identities in control certificates', () => {
  it('a node\'s common name reads back as its instance and node', () => {
    const cn = nodeCommonName({ instanceId: '00000001-0000-4000-8000-000000000000', nodeId: 'b' });
    expect(cn).toBe('hsm-node:00000001-0000-4000-8000-000000000000:b');
    expect(parseNodeCommonName(cn)).toEqual({ instanceId: '00000001-0000-4000-8000-000000000000', nodeId: 'b' });
  });

  it.each(['hsm-control', 'hsm-node:x', 'hsm-node:x:c', 'hsm-node:x:a:b', 'hsm-node:x.y:a', 'hsm-node:*:a', 'hsm-node:>:a', 'hsm-node::a', 'node:x:a'])('%s names no node', (cn) => {
    expect(parseNodeCommonName(cn)).toBeUndefined();
  });

  it('an instance id that is not one subject token is refused when issuing, naming the rule and the value', () => {
    expect(() => nodeCommonName({ instanceId: 'x.>', nodeId: 'a' })).toThrow('instance id must match ^[A-Za-z0-9_-]{1,64}$, got "x.>"');
  });
});
