import { accountDecider, rewrapAccessKeySecret, type AccountEvent, type AccountState } from '../index.js';
import { AK1, AK2, T1, akCreated, domainCreated, userCreated } from '../account.fixtures.spec.js';

const fold = (events: readonly AccountEvent[]): AccountState => events.reduce(accountDecider.evolve, accountDecider.initialState);
const active = (events: readonly AccountEvent[]) => {
  const state = fold(events);
  if (state.status !== 'Active') throw new Error('account not active');
  return state;
};
const withKey = [domainCreated, userCreated, akCreated(AK1)];

describe('rewrapAccessKeySecret (root-key migration)', () => {
  it('a live key with a new wrapping → AccessKeySecretRewrapped; evolve swaps only the wrapped SK', () => {
    const before = active(withKey);
    const events = rewrapAccessKeySecret(before, { accessKey: AK1, wrappedSecret: 'AgAAAA==', now: T1 });
    expect(events).toEqual([{ type: 'AccessKeySecretRewrapped', accessKey: AK1, wrappedSecret: 'AgAAAA==', at: T1 }]);
    const after = active([...withKey, ...events]);
    expect(after.accessKeys.get(AK1)).toEqual({ ...before.accessKeys.get(AK1), wrappedSecret: 'AgAAAA==' });
  });

  it('the same wrapping again → no events (a resumed migration changes nothing twice)', () => {
    const state = active(withKey);
    const current = state.accessKeys.get(AK1)?.wrappedSecret ?? '';
    expect(rewrapAccessKeySecret(state, { accessKey: AK1, wrappedSecret: current, now: T1 })).toEqual([]);
  });

  it('a key that does not exist → IAM refusal naming it; an empty wrapping → refused', () => {
    const state = active(withKey);
    expect(() => rewrapAccessKeySecret(state, { accessKey: AK2, wrappedSecret: 'AgAAAA==', now: T1 })).toThrow(AK2);
    expect(() => rewrapAccessKeySecret(state, { accessKey: AK1, wrappedSecret: '', now: T1 })).toThrow(/wrappedSecret/);
  });
});
