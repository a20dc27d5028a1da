import { DewSystem, marker, rawSignedRequest, refusal, rememberSecret, tracesOf, type SdkClient, type TraceList } from '@dew/testing';


let dew: DewSystem;
let api: SdkClient;
beforeAll(async () => {
  dew = await DewSystem.start();
  api = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

describe('CTS traces (audit service)', () => {
  let keyId: string;

  it('state changes (from events) and crypto calls (from AUDIT records) of a key, newest first, with the operator', async () => {
    keyId = (await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'traced' })).body.key_info.key_id;
    const plaintext = marker('plaintext');
    await api.kms('encrypt-data', { key_id: keyId, plain_text: plaintext });
    await api.kms('disable-key', { key_id: keyId });
    const list = await tracesOf(api, `resource_id=${keyId}`, 3);
    expect(list.traces.map((t) => t.trace_name)).toEqual(['disableKey', 'encryptData', 'createKey']);
    expect(list.traces.every((t) => t.service_type === 'KMS' && t.user.name === 'admin' && t.trace_type === 'ApiCall')).toBe(true);
    expect(JSON.stringify(list)).not.toContain(plaintext);
  });

  it('filters by trace name; pages with limit and next', async () => {
    const created = await tracesOf(api, `trace_name=createKey&resource_id=${keyId}`, 1);
    expect(created.traces.map((t) => t.trace_name)).toEqual(['createKey']);
    const first = await tracesOf(api, `resource_id=${keyId}&limit=2`, 2);
    expect(first.traces).toHaveLength(2);
    expect(first.meta_data.marker).not.toBeNull();
    const second = await tracesOf(api, `resource_id=${keyId}&limit=2&next=${first.meta_data.marker}`, 1);
    expect(second.traces.map((t) => t.trace_name)).toEqual(['createKey']);
    expect(second.meta_data.marker).toBeNull();
  });

  it('a tenant sees only its own project; a user without cts:trace:list is refused', async () => {
    const other = dew.client(await dew.bootstrapDomain('elsewhere'));
    expect((await other.call<TraceList>('GET', `/v3/{project_id}/traces?trace_type=system&resource_id=${keyId}`)).body.traces).toEqual([]);
    const user = await api.call<{ user: { id: string } }>('POST', '/v3/users', { user: { name: 'no-cts' } });
    const key = await api.call<{ credential: { access: string; secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: user.body.user.id } });
    const noCts = dew.client({ access: key.body.credential.access, secret: rememberSecret('secret-key', key.body.credential.secret), project_id: dew.credentials.project_id });
    expect(refusal(await noCts.call('GET', '/v3/{project_id}/traces?trace_type=system'))).toEqual({ status: 403, code: 'CTS.0002' });
  });

  it('refused requests are warning traces: a bad alias (400) under the caller, a bad signature (401) under "unauthenticated" with the access key it claimed kept apart', async () => {
    expect((await api.kms('create-key', { key_alias: 'bad/default' })).status).toBe(400);
    const refused = await tracesOf(api, 'trace_rating=warning&trace_name=createKey', 1);
    expect(refused.traces[0]).toMatchObject({ trace_name: 'createKey', trace_rating: 'warning', code: '400', service_type: 'KMS', user: { name: 'admin' } });
    const forged = { ...dew.credentials, secret: 'f'.repeat(40) };
    expect((await rawSignedRequest(dew.endpoint, forged, 'POST', `/v1.0/${forged.project_id}/kms/list-keys`, '{}')).status).toBe(401);
    const failed = await tracesOf(api, 'trace_rating=warning&trace_name=listKeys', 1);
    expect(failed.traces[0]).toMatchObject({ code: '401', user: { id: '', name: 'unauthenticated' } });
    expect(JSON.parse(failed.traces[0]?.request ?? '{}')).toMatchObject({ claimed_access_key: dew.credentials.access });
  });

  it('after a restart the index resumes: the same traces, none twice', async () => {
    await dew.restart();
    const again = await tracesOf(dew.client(), `resource_id=${keyId}`, 3);
    expect(again.traces.map((t) => t.trace_name)).toEqual(['disableKey', 'encryptData', 'createKey']);
  });
});
