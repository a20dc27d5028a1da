import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterConcurrencyWarning, natsServerVersion, renderNatsConfig, routeUrl, startNatsServer, syncIntervalRefusal, BUS_MAX_PAYLOAD, type NatsUserConfig } from '@dew/nats-server';
import type { RunnerSettings } from './settings.js';
import { stopStaleNatsServer } from './stale-server.js';
import type { Supervisor } from './supervisor.js';

/** One nats-server of the system: its supervised name, its config and pid file, its client URL. */
export interface NatsNode {
  readonly name: string;
  readonly configPath: string;
  readonly pidFile: string;
  readonly url: string;
}

/** The account the nodes' routes log in with; its password is kept in users.json beside the clients' (0600). */
export const ROUTE_USER = 'route';

/** The cluster's name in every node's config (docs/architecture.md, "Cluster mode"). */
const CLUSTER_NAME = 'dew';

/**
 * The system's nats-servers: one (`nats-server`, `<data dir>/nats/`) or, in cluster mode, three
 * (`nats-server#1..3`, each its config, pid file and store under `<data dir>/nats/node-<n>/`),
 * with the same users and permissions on every node. Configs are written before any node starts.
 */
export function natsNodes(s: RunnerSettings, natsDir: string, users: readonly NatsUserConfig[], routePassword: string): NatsNode[] {
  const common = { host: s.natsHost, users, maxPayload: BUS_MAX_PAYLOAD, ...(s.natsSync !== undefined ? { syncInterval: s.natsSync } : {}) };
  if (!s.cluster) {
    const node = { name: 'nats-server', configPath: join(natsDir, 'nats.conf'), pidFile: join(natsDir, 'nats-server.pid'), url: `nats://${s.natsHost}:${s.natsPort}` };
    writeFileSync(node.configPath, renderNatsConfig({ ...common, port: s.natsPort, storeDir: join(natsDir, 'store'), pidFile: node.pidFile }), { mode: 0o600 });
    return [node];
  }
  const { clientPorts, routePorts } = s.cluster;
  const routeAuth = { user: ROUTE_USER, password: routePassword };
  const routes = routePorts.map((p) => routeUrl(s.natsHost, p, routeAuth));
  return clientPorts.map((port, i) => {
    const dir = join(natsDir, `node-${i + 1}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const node = { name: `nats-server#${i + 1}`, configPath: join(dir, 'nats.conf'), pidFile: join(dir, 'nats-server.pid'), url: `nats://${s.natsHost}:${port}` };
    const cluster = { name: CLUSTER_NAME, serverName: `dew-${i + 1}`, host: s.natsHost, port: routePorts[i] ?? 0, routes, routeAuth };
    writeFileSync(node.configPath, renderNatsConfig({ ...common, port, storeDir: join(dir, 'store'), pidFile: node.pidFile, cluster }), { mode: 0o600 });
    return node;
  });
}

/**
 * Why DEW_NATS_SYNC cannot be honoured by this nats-server, or null. Said before any node starts
 * (by `dew run` and `dew restore`): nats-server 2.9 would only print "unknown field" in its log.
 */
export function natsSyncRefusal(s: RunnerSettings): string | null {
  return s.natsSync === undefined ? null : syncIntervalRefusal(s.natsSync, natsServerVersion(s.natsBinary));
}

/**
 * Starts every node under the supervisor. A restarted node gets the same config: the same ports
 * and store (docs/architecture.md, "Supervision"); a cluster node then catches up from the others.
 */
export async function startNatsNodes(nodes: readonly NatsNode[], s: RunnerSettings, logDir: string, supervisor: Supervisor): Promise<void> {
  const refusal = natsSyncRefusal(s);
  if (refusal) throw new Error(refusal);
  const warning = s.cluster ? clusterConcurrencyWarning(natsServerVersion(s.natsBinary)) : null;
  if (warning) console.warn(`WARNING: ${warning}`);
  for (const node of nodes) {
    if (await stopStaleNatsServer(node.pidFile, node.configPath)) console.warn(`stopped the ${node.name} a previous, killed run left on this data dir`);
  }
  for (const node of nodes) {
    const logFile = join(logDir, `${node.name}.log`);
    await supervisor.start(node.name, logFile, () => startNatsServer({ configPath: node.configPath, logFile, binary: s.natsBinary }));
  }
}

export const isNatsNode = (name: string): boolean => name.startsWith('nats-server');
