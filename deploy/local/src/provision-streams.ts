import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { ensureStream, type EventStreamConfig } from '@dew/event-store';
import { Kvm } from '@nats-io/kv';
import { connectNats, kvBuckets, streams } from '@dew/messaging';
import { natsPasswordFor } from './nats-users.js';
import type { RunnerSettings, StreamProvisioning } from './settings.js';

/** The configuration of every stream DEW declares, as the services ask for it when they start. */
export function declaredStreams(p: StreamProvisioning): EventStreamConfig[] {
  return Object.values(streams).map((s) => ({
    name: s.name,
    subjects: [...s.subjects],
    replicas: p.replicas,
    ...(s.name === streams.audit.name ? { maxAgeMs: p.auditRetentionMs } : {}),
  }));
}

/**
 * Creates every declared stream or brings it to its declared configuration (a changed retention
 * or replica count), before any service starts. Only the runner's NATS user may change a stream's
 * configuration: a service that could would add other users' subjects to its stream
 * (docs/bus-security.md "Stream configuration").
 */
export async function provisionStreams(nc: NatsConnection, p: StreamProvisioning): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const cfg of declaredStreams(p)) await ensureStream(jsm, { ...cfg, update: true });
  // KV buckets as the services open them (Kvm.create leaves an existing bucket as it is).
  for (const bucket of Object.values(kvBuckets)) await new Kvm(nc).create(bucket.name, { ttl: bucket.ttlMs, history: 1, replicas: p.replicas });
}

/**
 * `dew provision-streams`: the same against a running NATS (Kubernetes: a Job before the services
 * roll out, `DEW_NATS_URL` and `DEW_NATS_PASS_RUNNER`), e.g. after changing the audit retention.
 */
export async function runProvisionStreams(settings: RunnerSettings, env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const pass = natsPasswordFor('runner', settings.dataDir, env);
  const nc = await connectNats({ servers: env.DEW_NATS_URL ?? `nats://${settings.natsHost}:${settings.natsPort}`, user: 'runner', pass, name: 'dew-provision-streams' });
  try {
    await provisionStreams(nc, settings.streams);
  } finally {
    await nc.close();
  }
}
