import { natsUsers, REFERENCE_ECHO_USERS } from './nats-users.js';

const SERVICES = ['iam', 'kms'];
const passwords = Object.fromEntries(['gateway', 'runner', 'replay', 'backup', 'bench', ...REFERENCE_ECHO_USERS, ...SERVICES, ...SERVICES.map((s) => `${s}-streams`)].map((u) => [u, `pw-${u}`]));
const named = (bench: boolean) => new Map(natsUsers(SERVICES, passwords, bench).map((u) => [u.user, u]));

describe('natsUsers: the bench users', () => {
  it('without DEW_BENCH_ECHO: no bench user exists and the gateway may not publish bench.echo', () => {
    const users = named(false);
    expect([...users.keys()].filter((u) => u.startsWith('bench'))).toEqual([]);
    expect(users.get('gateway')?.publish?.allow).not.toContain('bench.echo');
  });

  it('with it: the echo responder and the reference app’s two processes, each limited to its own bench subjects', () => {
    const users = named(true);
    expect(users.get('bench-ref-http')).toMatchObject({ publish: { allow: ['bench.reference.echo'] }, subscribe: { allow: ['_INBOX.bench-ref-http.>'] } });
    expect(users.get('bench-ref-echo')).toMatchObject({ publish: { deny: ['>'] }, subscribe: { allow: ['bench.reference.echo'] }, allowResponses: true });
    expect(users.get('bench')).toMatchObject({ publish: { deny: ['>'] }, subscribe: { allow: ['bench.echo'] } });
    expect(users.get('gateway')?.publish?.allow).toContain('bench.echo');
  });
});
