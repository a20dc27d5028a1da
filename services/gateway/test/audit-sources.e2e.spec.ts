import { jetstreamManager } from '@nats-io/jetstream';
import { DewSystem, marker, refusal, rememberSecret, tokenRequest, tracesOf as sharedTracesOf, type SdkClient, type TraceList } from '@dew/testing';


let dew: DewSystem;
let admin: SdkClient;
beforeAll(async () => {
  dew = await DewSystem.start();
  admin = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

const tracesOf = (query: string, expected: number): Promise<TraceList> => sharedTracesOf(admin, query, expected);

describe('trace sources: IAM operations, console sessions, query forms', () => {
  let userId: string;
  const password = marker('password');

  it('IAM operations are account-wide traces, seen from the project: createUser and createAccessKey name their resources, never the hash or the SK', async () => {
    const user = await admin.call<{ user: { id: string } }>('POST', '/v3/users', { user: { name: 'dora', domain_id: dew.credentials.domain_id, password } });
    expect(user.status).toBe(201);
    userId = user.body.user.id;
    const created = await tracesOf(`service_type=IAM&trace_name=createUser&resource_id=${userId}`, 1);
    expect(created.traces).toHaveLength(1);
    expect(created.traces[0]).toMatchObject({ trace_name: 'createUser', resource_type: 'user', service_type: 'IAM', project_id: '', user: { name: 'admin' } });
    const key = await admin.call<{ credential: { access: string; secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: userId } });
    expect(key.status).toBe(201);
    rememberSecret('secret-key', key.body.credential.secret);
    const issued = await tracesOf(`trace_name=createAccessKey&resource_id=${key.body.credential.access}`, 1);
    expect(issued.traces[0]).toMatchObject({ resource_type: 'credential', service_type: 'IAM' });
    expect(JSON.stringify([created, issued])).not.toContain(key.body.credential.secret);
    expect(JSON.stringify(created)).not.toContain('scrypt');
  });

  it('a console session (token + X-Dew-Client: console) is a ConsoleAction; the same call signed with AK/SK an ApiCall', async () => {
    const groups = await admin.call<{ groups: { id: string; name: string }[] }>('GET', '/v3/groups');
    const policies = await admin.call<{ roles: { id: string; display_name: string }[] }>('GET', '/v3/roles');
    const group = await admin.call<{ group: { id: string } }>('POST', '/v3/groups', { group: { name: 'console-admins' } });
    expect([groups.status, policies.status, group.status]).toEqual([200, 200, 201]);
    const kmsAdmin = policies.body.roles.find((r) => r.display_name === 'KMS Administrator');
    expect((await admin.call('PUT', `/v3/projects/${dew.credentials.project_id}/groups/${group.body.group.id}/roles/${kmsAdmin!.id}`)).status).toBe(204);
    expect((await admin.call('PUT', `/v3/groups/${group.body.group.id}/users/${userId}`)).status).toBe(204);
    const login = await tokenRequest(dew.endpoint, 'POST', '/v3/auth/tokens', {
      auth: { identity: { methods: ['password'], password: { user: { name: 'dora', password, domain: { name: dew.credentials.domain_name } } } }, scope: { project: { id: dew.credentials.project_id } } },
    });
    expect(login.status).toBe(201);
    const token = login.headers.get('x-subject-token') ?? '';
    const viaConsole = await tokenRequest(dew.endpoint, 'POST', `/v1.0/${dew.credentials.project_id}/kms/create-key`, { key_alias: 'from-console' }, { 'x-auth-token': token, 'x-dew-client': 'console' });
    expect(viaConsole.status).toBe(200);
    const viaApi = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'from-api' });
    const consoleKey = (viaConsole.json as { key_info: { key_id: string } }).key_info.key_id;
    expect((await tracesOf(`resource_id=${consoleKey}`, 1)).traces[0]).toMatchObject({ trace_name: 'createKey', trace_type: 'ConsoleAction', user: { name: 'dora' } });
    expect((await tracesOf(`resource_id=${viaApi.body.key_info.key_id}`, 1)).traces[0]).toMatchObject({ trace_name: 'createKey', trace_type: 'ApiCall', user: { name: 'admin' } });
  });

  it('query forms: data traces are empty (only the system tracker exists), a foreign tracker name and an inverted window are refused naming the values, access_key_id filters by the signing key', async () => {
    const data = await admin.call<TraceList>('GET', '/v3/{project_id}/traces?trace_type=data&tracker_name=obs-bucket');
    expect(data.status).toBe(200);
    expect(data.body).toEqual({ traces: [], meta_data: { count: 0, marker: null } });
    const tracker = await admin.call<{ error_msg?: string }>('GET', '/v3/{project_id}/traces?trace_type=system&tracker_name=obs-bucket');
    expect(refusal(tracker)).toEqual({ status: 400, code: 'CTS.0003' });
    expect(tracker.errorMsg).toContain('obs-bucket');
    const now = Date.now();
    const inverted = await admin.call('GET', `/v3/{project_id}/traces?trace_type=system&from=${now}&to=${now - 60_000}`);
    expect(refusal(inverted)).toEqual({ status: 400, code: 'CTS.0003' });
    expect(inverted.errorMsg).toContain(String(now - 60_000));
    // The newer access_key_id filter is served (docs/cts-traces.md): only traces signed with that key.
    const byAk = await admin.call<TraceList>('GET', `/v3/{project_id}/traces?trace_type=system&access_key_id=${dew.credentials.access}`);
    expect(byAk.status).toBe(200);
    expect(byAk.body.traces.length).toBeGreaterThan(0);
    expect(byAk.body.traces.every((t) => t.user.access_key_id === dew.credentials.access)).toBe(true);
  });
});

describe('retention', () => {
  it('DEW_AUDIT_RETENTION_DAYS is the AUDIT stream max age (7 days by default); a restart with another value changes it (the audit service owns it)', async () => {
    const auditMaxAgeDays = async (system: DewSystem) => {
      const nc = await system.connectNats('replay');
      const info = await (await jetstreamManager(nc)).streams.info('AUDIT');
      return info.config.max_age / 86_400_000 / 1_000_000;
    };
    expect(await auditMaxAgeDays(dew)).toBe(7);
    const short = await DewSystem.start({ env: { DEW_AUDIT_RETENTION_DAYS: '2' } });
    try {
      expect(await auditMaxAgeDays(short)).toBe(2);
      await short.restart({ DEW_AUDIT_RETENTION_DAYS: '3' });
      expect(await auditMaxAgeDays(short)).toBe(3);
    } finally {
      await short.stop();
    }
  });
});
