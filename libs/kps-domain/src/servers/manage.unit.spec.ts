import {
  ENCRYPTED_PASSWORD,
  OTHER_PROJECT,
  PROJECT,
  T0,
  bind,
  complete,
  created,
  fail,
  given,
  history,
  hostKey,
  registered,
  serverId,
  stateAfter,
  taskId,
} from '../fixtures.spec.js';
import { findServer } from '../state/queries.js';
import type { ChangeServer } from './decide.js';
import { serversOfProject } from './queries.js';

const at = T0 + 50;
const change = (over: Partial<ChangeServer>): ChangeServer => ({ type: 'ChangeServer', projectId: PROJECT, serverId: serverId(1), now: at, ...over });
const remove = (projectId = PROJECT) => ({ type: 'RemoveServer' as const, projectId, serverId: serverId(1), now: at });
const pin = (key: string | null) => ({ type: 'PinHostKey' as const, projectId: PROJECT, serverId: serverId(1), hostKey: key, now: at });

describe('ChangeServer', () => {
  it('fields that differ: ServerChanged with only those; folded, they and updatedAt change and the rest stays', () => {
    given([registered(1)])
      .when(change({ name: 'server-1', port: 2200, status: 'Shut down', publicIp: '198.51.100.4' }))
      .then([{ type: 'ServerChanged', serverId: serverId(1), port: 2200, status: 'Shut down', publicIp: '198.51.100.4', at }]);
    given([registered(1)])
      .when(change({ port: 2200 }))
      .thenSucceeds((_, state) =>
        expect(findServer(state, PROJECT, serverId(1))).toMatchObject({ port: 2200, address: '10.0.0.1', status: 'Running', updatedAt: at, createdAt: T0 + 101 }),
      );
  });

  it('public IP set to null: cleared', () => {
    given([registered(1, { publicIp: '198.51.100.4' })])
      .when(change({ publicIp: null }))
      .thenSucceeds((events, state) => {
        expect(events).toEqual([{ type: 'ServerChanged', serverId: serverId(1), publicIp: null, at }]);
        expect(findServer(state, PROJECT, serverId(1))?.publicIp).toBeNull();
      });
  });

  it('nothing given, or every field the same: no events', () => {
    given([registered(1)]).when(change({})).then([]);
    given([registered(1)]).when(change({ name: 'server-1', os: 'Linux' })).then([]);
  });

  it('a bad field: KPS.0002 naming it, nothing else checked first', () => {
    given([registered(1)]).when(change({ port: 70000 })).thenRefuses({ code: 'KPS.0002', message: 'port' });
    given([]).when(change({ address: '' })).thenRefuses({ code: 'KPS.0002', message: 'address' });
  });

  it('an encrypted password on a Linux server, or a Windows server turning Linux while it keeps one: KPS.0002', () => {
    given([registered(1)]).when(change({ encryptedPassword: ENCRYPTED_PASSWORD })).thenRefuses({ code: 'KPS.0002', message: 'only for Windows' });
    const windows = registered(1, { os: 'Windows', encryptedPassword: ENCRYPTED_PASSWORD });
    given([windows]).when(change({ os: 'Linux' })).thenRefuses({ code: 'KPS.0002', message: 'this server runs Linux' });
    given([windows])
      .when(change({ os: 'Linux', encryptedPassword: null }))
      .thenSucceeds((events) => expect(events).toEqual([{ type: 'ServerChanged', serverId: serverId(1), os: 'Linux', encryptedPassword: null, at }]));
  });

  it('a server of another project, or none: KPS.0404', () => {
    given([registered(1)])
      .when(change({ projectId: OTHER_PROJECT, port: 2 }))
      .thenRefuses({ code: 'KPS.0404', status: 404, message: `server "${serverId(1)}" does not exist` });
    given([]).when(change({ port: 2 })).thenRefuses({ code: 'KPS.0404' });
  });
});

describe('RemoveServer', () => {
  it('a server without tasks: ServerRemoved; folded, it is gone', () => {
    given([registered(1)]).when(remove()).then([{ type: 'ServerRemoved', serverId: serverId(1), name: 'server-1', at }]);
    given([registered(1)])
      .when(remove())
      .thenSucceeds((_, state) => expect(state.servers.size).toBe(0));
  });

  it('a live task on it: refused KPS.0409 naming the task', () => {
    given(history([created(1), registered(1)], bind(1, 1, 1)))
      .when(remove())
      .thenRefuses({ code: 'KPS.0409', message: `task ${taskId(1)} (RUNNING)` });
  });

  it("its finished tasks go with it; another server's stay", () => {
    const past = history([created(1), registered(1), registered(2)], bind(1, 1, 1), complete(1), bind(2, 1, 2), fail(2));
    given(past)
      .when(remove())
      .thenSucceeds((_, state) => expect([...state.tasks.keys()]).toEqual([taskId(2)]));
  });

  it('a server of another project: KPS.0404', () => {
    given([registered(1)]).when(remove(OTHER_PROJECT)).thenRefuses({ code: 'KPS.0404' });
  });
});

describe('PinHostKey', () => {
  it('pins a key; the same key again: no events; null forgets it', () => {
    given([registered(1)]).when(pin(hostKey(1))).then([{ type: 'ServerHostKeyPinned', serverId: serverId(1), hostKey: hostKey(1), at }]);
    given([registered(1, { hostKey: hostKey(1) })]).when(pin(hostKey(1))).then([]);
    given([registered(1, { hostKey: hostKey(1) })])
      .when(pin(null))
      .thenSucceeds((_, state) => expect(findServer(state, PROJECT, serverId(1))).toMatchObject({ hostKey: null, updatedAt: at }));
  });

  it('a key of the wrong shape: KPS.0002', () => {
    given([registered(1)]).when(pin('not a key')).thenRefuses({ code: 'KPS.0002', message: 'host_key' });
  });
});

describe('serversOfProject', () => {
  it("the project's servers by name, id breaking ties; another project's left out", () => {
    const state = stateAfter(
      registered(3, { name: 'b' }),
      registered(1, { name: 'a' }),
      registered(2, { name: 'b' }),
      registered(4, { name: 'a', projectId: OTHER_PROJECT }),
    );
    expect(serversOfProject(state, PROJECT).map((s) => s.id)).toEqual([serverId(1), serverId(2), serverId(3)]);
    expect(serversOfProject(state, OTHER_PROJECT).map((s) => s.id)).toEqual([serverId(4)]);
  });
});
