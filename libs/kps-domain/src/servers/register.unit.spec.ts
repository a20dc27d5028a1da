import { ENCRYPTED_PASSWORD, PROJECT, T0, given, hostKey, oneEvent, registered, serverId, stateAfter } from '../fixtures.spec.js';
import { SERVER_QUOTA } from '../rules/server-fields.js';
import { findServer } from '../state/queries.js';
import type { RegisterServer } from './decide.js';

const register = (over: Partial<RegisterServer> = {}): RegisterServer => ({
  type: 'RegisterServer',
  projectId: PROJECT,
  serverId: serverId(1),
  name: 'web-1',
  address: 'web-1.example.com',
  os: 'Linux',
  status: 'Running',
  now: T0 + 10,
  ...over,
});
const many = (n: number) => Array.from({ length: n }, (_, i) => registered(i + 1));

describe('RegisterServer', () => {
  it('only the required fields: ServerRegistered with port 22, login root, the default sshd paths, no host key; folded, an unbound server of the project', () => {
    given().when(register()).then([
      {
        type: 'ServerRegistered',
        serverId: serverId(1),
        projectId: PROJECT,
        name: 'web-1',
        address: 'web-1.example.com',
        publicIp: null,
        port: 22,
        os: 'Linux',
        status: 'Running',
        loginUser: 'root',
        sshdConfigPath: '/etc/ssh/sshd_config',
        sshdPidFile: '/run/sshd.pid',
        encryptedPassword: null,
        hostKey: null,
        at: T0 + 10,
      },
    ]);
    given()
      .when(register())
      .thenSucceeds((_, state) =>
        expect(findServer(state, PROJECT, serverId(1))).toMatchObject({ id: serverId(1), keypairName: null, keypairId: null, createdAt: T0 + 10, updatedAt: T0 + 10 }),
      );
  });

  it('every optional field given: kept as given', () => {
    const full = register({
      address: '2001:db8::10',
      publicIp: '203.0.113.7',
      port: 2222,
      loginUser: 'deploy',
      sshdConfigPath: '/opt/ssh/sshd_config',
      sshdPidFile: '/var/run/sshd-2222.pid',
      hostKey: hostKey(1),
    });
    given()
      .when(full)
      .thenSucceeds((events) =>
        expect(events[0]).toMatchObject({
          address: '2001:db8::10',
          publicIp: '203.0.113.7',
          port: 2222,
          loginUser: 'deploy',
          sshdConfigPath: '/opt/ssh/sshd_config',
          sshdPidFile: '/var/run/sshd-2222.pid',
          hostKey: hostKey(1),
        }),
      );
  });

  it.each`
    field               | value                       | message
    ${'serverId'}       | ${'not-a-uuid'}             | ${'server_id must be a lower-case UUID'}
    ${'name'}           | ${'a'.repeat(65)}           | ${'name must be 1..64 characters, got 65'}
    ${'name'}           | ${'web 1'}                  | ${'name may contain only A-Z a-z 0-9 _ . -, got " " at position 4'}
    ${'address'}        | ${'10.0.0.256'}             | ${'address must be an IPv4 or IPv6 literal or a host name of at most 253 characters, got "10.0.0.256"'}
    ${'address'}        | ${'-bad.example'}           | ${'address must be'}
    ${'publicIp'}       | ${'example.com'}            | ${'public_ip must be an IPv4 or IPv6 literal, got "example.com"'}
    ${'port'}           | ${0}                        | ${'port must be an integer 1..65535, got 0'}
    ${'port'}           | ${65536}                    | ${'got 65536'}
    ${'port'}           | ${22.5}                     | ${'got 22.5'}
    ${'os'}             | ${'BSD'}                    | ${'os must be one of Linux, Windows, got "BSD"'}
    ${'status'}         | ${'Paused'}                 | ${'status must be one of Running, Shut down, Starting, Stopping, Faulty, got "Paused"'}
    ${'loginUser'}      | ${'-root'}                  | ${'login_user must start with a letter or "_"'}
    ${'loginUser'}      | ${'9admin'}                 | ${'login_user must start with a letter or "_"'}
    ${'loginUser'}      | ${'root;id'}                | ${'login_user may contain only'}
    ${'loginUser'}      | ${'u'.repeat(33)}           | ${'login_user must be 1..32 characters, got 33'}
    ${'sshdConfigPath'} | ${'etc/ssh/sshd_config'}    | ${'sshd_config_path must be an absolute path'}
    ${'sshdConfigPath'} | ${'/etc/../ssh/sshd_config'} | ${'sshd_config_path must be an absolute path'}
    ${'sshdConfigPath'} | ${'/etc/ssh/$(id)'}         | ${'sshd_config_path'}
    ${'sshdPidFile'}    | ${'/run/'}                  | ${'sshd_pid_file must be an absolute path'}
    ${'hostKey'}        | ${'ssh-ed25519'}            | ${'host_key must be an OpenSSH host key'}
    ${'hostKey'}        | ${`${hostKey(1)} comment`}  | ${'host_key'}
  `('$field $value: refused KPS.0002 naming the field, rule and value', ({ field, value, message }) => {
    given()
      .when(register({ [field]: value }))
      .thenRefuses({ code: 'KPS.0002', status: 400, message });
  });

  it('a Windows server may carry its encrypted administrator password; a Linux one is refused, and the refusal never shows it', () => {
    given()
      .when(register({ os: 'Windows', encryptedPassword: ENCRYPTED_PASSWORD }))
      .thenSucceeds((_, state) => expect(findServer(state, PROJECT, serverId(1))?.encryptedPassword).toBe(ENCRYPTED_PASSWORD));
    const refusal = given()
      .when(register({ encryptedPassword: ENCRYPTED_PASSWORD }))
      .thenRefuses({ code: 'KPS.0002', message: 'encrypted_password is only for Windows servers; this server runs Linux' });
    expect(refusal.message).not.toContain(ENCRYPTED_PASSWORD);
    const malformed = given()
      .when(register({ os: 'Windows', encryptedPassword: `${ENCRYPTED_PASSWORD}!` }))
      .thenRefuses({ code: 'KPS.0002', message: 'encrypted_password must be' });
    expect(malformed.message).not.toContain(ENCRYPTED_PASSWORD);
  });

  it('an id already in the inventory, of any project: refused KPS.0409', () => {
    given([registered(1, { projectId: 'ffffffffffffffffffffffffffffffff' })])
      .when(register())
      .thenRefuses({ code: 'KPS.0409', status: 409, message: 'already taken' });
  });

  it(`quota: the ${SERVER_QUOTA}th server is accepted, the next refused KPS.1001 naming the limit`, () => {
    given(many(SERVER_QUOTA - 1)).when(register({ serverId: serverId(5000) })).thenSucceeds(oneEvent);
    given(many(SERVER_QUOTA))
      .when(register({ serverId: serverId(5000) }))
      .thenRefuses({ code: 'KPS.1001', message: `quota of ${SERVER_QUOTA} servers per account reached (${SERVER_QUOTA} servers)` });
  });

  it('evolve ignores a second ServerRegistered of the same id', () => {
    const first = stateAfter(registered(1));
    expect(stateAfter(registered(1), registered(1, { name: 'other' }))).toEqual(first);
  });
});
