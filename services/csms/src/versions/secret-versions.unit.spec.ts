import { jest } from '@jest/globals';
import type { Secret } from '@dew/csms-domain';
import { subjects, type RequestContext } from '@dew/messaging';
import type { Audit, AuditEntry, Clock } from '@dew/nest-kit';
import type { Envelope } from '../envelope/envelope.js';
import type { SecretSets } from '../secrets/secret-sets.js';
import { SecretVersions } from './secret-versions.js';

const T0 = 1_700_000_000_000;
const ctxOf = (userId: string): RequestContext => ({ requestId: 'r', projectId: 'p1', domainId: 'd1', userId, userName: userId, sourceIp: '127.0.0.1', traceType: 'ApiCall', iamDecision: 'Allow' });
const alice = ctxOf('alice');
const version = (id: string) => ({ id, createdAt: T0, expireTime: null, kmsKeyId: 'key-1', value: { kmsKeyId: 'key-1', sealed: `sealed-${id}` } });
const secret: Secret = {
  status: 'Enabled', id: 's1', name: 'db', description: '', kmsKeyId: 'key-1', secretType: 'COMMON', createdAt: T0, updatedAt: T0,
  scheduledDeleteAt: null, versions: [version('v1')], stages: { SYSCURRENT: 'v1' }, tags: [], lastVersionNumber: 1,
};

/** SecretVersions over plain stand-ins: a secret set with one secret, an envelope that counts its openings, an audit that may fail. */
function reading() {
  const listeners: Array<(subject: string) => void> = [];
  const sets = { usable: () => secret, store: { onApply: (l: (subject: string) => void) => listeners.push(l) } } as unknown as SecretSets;
  const opened: string[] = [];
  const envelope = { open: async (ctx: RequestContext, _owner: string, _aad: string, v: { sealed: string }) => {
    opened.push(`${ctx.userId}:${v.sealed}`);
    return Buffer.from(`s${v.sealed}-value`, 'utf8');
  } } as unknown as Envelope;
  const audited: AuditEntry[] = [];
  const audit = { failing: false, record: async (_ctx: RequestContext, e: AuditEntry) => {
    if (audit.failing) throw new Error('audit stream unavailable');
    audited.push(e);
  } };
  const clock = { t: T0, now: () => clock.t };
  // Kept values expire on the monotonic cache clock (cacheTime), not on the service's clock.
  const monotonic = { t: 5_000 };
  jest.spyOn(performance, 'now').mockImplementation(() => monotonic.t);
  const versions = new SecretVersions(sets, envelope, audit as unknown as Audit, clock as unknown as Clock);
  const read = (ctx = alice) => versions.read(ctx, { secret_name: 'db', version_id: 'latest' });
  return { versions, read, opened, audited, audit, clock, monotonic, applyEvent: (subject: string) => listeners.forEach((l) => l(subject)) };
}

describe('SecretVersions.read', () => {
  let r: ReturnType<typeof reading>;
  beforeEach(() => {
    r = reading();
  });
  afterEach(() => {
    r.versions.onModuleDestroy();
    jest.restoreAllMocks();
  });

  it('the same caller reading again within a second: one opening through KMS, every read audited with the value', async () => {
    const first = await r.read();
    r.monotonic.t += 999;
    const second = await r.read();
    expect([first.value, second.value]).toEqual([{ secret_string: 'sealed-v1-value' }, { secret_string: 'sealed-v1-value' }]);
    expect(r.opened).toEqual(['alice:sealed-v1']);
    expect(r.audited.map((e) => e.traceName)).toEqual(['getSecretVersion', 'getSecretVersion']);
  });

  it('a second after the opening: opened through KMS again (a KMS refusal since then applies)', async () => {
    await r.read();
    r.monotonic.t += 1000;
    await r.read();
    expect(r.opened).toEqual(['alice:sealed-v1', 'alice:sealed-v1']);
  });

  it('a step of the service\'s clock neither stretches nor cuts a kept value\'s second: its life is counted on the monotonic clock', async () => {
    await r.read();
    r.clock.t -= 86_400_000;
    r.monotonic.t += 1000;
    await r.read();
    r.clock.t += 10 * 86_400_000;
    r.monotonic.t += 10;
    await r.read();
    expect(r.opened).toEqual(['alice:sealed-v1', 'alice:sealed-v1']);
  });

  it('the same caller reading many times at once with nothing kept: one opening through KMS, every read answered and audited', async () => {
    const reads = await Promise.all([r.read(), r.read(), r.read(), r.read()]);
    expect(reads.map((x) => x.value)).toEqual(Array(4).fill({ secret_string: 'sealed-v1-value' }));
    expect([r.opened, r.audited.length]).toEqual([['alice:sealed-v1'], 4]);
  });

  it('another caller: opened through KMS for that caller, never answered with what was opened for the first', async () => {
    await r.read();
    await r.read(ctxOf('bob'));
    expect(r.opened).toEqual(['alice:sealed-v1', 'bob:sealed-v1']);
  });

  it('an event of the project\'s secret set: the next read opens through KMS again; another project\'s event changes nothing', async () => {
    await r.read();
    r.applyEvent(subjects.csmsSecrets('p2'));
    await r.read();
    r.applyEvent(subjects.csmsSecrets('p1'));
    await r.read();
    expect(r.opened).toEqual(['alice:sealed-v1', 'alice:sealed-v1']);
  });

  it('the audit record fails: no value is answered, kept or not', async () => {
    r.audit.failing = true;
    await expect(r.read()).rejects.toThrow('audit stream unavailable');
    await expect(r.read()).rejects.toThrow('audit stream unavailable');
    expect(r.audited).toEqual([]);
  });
});
