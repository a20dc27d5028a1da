// Huawei's KMS v2 key aliases through the real gateway, IAM and KMS, called as the SDK calls them
// (KmsClient CreateAlias, ListAliases, AssociateAlias, DeleteAlias; docs/api-decisions.md, "Aliases").
import { randomBytes } from 'node:crypto';
import { DewSystem, IamUsers, marker, refusal, tracesOf, type SdkClient } from '@dew/testing';
import { ALIAS_MODELS } from './conformance/alias-models.js';
import { conformanceProblems } from './conformance/model-walk.js';
import { SHOW_VERSION, SHOW_VERSIONS } from './conformance/version-models.js';
import { conformanceErrors } from './conformance/walk.js';

let dew: DewSystem;
let admin: SdkClient;
let iam: IamUsers;
const ALIASES = '/v1.0/{project_id}/kms/aliases';

beforeAll(async () => {
  dew = await DewSystem.start();
  admin = dew.client();
  iam = new IamUsers(dew, admin, 'aliases');
});
afterAll(async () => {
  await dew?.stop();
});

const tag = () => randomBytes(3).toString('hex');

async function createKey(client: SdkClient = admin): Promise<{ keyId: string; region: string }> {
  const res = await client.kms<{ key_info: { key_id: string; region_id: string } }>('create-key', { key_alias: `aliased-${tag()}` });
  expect(res.status).toBe(200);
  return { keyId: res.body.key_info.key_id, region: res.body.key_info.region_id };
}

interface AliasEntity {
  domain_id: string;
  key_id: string;
  alias: string;
  alias_urn: string;
  create_time: string;
  update_time: string;
}
interface AliasPage {
  aliases: AliasEntity[];
  page_info: { next_marker: string; current_count: number };
}

describe('create-alias, list-aliases, associate-alias, delete-alias (the SDK way)', () => {
  it('create answers 201 with the AliasEntity fields; list pages by name; associate moves it; delete removes it', async () => {
    const a = await createKey();
    const b = await createKey();
    const base = `alias/e2e-${tag()}`;
    const names = [`${base}-1`, `${base}-2`, `${base}-3`];
    for (const alias of names) {
      const created = await admin.call<AliasEntity>('POST', ALIASES, { key_id: a.keyId, alias });
      expect(created.status).toBe(201);
      expect(conformanceProblems(created.body, ALIAS_MODELS['create-alias']!)).toEqual([]);
      expect(created.body).toMatchObject({ key_id: a.keyId, alias, domain_id: dew.credentials.domain_id, alias_urn: `kms:${a.region}:${dew.credentials.domain_id}:alias:${alias}` });
      expect(created.body.create_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }

    const first = await admin.call<AliasPage>('GET', `${ALIASES}?key_id=${a.keyId}&limit=2`);
    expect(first.status).toBe(200);
    expect(conformanceProblems(first.body, ALIAS_MODELS['list-aliases']!)).toEqual([]);
    expect(first.body.aliases.map((e) => e.alias)).toEqual(names.slice(0, 2));
    expect(first.body.page_info).toEqual({ next_marker: names[1], current_count: 2 });
    const second = await admin.call<AliasPage>('GET', `${ALIASES}?key_id=${a.keyId}&limit=2&marker=${encodeURIComponent(first.body.page_info.next_marker)}`);
    expect(second.body.aliases.map((e) => e.alias)).toEqual(names.slice(2));
    expect(second.body.page_info).toEqual({ next_marker: '', current_count: 1 });

    const moved = await admin.kms<AliasEntity>('alias/associate', { alias: names[0], target_key_id: b.keyId });
    expect(moved.status).toBe(200);
    expect(conformanceProblems(moved.body, ALIAS_MODELS['associate-alias']!)).toEqual([]);
    expect(moved.body).toMatchObject({ alias: names[0], key_id: b.keyId });
    expect((await admin.call<AliasPage>('GET', `${ALIASES}?key_id=${b.keyId}`)).body.aliases.map((e) => e.alias)).toEqual([names[0]]);

    const deleted = await admin.call('DELETE', ALIASES, { key_id: a.keyId, aliases: names.slice(1) });
    expect(deleted.status).toBe(200);
    expect((await admin.call<AliasPage>('GET', `${ALIASES}?key_id=${a.keyId}`)).body).toEqual({ aliases: [], page_info: { next_marker: '', current_count: 0 } });

    // Each change is traced under the key it touches: associate under the key the alias now names.
    const ofA = await tracesOf(admin, `resource_id=${a.keyId}`, 5);
    expect(ofA.traces.map((t) => t.trace_name)).toEqual(['deleteAlias', 'createAlias', 'createAlias', 'createAlias', 'createKey']);
    const ofB = await tracesOf(admin, `resource_id=${b.keyId}`, 2);
    expect(ofB.traces.map((t) => t.trace_name)).toEqual(['associateAlias', 'createKey']);
  });

  it('a second alias of the same name is refused 400 KMS.1104 naming the key that holds it; a name without alias/ is 400 KMS.1101 naming the rule', async () => {
    const a = await createKey();
    const alias = `alias/taken-${tag()}`;
    expect((await admin.call('POST', ALIASES, { key_id: a.keyId, alias })).status).toBe(201);
    const again = await admin.call('POST', ALIASES, { key_id: (await createKey()).keyId, alias });
    expect(refusal(again)).toEqual({ status: 400, code: 'KMS.1104' });
    expect(again.errorMsg).toContain(a.keyId);
    const bare = await admin.call('POST', ALIASES, { key_id: a.keyId, alias: 'kms-1234' });
    expect(refusal(bare)).toEqual({ status: 400, code: 'KMS.1101' });
    expect(bare.errorMsg).toContain('must start with alias/');
  });

});

describe('key_id may be an alias: resolved before IAM is asked', () => {
  it('encrypt-data with key_id "alias/…" encrypts under the key it names; decrypt-data answers the real key id; the trace names the real key', async () => {
    const a = await createKey();
    const alias = `alias/crypto-${tag()}`;
    expect((await admin.call('POST', ALIASES, { key_id: a.keyId, alias })).status).toBe(201);
    const plain = marker('plaintext');
    const enc = await admin.kms<{ key_id: string; cipher_text: string }>('encrypt-data', { key_id: alias, plain_text: plain });
    expect(enc.status).toBe(200);
    expect(enc.body.key_id).toBe(a.keyId);
    const dec = await admin.kms<{ key_id: string; plain_text: string }>('decrypt-data', { cipher_text: enc.body.cipher_text });
    expect(dec.body).toMatchObject({ key_id: a.keyId, plain_text: plain });
    const described = await admin.kms<{ key_info: { key_id: string } }>('describe-key', { key_id: alias });
    expect(described.body.key_info.key_id).toBe(a.keyId);
    const traced = await tracesOf(admin, `trace_name=encryptData&resource_id=${a.keyId}`, 1);
    expect(traced.traces).toHaveLength(1);
    expect(JSON.stringify(traced)).not.toContain(plain);
  });

  it('a user allowed encrypt-data on key A only: A by its alias works, an alias naming key B is refused 403 like B itself', async () => {
    const a = await createKey();
    const b = await createKey();
    const aliasA = `alias/allowed-${tag()}`;
    const aliasB = `alias/other-${tag()}`;
    expect((await admin.call('POST', ALIASES, { key_id: a.keyId, alias: aliasA })).status).toBe(201);
    expect((await admin.call('POST', ALIASES, { key_id: b.keyId, alias: aliasB })).status).toBe(201);
    const policy = await iam.customPolicy([{ Effect: 'Allow', Action: ['kms:cmk:encryptData'], Resource: [`KMS:*:*:KeyId:${a.keyId}`] }]);
    const user = await iam.withPolicies([policy]);
    expect((await user.client.kms('encrypt-data', { key_id: aliasA, plain_text: 'x' })).status).toBe(200);
    const viaAlias = await user.client.kms('encrypt-data', { key_id: aliasB, plain_text: 'x' });
    const direct = await user.client.kms('encrypt-data', { key_id: b.keyId, plain_text: 'x' });
    expect(refusal(viaAlias)).toEqual(refusal(direct));
    expect(refusal(viaAlias).status).toBe(403);
  });

  it('associate-alias asks about both keys: a user allowed kms:alias:associate on key B only cannot take key A\'s alias; with both keys allowed it can', async () => {
    const a = await createKey();
    const b = await createKey();
    const alias = `alias/moving-${tag()}`;
    expect((await admin.call('POST', ALIASES, { key_id: a.keyId, alias })).status).toBe(201);
    const onlyB = await iam.withPolicies([await iam.customPolicy([{ Effect: 'Allow', Action: ['kms:alias:associate'], Resource: [`KMS:*:*:KeyId:${b.keyId}`] }])]);
    expect(refusal(await onlyB.client.kms('alias/associate', { alias, target_key_id: b.keyId }))).toEqual({ status: 403, code: 'KMS.0306' });
    expect((await admin.call<AliasPage>('GET', `${ALIASES}?key_id=${a.keyId}`)).body.aliases.map((e) => e.alias)).toEqual([alias]);
    const both = await iam.withPolicies([await iam.customPolicy([{ Effect: 'Allow', Action: ['kms:alias:associate'], Resource: [`KMS:*:*:KeyId:${a.keyId}`, `KMS:*:*:KeyId:${b.keyId}`] }])]);
    expect((await both.client.kms<AliasEntity>('alias/associate', { alias, target_key_id: b.keyId })).body.key_id).toBe(b.keyId);
  });

  it('an alias of another project is not found exactly like an unknown key or an unknown alias', async () => {
    const other = dew.client(await dew.bootstrapDomain(`aliases-other-${tag()}`));
    const theirs = await createKey(other);
    const alias = `alias/theirs-${tag()}`;
    expect((await other.call('POST', ALIASES, { key_id: theirs.keyId, alias })).status).toBe(201);
    const foreign = await admin.kms('encrypt-data', { key_id: alias, plain_text: 'x' });
    const unknownAlias = await admin.kms('encrypt-data', { key_id: `alias/none-${tag()}`, plain_text: 'x' });
    const unknownKey = await admin.kms('encrypt-data', { key_id: '00000000-0000-4000-8000-000000000000', plain_text: 'x' });
    expect(refusal(foreign)).toEqual({ status: 404, code: 'KMS.0207' });
    expect(refusal(unknownAlias)).toEqual(refusal(unknownKey));
    expect(foreign.errorMsg).toBe(`key ${alias} does not exist`);
    expect(refusal(await admin.kms('describe-key', { key_id: alias }))).toEqual({ status: 404, code: 'KMS.0207' });
  });
});

describe('list-support-regions and version discovery', () => {
  it('GET /v2/{project_id}/kms/regions answers the deployment\'s own region, as ListSupportRegionsResponse models it', async () => {
    const { region } = await createKey();
    const res = await admin.call<{ regions: string[] }>('GET', '/v2/{project_id}/kms/regions?limit=10&offset=0');
    expect(res.status).toBe(200);
    expect(conformanceProblems(res.body, ALIAS_MODELS['list-support-regions']!)).toEqual([]);
    expect(res.body).toEqual({ regions: [region] });
    expect((await admin.call('GET', '/v2/{project_id}/kms/regions?offset=1')).body).toEqual({ regions: [] });
    const bad = await admin.call('GET', '/v2/{project_id}/kms/regions?limit=0');
    expect(refusal(bad)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(bad.errorMsg).toContain('limit must be 1..1000, got 0');
  });

  it('ShowVersions (GET /) and ShowVersion (GET /{version_id}) through the SDK answer ApiVersionDetail', async () => {
    const all = await admin.call<{ versions: { id: string }[] }>('GET', '/');
    expect(conformanceErrors(all.body, SHOW_VERSIONS)).toEqual([]);
    for (const { id } of all.body.versions) {
      const one = await admin.call('GET', `/${id}`);
      expect(one.status).toBe(200);
      expect(conformanceErrors(one.body, SHOW_VERSION)).toEqual([]);
      expect(one.body).toMatchObject({ version: { id } });
    }
  });
});

// Last: it moves KMS's clock eight days on, past the trace window of the calls above.
describe('key destroyed', () => {
  it('destroying a key (schedule-key-deletion, then the scheduler) removes its aliases', async () => {
    const a = await createKey();
    const alias = `alias/doomed-${tag()}`;
    expect((await admin.call('POST', ALIASES, { key_id: a.keyId, alias })).status).toBe(201);
    expect((await admin.kms('schedule-key-deletion', { key_id: a.keyId, pending_days: '7' })).status).toBe(200);
    await dew.advanceClock('kms', 8 * 86_400_000 + 60_000);
    let listed: string[] = [alias];
    for (let i = 0; i < 50 && listed.includes(alias); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      listed = (await admin.call<AliasPage>('GET', `${ALIASES}?limit=100`)).body.aliases.map((e) => e.alias);
    }
    expect(listed).not.toContain(alias);
    expect(refusal(await admin.kms('encrypt-data', { key_id: alias, plain_text: 'x' }))).toEqual({ status: 404, code: 'KMS.0207' });
  });
});
