import { SERVICE_NAMES, servicePermissions, streams } from '@dew/messaging';
import { ROOT_KEY_HOLDERS } from '@dew/root-key-domain';

describe('root key holders and their NATS grants', () => {
  it('exactly the holders may append to the ring (messaging grants ↔ root-key-domain list)', () => {
    const appending = SERVICE_NAMES.filter((s) => servicePermissions(s).publish.allow.includes(streams.rootKey.subjects[0]));
    expect([...appending].sort()).toEqual([...ROOT_KEY_HOLDERS].sort());
  });
});
