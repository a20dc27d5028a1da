import { PROVISIONED_STREAMS, SERVICE_NAMES, allUserPermissions, backupPermissions, restorePermissions, inboxPrefixOf, servicePermissions, serviceStreamsPermissions, streamsUserOf } from './permissions.js';

describe('NATS permissions', () => {
  it.each(SERVICE_NAMES)('%s: its streams user may write and read what the service may, serves no request and has no allow_responses', (service) => {
    const requests = servicePermissions(service);
    const streams = serviceStreamsPermissions(service);
    expect(requests.allowResponses).toBe(true);
    expect(streams.allowResponses).toBe(false);
    expect(streams.publish).toEqual(requests.publish);
    expect(streams.subscribe.allow).toEqual([`_INBOX.${service}-streams.>`]);
    expect(streamsUserOf(service)).toBe(`${service}-streams`);
  });

  it.each(Object.entries(allUserPermissions()))('%s may update, delete or purge a stream only if it is the runner (provisioning)', (user, permissions) => {
    const changing = permissions.publish.allow.filter((s) => /^\$JS\.API\.STREAM\.(\*|>|UPDATE|DELETE|PURGE)(\.|$)/.test(s));
    if (user === 'runner') expect(changing.every((s) => s.startsWith('$JS.API.STREAM.UPDATE.'))).toBe(true);
    else expect(changing).toEqual([]);
  });
});

describe('backup and restore grants (docs/backup.md)', () => {
  it('backup snapshots every provisioned stream and restores none; only restore (its own nats-server) may create one from a snapshot', () => {
    for (const s of PROVISIONED_STREAMS) expect(backupPermissions.publish.allow).toContain(`$JS.API.STREAM.SNAPSHOT.${s}`);
    expect(backupPermissions.publish.allow.filter((g) => g.includes('RESTORE'))).toEqual([]);
    for (const s of PROVISIONED_STREAMS) expect(restorePermissions.publish.allow).toContain(`$JS.API.STREAM.RESTORE.${s}`);
    expect(Object.values(allUserPermissions()).some((p) => p.publish.allow.some((g) => g.includes('RESTORE')))).toBe(false);
  });
});

describe('JetStream consumer grants', () => {
  it.each(Object.entries(allUserPermissions()))('%s: every consumer grant names its verb and its stream, no wildcard before the stream', (_user, permissions) => {
    for (const grant of permissions.publish.allow.filter((s) => s.startsWith('$JS.API.CONSUMER.'))) {
      const [verb, ...rest] = grant.split('.').slice(3);
      const stream = verb === 'DURABLE' || verb === 'MSG' ? rest[1] : rest[0];
      expect({ grant, verb, stream }).toEqual({ grant, verb: expect.stringMatching(/^(CREATE|DURABLE|INFO|DELETE|NAMES|LIST|MSG)$/), stream: expect.stringMatching(/^[A-Z_]+$/) });
    }
  });
});

describe('private inboxes', () => {
  it.each(Object.entries(allUserPermissions()))('%s may subscribe to its own inbox only, never to _INBOX.> or another user\'s', (user, permissions) => {
    const inboxes = permissions.subscribe.allow.filter((s) => s.startsWith('_INBOX') || s === '>' || s.startsWith('*'));
    expect(inboxes).toEqual([`${inboxPrefixOf(user)}.>`]);
  });
});
