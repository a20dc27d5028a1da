import type { NatsConnection } from '@nats-io/transport-node';
import { healthOfReplicas } from '@dew/messaging';
import type { Supervisor } from './supervisor.js';

const POLL_MS = 200;

/** Repeats `check` until it returns true, failing when a process exited or the deadline passed. */
async function until(what: string, supervisor: Supervisor, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    failIfExited(supervisor);
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Every replica of the service answers its health (each answers outside the queue group). */
export function waitForReplicas(nc: NatsConnection, service: string, replicas: number, supervisor: Supervisor, timeoutMs = 60_000): Promise<void> {
  return until(`${service} did not become healthy (${replicas} replica(s))`, supervisor, timeoutMs, async () => (await healthOfReplicas(nc, service, replicas, 1000)).length >= replicas);
}

export function waitForGateway(endpoint: string, supervisor: Supervisor, timeoutMs = 60_000): Promise<void> {
  return until(`gateway at ${endpoint} did not become ready`, supervisor, timeoutMs, async () => (await fetch(`${endpoint}/ready`)).ok);
}

/** Provisions the streams, again while JetStream is not answering yet (a new cluster electing its leader). */
export function untilProvisioned(provision: () => Promise<void>, supervisor: Supervisor, timeoutMs = 60_000): Promise<void> {
  let last: unknown;
  return until('JetStream did not accept the streams', supervisor, timeoutMs, async () => {
    try {
      await provision();
      return true;
    } catch (err) {
      last = err;
      return false;
    }
  }).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}: ${(last as Error | undefined)?.message ?? ''}`);
  });
}

export function failIfExited(supervisor: Supervisor): void {
  const failure = supervisor.failure;
  if (failure) throw new Error(`${failure.name} ${failure.reason}; last log lines:\n${failure.lastLogLines}`);
}
