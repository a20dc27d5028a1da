import { ApiError } from '../../api/errors';
import { describeOutcome, runBatch, summarise } from './batch';

describe('batch actions on keys', () => {
  it('calls once per key in order and keeps going after a refusal, keeping each outcome', async () => {
    const called: string[] = [];
    const refusal = new ApiError(400, 'KMS.0409', 'The key is not disabled.');
    const outcomes = await runBatch(
      [{ keyId: 'a', name: 'alpha' }, { keyId: 'b', name: 'beta' }, { keyId: 'c', name: 'gamma' }],
      async (id) => {
        called.push(id);
        if (id === 'b') throw refusal;
      },
    );
    expect(called).toEqual(['a', 'b', 'c']);
    expect(outcomes.map((o) => [o.name, o.error])).toEqual([['alpha', null], ['beta', refusal], ['gamma', null]]);
    expect(summarise(outcomes, 'enabled')).toBe('2 of 3 keys enabled; 1 failed.');
  });

  it('shows a refusal by the API’s code and message, and anything else as unreachable', () => {
    expect(describeOutcome({ keyId: 'a', name: 'a', error: null })).toEqual({ ok: true, message: 'Succeeded', code: null });
    expect(describeOutcome({ keyId: 'a', name: 'a', error: new ApiError(400, 'KMS.0409', 'Wrong state.') })).toEqual({ ok: false, message: 'Wrong state.', code: 'KMS.0409' });
    expect(describeOutcome({ keyId: 'a', name: 'a', error: new TypeError('Failed to fetch') })).toEqual({ ok: false, message: 'The console could not reach DEW: Failed to fetch', code: null });
  });

  it('says one key in the singular', () => {
    expect(summarise([{ keyId: 'a', name: 'a', error: null }], 'disabled')).toBe('1 of 1 key disabled.');
  });
});
