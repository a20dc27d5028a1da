import type { SdkClient } from '../sdk-client.js';
import type { TraceList } from '../traces.js';
import type { LoadEntry, MixedLoad } from './mixed-load.js';

/** What the verification of a load's acknowledged writes found. */
export interface AckedCheck {
  /** How many of each kind were checked. */
  readonly checked: Readonly<Record<string, number>>;
  /** Each acknowledged write (or its trace) not found, with the last answer. */
  readonly missing: readonly string[];
  /** Effects found more often than acknowledged (a create carried out twice). */
  readonly duplicates: readonly string[];
  /** Reads that met a replica or process still recovering before they found what they looked for. */
  readonly rereads: number;
}

const READS = 5;
const READ_PAUSE_MS = 500;
const TRACE_READS = 50;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads each acknowledged write of the load back through the API, with its creation trace: present
 * within a few reads (right after a fault a read may meet a process still catching up: a 503, or a
 * 404 past its catch-up bound), or it was lost. Grants are counted per key: more than were
 * acknowledged would be a create carried out twice.
 */
export async function checkAckedWrites(admin: SdkClient, load: MixedLoad): Promise<AckedCheck> {
  const missing: string[] = [];
  const duplicates: string[] = [];
  let rereads = 0;

  async function eventually<T>(what: string, read: () => Promise<{ status: number; body: T }>, found: (body: T, status: number) => boolean): Promise<T | undefined> {
    let last: { status: number; body: T } | undefined;
    for (let attempt = 0; attempt < READS; attempt++) {
      if (attempt > 0) {
        rereads++;
        await pause(READ_PAUSE_MS);
      }
      last = await read();
      if (found(last.body, last.status)) return last.body;
    }
    missing.push(`${what}: acknowledged, not found after ${READS} reads; last answer ${last?.status} ${JSON.stringify(last?.body).slice(0, 200)}`);
    return undefined;
  }

  /** Traces are built from the streams asynchronously: asked until `count` of them name the resource (bounded). */
  async function traced(what: string, traceName: string, resourceId: string, count = 1): Promise<void> {
    let found = 0;
    for (let i = 0; i < TRACE_READS; i++) {
      if (i > 0) await pause(100);
      const res = await admin.call<TraceList>('GET', `/v3/{project_id}/traces?trace_type=system&trace_name=${traceName}&resource_id=${encodeURIComponent(resourceId)}&limit=200`);
      if (res.status === 200) found = res.body.traces.filter((t) => t.resource_id === resourceId).length;
      if (found >= count) return;
    }
    missing.push(`${what}: ${found} ${traceName} traces for resource ${resourceId}, ${count} expected`);
  }

  const keys = load.acked('key');
  await inBatches(keys, async ({ id = '' }) => {
    await eventually(`key ${id}`, () => admin.kms<{ key_info?: { key_id: string } }>('describe-key', { key_id: id }), (b) => b.key_info?.key_id === id);
    await traced(`key ${id}`, 'createKey', id);
  });
  const grantsByKey = new Map<string, LoadEntry[]>();
  for (const g of load.acked('grant')) grantsByKey.set(g.keyId ?? '', [...(grantsByKey.get(g.keyId ?? '') ?? []), g]);
  await inBatches([...grantsByKey], async ([keyId, grants]) => {
    const listed = await eventually(`grants of key ${keyId}`, () => admin.kms<{ grants?: { grant_id: string }[] }>('list-grants', { key_id: keyId, limit: 100 }),
      (b) => grants.every((g) => (b.grants ?? []).some((x) => x.grant_id === g.id)));
    if (listed && (listed.grants ?? []).length > grants.length) duplicates.push(`key ${keyId}: ${(listed.grants ?? []).length} grants, ${grants.length} acknowledged`);
    // A grant's trace names its key as the resource: one per acknowledged grant.
    await traced(`grants of key ${keyId}`, 'createGrant', keyId, grants.length);
  });
  const secrets = load.acked('secret');
  await inBatches(secrets, async ({ id = '', secretId = '' }) => {
    await eventually(`secret ${id}`, () => admin.call<{ secret?: { name: string } }>('GET', `/v1/{project_id}/secrets/${id}`), (b) => b.secret?.name === id);
    await traced(`secret ${id}`, 'createSecret', secretId);
  });
  const secretIds = new Map(secrets.map((s) => [s.id, s.secretId ?? '']));
  const versions = load.acked('version');
  await inBatches(versions, async ({ id = '', secret: name = '' }) => {
    await eventually(`version ${id} of ${name}`, () => admin.call('GET', `/v1/{project_id}/secrets/${name}/versions/${id}`), (_b, status) => status === 200);
    await traced(`version ${id} of ${name}`, 'createSecretVersion', secretIds.get(name) ?? '');
  });
  const keypairs = load.acked('keypair');
  await inBatches(keypairs, async ({ id = '' }) => {
    await eventually(`key pair ${id}`, () => admin.call<{ keypair?: { name: string } }>('GET', `/v3/{project_id}/keypairs/${id}`), (b) => b.keypair?.name === id);
    await traced(`key pair ${id}`, 'createOrImportKeypair', id);
  });
  return {
    checked: { keys: keys.length, grants: load.acked('grant').length, secrets: secrets.length, versions: versions.length, keypairs: keypairs.length },
    missing, duplicates, rereads,
  };
}

async function inBatches<T>(items: readonly T[], check: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 8) await Promise.all(items.slice(i, i + 8).map(check));
}
