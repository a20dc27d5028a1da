import { followed, noteOf } from './hsm-format';

describe('followed (an action’s message on the instance page)', () => {
  const creating = { id: 'i-1', name: 'hsm-a', status: 'Creating' };

  it('pins the message to the status the page sees first after the action', () => {
    expect(followed(noteOf('Instance hsm-a activated: Creating.'), creating)).toEqual({ message: 'Instance hsm-a activated: Creating.', status: 'Creating' });
  });

  it('keeps the message while the instance stays in that status', () => {
    const pinned = followed(noteOf('Instance hsm-a activated: Creating.'), creating);
    expect(followed(pinned, creating)).toBe(pinned);
  });

  it('replaces it with the current status once the instance moves on', () => {
    const pinned = followed(noteOf('Instance hsm-a activated: Creating.'), creating);
    expect(followed(pinned, { ...creating, status: 'Running' })).toEqual({ message: 'Instance hsm-a is now Running.', status: 'Running' });
  });

  it('leaves no message alone, and waits for the instance to load', () => {
    expect(followed(null, creating)).toBeNull();
    expect(followed(noteOf('x'), null)).toEqual({ message: 'x' });
  });
});
