import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { DewSystem, IamUsers, refusal, rememberSecret, tracesOf, type ApiResult, type SdkClient } from '@dew/testing';
import { DETAIL_FIELD_NAMES, DHSM_MODELS, LIST_FIELD_NAMES, RUNNING_NULLS, UNACTIVATED_NULLS } from './conformance/dhsm-models.js';
import { conformanceProblems } from './conformance/model-walk.js';

/** Usable hosts of every subnet in this suite: one instance (three addresses) fits, a second does not. */
const SUBNET_HOSTS = 4;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let dew: DewSystem;
let api: SdkClient;
let users: IamUsers;

beforeAll(async () => {
  dew = await DewSystem.start({ env: { DEW_HSM_LAUNCH_NODES: '0', DEW_HSM_SUBNET_HOSTS: String(SUBNET_HOSTS) } });
  api = dew.client();
  users = new IamUsers(dew, api, 'dhsm');
});
afterAll(async () => {
  await dew?.stop();
});

const HSM = '/v1/{project_id}/dew-hsm/instances';
interface Detail {
  id: string; name: string; status: string; ip_address: string | null; expire_time: string | null; subnet_cidr: string | null;
  node_addresses: string[]; failure_cause: string | null; period_num: number | null; auto_renew: boolean | null;
  ukey_fingerprint: string | null; ukey_downloaded: boolean;
}
interface InstanceBody { instance: Detail }
interface ListBody { instances: (Record<string, unknown> & { id: string; status: string; ip_address: string | null })[]; total_count: number }
interface UkeyBody { instance_id: string; algorithm: string; public_key: string; private_key: string; fingerprint: string }
interface MonitoringBody { instance_id: string; series: Record<string, unknown>[] }

const later = (ms: number) => dew.advanceClock('hsm-provisioning', ms);
/** Where hsm-provisioning keeps a UKey's private half until its download (docs/hsm.md, "Sealed files"). */
const sealedUkey = (fingerprint: string) => join(dew.dataDir, 'hsm', 'ukeys', `${Buffer.from(fingerprint.replace(/^SHA256:/, ''), 'base64').toString('hex')}.sealed`);
const show = async (id: string) => (await api.call<InstanceBody>('GET', `${HSM}/${id}`)).body.instance;
const statusOf = async (id: string) => (await show(id)).status;
const expiry = async (id: string) => Date.parse((await show(id)).expire_time ?? '');

async function purchase(client: SdkClient = api): Promise<ApiResult<InstanceBody>> {
  return client.call<InstanceBody>('POST', HSM, { contact: 'ukey@example.com' });
}

/** Guide table 4-3's fields, valid, with `overrides`. */
function activation(name: string, subnet: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { availability_zone: 'dew-1a', name, hsm_type: 'Finance', vpc_id: 'vpc-e2e', subnet_id: subnet, security_group_id: 'sg-e2e', period_num: 12, ...overrides };
}
const activate = (id: string, body: Record<string, unknown>) => api.call<InstanceBody>('POST', `${HSM}/${id}/activate`, body);

/** Purchased and installed (the clock moved past the 10-minute install): To be activated. */
async function installed(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await purchase()).body.instance.id);
  await later(10 * MINUTE);
  return ids;
}

/** A Running instance: purchased, installed, activated and past its 5-minute creation. */
async function running(name: string, subnet: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const [id = ''] = await installed(1);
  expect((await activate(id, activation(name, subnet, overrides))).status).toBe(200);
  await later(5 * MINUTE);
  expect(await statusOf(id)).toBe('Running');
  return id;
}

describe('Dedicated HSM lifecycle (node processes not launched: DEW_HSM_LAUNCH_NODES=0; the appliance is hsm-appliance.e2e.spec.ts)', () => {
  it('a purchase installs for 10 minutes, waits for activation, and runs 5 minutes after activation with three distinct addresses of its 127.x.y.0/24', async () => {
    const bought = await purchase();
    expect(bought.status).toBe(200);
    const id = bought.body.instance.id;
    expect(bought.body.instance.status).toBe('Installing');
    expect(Object.keys(bought.body.instance).sort()).toEqual([...DETAIL_FIELD_NAMES].sort());
    expect(conformanceProblems(bought.body, DHSM_MODELS['show-hsm'] ?? {}, UNACTIVATED_NULLS)).toEqual([]);
    expect(refusal(await activate(id, activation('lifecycle', 'subnet-main')))).toEqual({ status: 409, code: 'DHSM.0409' });

    await later(9 * MINUTE);
    expect(await statusOf(id)).toBe('Installing');
    await later(1 * MINUTE);
    expect(await statusOf(id)).toBe('To be activated');

    const activated = await activate(id, activation('lifecycle', 'subnet-main'));
    expect(activated.status).toBe(200);
    expect(activated.body.instance).toMatchObject({ status: 'Creating', name: 'lifecycle', period_num: 12, auto_renew: false, ip_address: null });
    await later(4 * MINUTE);
    expect(await statusOf(id)).toBe('Creating');
    await later(1 * MINUTE);

    const shown = await api.call<InstanceBody>('GET', `${HSM}/${id}`);
    expect(Object.keys(shown.body.instance).sort()).toEqual([...DETAIL_FIELD_NAMES].sort());
    expect(conformanceProblems(shown.body, DHSM_MODELS['show-hsm'] ?? {}, RUNNING_NULLS)).toEqual([]);
    const instance = shown.body.instance;
    expect(instance.status).toBe('Running');
    const [, x, y] = /^127\.(\d+)\.(\d+)\.0\/24$/.exec(instance.subnet_cidr ?? '') ?? [];
    expect(Number(x)).toBeGreaterThanOrEqual(1);
    expect(Number(x)).toBeLessThanOrEqual(254);
    const addresses = [...instance.node_addresses, instance.ip_address ?? ''];
    expect(new Set(addresses).size).toBe(3);
    for (const address of addresses) {
      const [prefix, host] = [address.slice(0, address.lastIndexOf('.')), Number(address.slice(address.lastIndexOf('.') + 1))];
      expect(prefix).toBe(`127.${x}.${y}`);
      expect(host).toBeGreaterThanOrEqual(2); // .1 is the subnet's gateway
      expect(host).toBeLessThanOrEqual(SUBNET_HOSTS + 1);
    }

    const list = await api.call<ListBody>('GET', `${HSM}?limit=1000`);
    expect(conformanceProblems(list.body, DHSM_MODELS['list-hsms'] ?? {})).toEqual([]);
    const row = list.body.instances.find((i) => i.id === id);
    expect(Object.keys(row ?? {}).sort()).toEqual([...LIST_FIELD_NAMES].sort());
    expect(row).toMatchObject({ status: 'Running', ip_address: instance.ip_address, expire_time: instance.expire_time });
  });

  it('monitoring of a Running instance whose nodes were not launched: its samples of the last hour are unhealthy with every figure null', async () => {
    const id = await running('monitored', 'subnet-monitored');
    await later(1 * MINUTE);
    const res = await api.call<MonitoringBody>('GET', `${HSM}/${id}/monitoring`);
    expect(res.status).toBe(200);
    expect(conformanceProblems(res.body, DHSM_MODELS['show-hsm-monitoring'] ?? {})).toEqual([]);
    expect(res.body.series.length).toBeGreaterThanOrEqual(1);
    for (const point of res.body.series) {
      expect(point).toMatchObject({ instance_health: 'unhealthy', cpu_usage_percent: null, memory_usage_mb: null, current_connections: null, network_latency_ms: null });
    }
    expect((await api.call('DELETE', `${HSM}/${id}`)).status).toBe(204);
  });

  it('a subnet without three free addresses: creation fails with the cause naming the subnet; only deletion is allowed, and the instance is gone; deleting the holder frees its addresses', async () => {
    const holder = await running('subnet-holder', 'subnet-full');
    const [late = ''] = await installed(1);
    expect((await activate(late, activation('too-late', 'subnet-full'))).status).toBe(200);
    await later(5 * MINUTE);

    const failed = await api.call<InstanceBody>('GET', `${HSM}/${late}`);
    expect(failed.body.instance).toMatchObject({ status: 'Creation failed', ip_address: null, node_addresses: [] });
    const cidr = (await show(holder)).subnet_cidr ?? '';
    expect(failed.body.instance.failure_cause).toContain('no free addresses');
    expect(failed.body.instance.failure_cause).toContain('subnet-full');
    expect(failed.body.instance.failure_cause).toContain(cidr);
    expect(failed.body.instance.failure_cause).toContain(`of ${SUBNET_HOSTS} usable addresses in use, 3 needed`);

    expect(refusal(await activate(late, activation('too-late', 'subnet-other')))).toEqual({ status: 409, code: 'DHSM.0409' });
    expect(refusal(await api.call('POST', `${HSM}/${late}/renew`, { period_num: 1 }))).toEqual({ status: 409, code: 'DHSM.0409' });
    expect((await api.call('DELETE', `${HSM}/${late}`)).status).toBe(204);
    expect(refusal(await api.call('GET', `${HSM}/${late}`))).toEqual({ status: 404, code: 'DHSM.0404' });
    expect((await api.call<ListBody>('GET', `${HSM}?limit=1000`)).body.instances.map((i) => i.id)).not.toContain(late);
    const held = await show(holder);
    expect((await api.call('DELETE', `${HSM}/${holder}`)).status).toBe(204);
    const successor = await show(await running('subnet-successor', 'subnet-full'));
    expect([...successor.node_addresses, successor.ip_address].sort()).toEqual([...held.node_addresses, held.ip_address].sort());
    expect((await api.call('DELETE', `${HSM}/${successor.id}`)).status).toBe(204);
  });

  it('at the end of the paid month an instance without auto-renewal is Frozen and one with it is renewed; renewal runs the frozen one again', async () => {
    const frozen = await running('expires', 'subnet-expires', { period_num: 1 });
    const renewed = await running('auto-renews', 'subnet-auto', { period_num: 1, auto_renew: true });
    const [frozenPaidUntil, renewedPaidUntil] = [await expiry(frozen), await expiry(renewed)];

    await later(32 * DAY);
    expect(await statusOf(frozen)).toBe('Frozen');
    expect(await expiry(frozen)).toBe(frozenPaidUntil);
    expect(await statusOf(renewed)).toBe('Running');
    const autoExtension = (await expiry(renewed)) - renewedPaidUntil;
    expect(autoExtension).toBeGreaterThanOrEqual(28 * DAY);
    expect(autoExtension).toBeLessThanOrEqual(31 * DAY);

    expect(refusal(await api.call('POST', `${HSM}/${frozen}/renew`, { period_num: 13 }))).toEqual({ status: 400, code: 'DHSM.0002' });
    const unfrozen = await api.call<InstanceBody>('POST', `${HSM}/${frozen}/renew`, { period_num: 2 });
    expect(unfrozen.status).toBe(200);
    expect(unfrozen.body.instance.status).toBe('Running');
    // Paid from now (the frozen days are not charged): two months from a day or more after the old expiry.
    expect(Date.parse(unfrozen.body.instance.expire_time ?? '') - frozenPaidUntil).toBeGreaterThan(59 * DAY);

    const before = await expiry(renewed);
    const extended = await api.call<InstanceBody>('POST', `${HSM}/${renewed}/renew`, { period_num: 1 });
    const extension = Date.parse(extended.body.instance.expire_time ?? '') - before;
    expect(extension).toBeGreaterThanOrEqual(28 * DAY);
    expect(extension).toBeLessThanOrEqual(31 * DAY);

    const traces = await tracesOf(api, `resource_id=${frozen}`, 6);
    expect(traces.traces.map((t) => t.trace_name).sort()).toEqual(['allocateHsmNodes', 'completeHsmInstall', 'createHsm', 'freezeHsm', 'purchaseHsm', 'renewHsm']);
    expect(traces.traces.every((t) => t.resource_type === 'hsm')).toBe(true);
    const auto = await tracesOf(api, `resource_id=${renewed}&trace_name=renewHsm`, 2);
    expect(auto.traces).toHaveLength(2);
  });

  it('bad fields are refused with 400 DHSM.0002 naming the field and its rule; the instance stays To be activated', async () => {
    const [id = ''] = await installed(1);
    const cases: [string, Record<string, unknown>, string][] = [
      ['name', { name: 'has space' }, 'name may contain only letters, digits, underscores (_) and hyphens (-)'],
      ['name', { name: 'n'.repeat(65) }, 'name must be 1..64 characters'],
      ['hsm_type', { hsm_type: 'Crypto' }, 'hsm_type must be one of Finance, Server, Signature server'],
      ['period_num', { period_num: 0 }, 'period_num must be an integer 1..12'],
      ['period_num', { period_num: 13 }, 'period_num must be an integer 1..12'],
      ['subnet_id', { subnet_id: 'bad/id' }, 'subnet_id may contain only'],
      ['availability_zone', { availability_zone: 'DEW-1A' }, 'availability_zone may contain only lowercase letters, digits and hyphens (-)'],
    ];
    for (const [, override, rule] of cases) {
      const res = await activate(id, activation('bad-fields', 'subnet-bad', override));
      expect({ ...refusal(res), rule: res.errorMsg?.includes(rule) }).toEqual({ status: 400, code: 'DHSM.0002', rule: true });
    }
    const purchases: [Record<string, unknown>, string][] = [[{}, 'contact'], [{ contact: 'x', edition: 'Gold' }, 'edition must be one of Platinum'], [{ contact: 'x', region: 'elsewhere' }, 'region must be']];
    for (const [body, rule] of purchases) {
      const res = await api.call('POST', HSM, body);
      expect({ ...refusal(res), rule: res.errorMsg?.includes(rule) }).toEqual({ status: 400, code: 'DHSM.0002', rule: true });
    }
    const badLimit = await api.call('GET', `${HSM}?limit=0`);
    expect({ ...refusal(badLimit), rule: badLimit.errorMsg?.includes('limit must be an integer 1..1000') }).toEqual({ status: 400, code: 'DHSM.0002', rule: true });
    expect(refusal(await activate(id, activation('lifecycle', 'subnet-bad')))).toEqual({ status: 409, code: 'DHSM.0409' });
    expect(await statusOf(id)).toBe('To be activated');
    expect((await api.call('DELETE', `${HSM}/${id}`)).status).toBe(204);
  });

  it('DHSM ReadOnlyAccess lists and shows but may not purchase, activate, download the UKey or delete (DHSM.0403)', async () => {
    const [id = ''] = await installed(1);
    const reader = await users.withPolicies([await users.systemPolicy('DHSM ReadOnlyAccess')]);
    const list = await reader.client.call<ListBody>('GET', HSM);
    expect(list.status).toBe(200);
    expect(list.body.instances.map((i) => i.id)).toContain(id);
    expect((await reader.client.call('GET', `${HSM}/${id}`)).status).toBe(200);
    expect(refusal(await purchase(reader.client))).toEqual({ status: 403, code: 'DHSM.0403' });
    expect(refusal(await reader.client.call('POST', `${HSM}/${id}/activate`, activation('reader', 'subnet-reader')))).toEqual({ status: 403, code: 'DHSM.0403' });
    expect(refusal(await reader.client.call('DELETE', `${HSM}/${id}`))).toEqual({ status: 403, code: 'DHSM.0403' });
    expect(refusal(await reader.client.call('POST', `${HSM}/${id}/ukey`))).toEqual({ status: 403, code: 'DHSM.0403' });
    expect(await statusOf(id)).toBe('To be activated');
    expect((await api.call('DELETE', `${HSM}/${id}`)).status).toBe(204);
  });

  it('activation issues a UKey whose private half downloads once (Ed25519, matching the fingerprint shown); a second download and an unactivated instance are refused (DHSM.0409)', async () => {
    const [unactivated = ''] = await installed(1);
    expect(refusal(await api.call('POST', `${HSM}/${unactivated}/ukey`))).toEqual({ status: 409, code: 'DHSM.0409' });
    const id = await running('ukey', 'subnet-ukey');
    const before = await show(id);
    expect(before).toMatchObject({ ukey_fingerprint: expect.stringMatching(/^SHA256:[A-Za-z0-9+/]{43}$/), ukey_downloaded: false });
    expect(existsSync(sealedUkey(before.ukey_fingerprint ?? ''))).toBe(true);

    // No node ran (launching is off here), so no instance CA exists yet: the API says so.
    const noCa = await api.call('GET', `${HSM}/${id}/ca-certificate`);
    expect({ ...refusal(noCa), why: noCa.errorMsg?.includes('has no CA certificate yet') }).toEqual({ status: 409, code: 'DHSM.0409', why: true });
    const res = await api.call<UkeyBody>('POST', `${HSM}/${id}/ukey`);
    expect(res.status).toBe(200);
    expect(conformanceProblems(res.body, DHSM_MODELS['download-hsm-ukey'] ?? {})).toEqual([]);
    const ukey = res.body;
    rememberSecret('private-key', ukey.private_key);
    const privateKey = createPrivateKey(ukey.private_key);
    expect(privateKey.asymmetricKeyType).toBe('ed25519');
    const publicDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    expect(createPublicKey(ukey.public_key).export({ type: 'spki', format: 'der' })).toEqual(publicDer);
    expect(ukey.fingerprint).toBe(`SHA256:${createHash('sha256').update(publicDer).digest('base64').replace(/=+$/, '')}`);
    expect(ukey.fingerprint).toBe(before.ukey_fingerprint);
    expect((await show(id)).ukey_downloaded).toBe(true);
    expect(existsSync(sealedUkey(ukey.fingerprint))).toBe(false);

    const again = await api.call('POST', `${HSM}/${id}/ukey`);
    expect({ ...refusal(again), once: again.errorMsg?.includes('it is handed out once') }).toEqual({ status: 409, code: 'DHSM.0409', once: true });
    const traces = await tracesOf(api, `resource_id=${id}&trace_name=downloadHsmUkey`, 1);
    expect(traces.traces.map((t) => t.trace_name)).toEqual(['downloadHsmUkey']);
    expect(JSON.stringify(traces)).not.toContain(ukey.private_key.split('\n')[1]);
    for (const i of [id, unactivated]) expect((await api.call('DELETE', `${HSM}/${i}`)).status).toBe(204);
  });

  it('deleting an activated instance whose UKey was never downloaded removes its sealed UKey and its directory', async () => {
    const id = await running('ukey-kept', 'subnet-ukey-kept');
    const fingerprint = (await show(id)).ukey_fingerprint ?? '';
    expect(existsSync(sealedUkey(fingerprint))).toBe(true);
    expect((await api.call('DELETE', `${HSM}/${id}`)).status).toBe(204);
    expect(existsSync(sealedUkey(fingerprint))).toBe(false);
    expect(existsSync(join(dew.dataDir, 'hsm', id))).toBe(false);
    expect(refusal(await api.call('POST', `${HSM}/${id}/ukey`))).toEqual({ status: 404, code: 'DHSM.0404' });
  });

  it('a deletion is traced as deleteHsm by the caller, after the purchase and the activation traced as purchaseHsm and createHsm', async () => {
    const id = await running('traced', 'subnet-traced');
    expect((await api.call('DELETE', `${HSM}/${id}`)).status).toBe(204);
    const list = await tracesOf(api, `resource_id=${id}`, 5);
    expect(list.traces.map((t) => t.trace_name).sort()).toEqual(['allocateHsmNodes', 'completeHsmInstall', 'createHsm', 'deleteHsm', 'purchaseHsm']);
    const byCaller = list.traces.filter((t) => ['purchaseHsm', 'createHsm', 'deleteHsm'].includes(t.trace_name));
    expect(byCaller.every((t) => t.user.name === 'admin' && t.service_type === 'HSM')).toBe(true);
  });

  it('after all of it no service log shows a NATS permissions violation or a failed lifecycle, reconcile or monitoring pass', () => {
    const logs = readdirSync(join(dew.dataDir, 'logs'));
    expect(logs).toContain('hsm-provisioning.log');
    for (const log of logs) {
      const text = `${log}: ${readFileSync(join(dew.dataDir, 'logs', log), 'utf8')}`;
      for (const failure of ['Permissions Violation', 'hsm lifecycle sweep failed', 'hsm node reconcile failed', 'hsm monitoring sample failed']) expect(text).not.toContain(failure);
    }
  });
});
