import { ConcurrencyError } from './event-store.js';

describe('ConcurrencyError', () => {
  it('with the actual sequence names the subject and both sequences', () => {
    const err = new ConcurrencyError('evt.kms.p1.keyring', 4, 7);
    expect(err.message).toBe('append to evt.kms.p1.keyring expected its last sequence to be 4, but it is 7');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ConcurrencyError');
  });

  it('without the actual sequence still names the expected one', () => {
    expect(new ConcurrencyError('s', 0).message).toBe('append to s expected its last sequence to be 0, but it has moved on');
  });
});
