import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, startNatsServer, type NatsServerProcess } from '@dew/nats-server';
import { runToolOrThrow } from '@dew/testing';
import { passwordEnvVar } from '../nats-users.js';
import { K8S_NATS_USERS, NATS_CERT_DNS_NAMES, NATS_ROUTE_NAME, renderK8sNatsConfig } from './nats-config.js';

// The Kubernetes NATS config's route admission (docs/kubernetes.md, "NATS"), on real nats-server
// processes on loopback: the certificates are made as k8s/README.md says, plus 127.0.0.1 (the
// address the nodes dial here instead of the pods' names).
const HOST = '127.0.0.1';
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
const BOUND_MS = 30_000;
const REFUSED_ROUTE = /rid:\d+ - authentication error/;

/** A directory as the `dew-nats-tls` Secret is mounted: tls.crt and tls.key signed by the CA in `caDir`, and ca.crt. */
async function issueTlsDir(caDir: string, dir: string, dnsNames: readonly string[]): Promise<string> {
  await mkdir(dir);
  const sans = [...dnsNames.map((n) => `DNS:${n}`), `IP:${HOST}`].join(',');
  await writeFile(join(dir, 'tls.ext'), `subjectAltName=${sans}\nextendedKeyUsage=serverAuth,clientAuth\n`);
  await runToolOrThrow('openssl', ['req', ...EC_KEY, '-subj', '/CN=dew-nats', '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.csr')]);
  await runToolOrThrow('openssl', ['x509', '-req', '-in', join(dir, 'tls.csr'), '-CA', join(caDir, 'ca.crt'), '-CAkey', join(caDir, 'ca.key'), '-CAcreateserial', '-days', '1', '-extfile', join(dir, 'tls.ext'), '-out', join(dir, 'tls.crt')]);
  await writeFile(join(dir, 'ca.crt'), await readFile(join(caDir, 'ca.crt')));
  return dir;
}

interface Node {
  readonly name: string;
  readonly monitorPort: number;
  readonly logFile: string;
  readonly server: NatsServerProcess;
}

/** A node started from the generator's config with loopback ports, its own store and the given TLS directory. */
async function startNode(dir: string, name: string, tlsDir: string, clusterPort: number, clusterPorts: readonly number[]): Promise<Node> {
  const clientPort = await findFreePort(HOST);
  const monitorPort = await findFreePort(HOST);
  const configPath = join(dir, `${name}.conf`);
  const logFile = join(dir, `${name}.log`);
  const routes = clusterPorts.map((p) => `nats://${HOST}:${p}`);
  await writeFile(configPath, renderK8sNatsConfig({ host: HOST, clientPort, monitorPort, clusterPort, storeDir: join(dir, `${name}-store`), tlsDir, routes }));
  // As in the pods: the server name and every password from the environment.
  const env = { PATH: process.env.PATH ?? '', POD_NAME: name, ...Object.fromEntries(K8S_NATS_USERS.map((u) => [passwordEnvVar(u), `password-of-${u}`])) };
  return { name, monitorPort, logFile, server: await startNatsServer({ configPath, logFile, env }) };
}

async function monitor<T>(node: Node, endpoint: 'varz' | 'routez'): Promise<T> {
  const res = await fetch(`http://${HOST}:${node.monitorPort}/${endpoint}`);
  return (await res.json()) as T;
}
const serverId = async (node: Node) => (await monitor<{ server_id: string }>(node, 'varz')).server_id;
const routedServerIds = async (node: Node) => new Set((await monitor<{ routes: { remote_id: string }[] }>(node, 'routez')).routes.map((r) => r.remote_id));
const log = (node: Node) => readFile(node.logFile, 'utf8');

/** Polls `probe` until `done` holds, at most BOUND_MS; the last value either way. */
async function pollUntil<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + BOUND_MS;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Kubernetes NATS config: route admission', () => {
  let dir: string;
  const nodes: Node[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dew-k8s-routes-'));
    await runToolOrThrow('openssl', ['req', '-x509', ...EC_KEY, '-days', '1', '-subj', '/CN=dew-nats-ca', '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.crt')]);
  });

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.server.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  it(`nodes with the pods' certificate route to each other; a node with a certificate of the same CA without ${NATS_ROUTE_NAME} is refused as a route`, async () => {
    const podsTls = await issueTlsDir(dir, join(dir, 'pods-tls'), NATS_CERT_DNS_NAMES);
    // Valid for every name a pod is dialled by, from the same CA: `verify: true` alone admitted it.
    const rogueTls = await issueTlsDir(dir, join(dir, 'rogue-tls'), NATS_CERT_DNS_NAMES.filter((n) => n !== NATS_ROUTE_NAME));
    const clusterPorts: [number, number] = [await findFreePort(HOST), await findFreePort(HOST)];

    const a = await startNode(dir, 'dew-nats-0', podsTls, clusterPorts[0], clusterPorts);
    nodes.push(a);
    const b = await startNode(dir, 'dew-nats-1', podsTls, clusterPorts[1], clusterPorts);
    nodes.push(b);
    const [idA, idB] = [await serverId(a), await serverId(b)];
    expect([...(await pollUntil(() => routedServerIds(a), (ids) => ids.has(idB)))]).toEqual([idB]);
    expect([...(await pollUntil(() => routedServerIds(b), (ids) => ids.has(idA)))]).toEqual([idA]);
    expect([await log(a), await log(b)].filter((text) => REFUSED_ROUTE.test(text))).toEqual([]);

    // The rogue knows the route URLs and dials both nodes with the same config.
    const rogue = await startNode(dir, 'rogue', rogueTls, await findFreePort(HOST), clusterPorts);
    nodes.push(rogue);
    // Until a node has refused the rogue, or has routed to it.
    const admission = (node: Node) => pollUntil(
      async () => ({ refusedARoute: REFUSED_ROUTE.test(await log(node)), routedTo: [...(await routedServerIds(node))] }),
      (s) => s.refusedARoute || s.routedTo.length > 1,
    );
    expect(await admission(a)).toEqual({ refusedARoute: true, routedTo: [idB] });
    expect(await admission(b)).toEqual({ refusedARoute: true, routedTo: [idA] });
    expect([...(await routedServerIds(rogue))]).toEqual([]);
  });
});
