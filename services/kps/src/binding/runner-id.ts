import { hostname } from 'node:os';
import type { ServiceSettings } from '@dew/nest-kit';

/**
 * Who runs a bind task (docs/kps.md, "Bind tasks"): the service, its replica slot and its host,
 * e.g. `kps#2@dew-kps-5f7c9-x2kq8`. It stays the same across a restart of that slot (`make run`
 * restarts a replica with the same DEW_REPLICA on the same host; Kubernetes restarts a container
 * in the same pod, whose host name is the pod's) and differs between live processes (local
 * replicas by number; a Deployment's pods, all replica 1, by pod name). A host name is no secret.
 */
export function runnerIdOf(settings: Pick<ServiceSettings, 'service' | 'replica'>, host: string = hostname()): string {
  const name = host.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64) || 'host';
  return `${settings.service}#${settings.replica}@${name}`;
}
