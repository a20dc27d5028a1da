import { DewError } from '@dew/contracts';
import { FailureLimits } from './failure-limits.js';

const badSignature = () => new DewError('KMS.0302', 'signature does not match');
const small = () => new FailureLimits({ perSource: { capacity: 5, refillPerSecond: 0.001 }, perSourceAndKey: { capacity: 2, refillPerSecond: 0.001 } });

describe('FailureLimits', () => {
  it('failures under the limit: the failure itself comes back', () => {
    const limits = small();
    expect(limits.refuse('10.0.0.1', 'AK1', badSignature()).code).toBe('KMS.0302');
    expect(limits.refuse('10.0.0.1', 'AK1', badSignature()).code).toBe('KMS.0302');
  });

  it('a (source, access key) pair over its limit: 429 KMS.0304 naming the wait; the same AK from another source and another AK from the source still get the plain failure', () => {
    const limits = small();
    limits.refuse('10.0.0.1', 'AK1', badSignature());
    limits.refuse('10.0.0.1', 'AK1', badSignature());
    const blocked = limits.refuse('10.0.0.1', 'AK1', badSignature());
    expect(blocked).toMatchObject({ code: 'KMS.0304', status: 429 });
    expect(blocked.message).toMatch(/retry in \d+ s/);
    expect(limits.refuse('10.0.0.2', 'AK1', badSignature()).code).toBe('KMS.0302');
    expect(limits.refuse('10.0.0.1', 'AK2', badSignature()).code).toBe('KMS.0302');
  });

  it('a source over its limit: every failure from it is 429, whatever the key', () => {
    const limits = small();
    for (let i = 0; i < 5; i++) limits.refuse('10.0.0.1', `AK${i}`, badSignature());
    expect(limits.refuse('10.0.0.1', 'AK9', badSignature()).code).toBe('KMS.0304');
    expect(limits.refuse('10.0.0.1', undefined, badSignature()).code).toBe('KMS.0304');
  });
});
