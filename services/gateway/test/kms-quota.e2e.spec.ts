import { DewSystem, ONE_CALLER_MAY_FILL_THE_GATEWAY, rawSignedRequest, refusal } from '@dew/testing';

let dew: DewSystem;
beforeAll(async () => {
  // 60 create-key calls at once with one access key, the first of them from an address not verified yet: more than a source's share (32).
  dew = await DewSystem.start({ env: ONE_CALLER_MAY_FILL_THE_GATEWAY });
});
afterAll(async () => {
  await dew?.stop();
});

describe('key quota under concurrency (the project keyring is the aggregate)', () => {
  it('60 concurrent create-key calls: exactly 50 keys exist, the other 10 get KMS.1105; the 51st is refused too', async () => {
    const api = dew.client();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `burst-${i}` })),
    );
    const created = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(created).toHaveLength(50);
    expect(refused.map(refusal)).toEqual(Array.from({ length: 10 }, () => ({ status: 400, code: 'KMS.1105' })));
    expect(refused[0]?.errorMsg).toMatch(/50/);
    expect(new Set(created.map((r) => r.body.key_info.key_id)).size).toBe(50);

    const list = await api.kms<{ total: number }>('list-keys', { key_spec: 'ALL' });
    expect(list.body.total).toBe(50);
    expect(refusal(await api.kms('create-key', { key_alias: 'the-51st' }))).toEqual({ status: 400, code: 'KMS.1105' });
  });

  it('destroyed keys free their slots; concurrent creates of one alias then yield exactly one key, the rest KMS.1104', async () => {
    const api = dew.client();
    const list = await api.kms<{ keys: string[] }>('list-keys', { key_spec: 'ALL', limit: '2' });
    for (const keyId of list.body.keys) {
      expect((await api.kms('schedule-key-deletion', { key_id: keyId, pending_days: '7' })).status).toBe(200);
    }
    // Pending deletion still counts against the quota.
    expect(refusal(await api.kms('create-key', { key_alias: 'still-full' }))).toEqual({ status: 400, code: 'KMS.1105' });
    await dew.advanceClock('kms', 7 * 86_400_000 + 60_000);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => api.kms('create-key', { key_alias: 'race-alias', key_description: `attempt ${i}` })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).map(refusal)).toEqual(Array.from({ length: 7 }, () => ({ status: 400, code: 'KMS.1104' })));
    const after = await api.kms<{ total: number }>('list-keys', { key_spec: 'ALL' });
    expect(after.body.total).toBe(49);
  });
});

describe('failed authentications are rate-limited per source', () => {
  it('after 20 bad signatures from one source for one access key, further failures get 429 KMS.0304; a valid signature still passes', async () => {
    const creds = { ...dew.credentials, secret: 'w'.repeat(40) };
    const badCall = (n: number) => rawSignedRequest(dew.endpoint, creds, 'POST', `/v1.0/${creds.project_id}/kms/list-keys`, `{"n":${n}}`);
    // The pair's bucket holds 20 failures and refills 2 per second: the calls go in two concurrent
    // bursts, and the tokens refilled meanwhile (2 per second elapsed) are allowed for.
    const started = performance.now();
    const first = await Promise.all(Array.from({ length: 20 }, (_, i) => badCall(i)));
    const second = await Promise.all(Array.from({ length: 5 }, (_, i) => badCall(20 + i)));
    const refilled = Math.ceil(((performance.now() - started) / 1000) * 2);
    expect(first.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 401));
    const tooMany = second.filter((r) => r.status === 429);
    for (const r of tooMany) expect(r.json).toMatchObject({ error: { error_code: 'KMS.0304', error_msg: expect.stringMatching(/retry in \d+ s/) } });
    expect(second.filter((r) => r.status !== 429).map((r) => r.status)).toEqual(Array.from({ length: 5 - tooMany.length }, () => 401));
    expect(tooMany.length).toBeGreaterThanOrEqual(Math.min(5, 5 - refilled));
    expect(refilled).toBeLessThan(5); // else the bursts were too slow for this test to show anything
    // The right key still works while the source and key are blocked: a verified signature is never refused.
    const good = await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', `/v1.0/${creds.project_id}/kms/list-keys`, '{}');
    expect(good.status).toBe(200);
  });
});

describe('two instances side by side', () => {
  it('a second system with its own data dir and ports serves its own keys', async () => {
    const other = await DewSystem.start();
    try {
      expect(other.credentials.project_id).not.toBe(dew.credentials.project_id);
      const created = await other.client().kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'burst-0' });
      expect(created.status).toBe(200);
      const list = await other.client().kms<{ total: number }>('list-keys', { key_spec: 'ALL' });
      expect(list.body.total).toBe(1);
      // The first system's credentials are unknown to the second.
      const foreign = await rawSignedRequest(other.endpoint, dew.credentials, 'POST', `/v1.0/${dew.credentials.project_id}/kms/list-keys`, '{}');
      expect(foreign.status).toBe(401);
    } finally {
      await other.stop();
    }
  });
});
