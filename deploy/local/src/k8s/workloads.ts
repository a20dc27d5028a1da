import { holdsRootKey, SERVICE_NAMES, streamsUserOf } from '@dew/messaging';
import { nodeFlagsOf } from '../children.js';
import { passwordEnvVar } from '../nats-users.js';

/** The HTTP port of the gateway and the probe port of every bus service (DEW_HEALTH_PORT). */
export const GATEWAY_PORT = 8080;
export const HEALTH_PORT = 8081;
export const DATA_DIR = '/var/lib/dew';
export const NATS_CA_DIR = '/etc/dew/nats-ca';

type Obj = Record<string, unknown>;

interface Workload {
  readonly name: string;
  readonly replicas: number;
  readonly cpu: readonly [request: string, limit: string];
  readonly memory: readonly [request: string, limit: string];
  /** A PVC for the data dir (state kept on disk beside the streams); an emptyDir otherwise. */
  readonly storage?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Base sizes (the prod overlay keeps them; dev lowers them). Memory limits sit above the RSS
 * docs/performance.md measured. hsm-provisioning and audit keep files and run one replica each
 * (docs/kubernetes.md, "One-replica services").
 */
const WORKLOADS: readonly Workload[] = [
  { name: 'gateway', replicas: 2, cpu: ['250m', '1'], memory: ['256Mi', '512Mi'], env: { DEW_HTTP_HOST: '0.0.0.0', DEW_HTTP_PORT: String(GATEWAY_PORT), DEW_SERVICES: SERVICE_NAMES.join(',') } },
  { name: 'iam', replicas: 2, cpu: ['200m', '1'], memory: ['256Mi', '512Mi'] },
  { name: 'kms', replicas: 2, cpu: ['250m', '2'], memory: ['384Mi', '768Mi'] },
  { name: 'csms', replicas: 2, cpu: ['100m', '1'], memory: ['192Mi', '512Mi'] },
  { name: 'kps', replicas: 2, cpu: ['100m', '1'], memory: ['192Mi', '512Mi'] },
  { name: 'audit', replicas: 1, cpu: ['200m', '1'], memory: ['512Mi', '1Gi'], storage: '20Gi' },
  // Nodes are not spawned in the pod: an instance's nodes are pods of their own (k8s/hsm-instance).
  { name: 'hsm-provisioning', replicas: 1, cpu: ['100m', '1'], memory: ['192Mi', '512Mi'], storage: '1Gi', env: { DEW_HSM_LAUNCH_NODES: '0' } },
];

const secretEnv = (name: string, secret: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
const labelsOf = (name: string) => ({ app: `dew-${name}`, 'app.kubernetes.io/part-of': 'dew', 'app.kubernetes.io/component': name, 'dew.io/nats-client': 'true' });

function envOf(w: Workload): Obj[] {
  const bus = w.name !== 'gateway';
  const plain: Record<string, string> = {
    DEW_NATS_URL: 'tls://dew-nats:4222',
    NODE_EXTRA_CA_CERTS: `${NATS_CA_DIR}/ca.crt`,
    DEW_STREAM_REPLICAS: '3',
    DEW_DATA_DIR: DATA_DIR,
    DEW_LOG_LEVEL: 'info',
    DEW_NATS_USER: w.name,
    ...(bus ? { DEW_HEALTH_PORT: String(HEALTH_PORT), DEW_NATS_STREAMS_USER: streamsUserOf(w.name) } : {}),
    ...w.env,
  };
  return [
    ...Object.entries(plain).map(([name, value]) => ({ name, value })),
    secretEnv('DEW_NATS_PASS', 'dew-nats-passwords', passwordEnvVar(w.name)),
    ...(bus
      ? [secretEnv('DEW_NATS_STREAMS_PASS', 'dew-nats-passwords', passwordEnvVar(streamsUserOf(w.name))), ...(holdsRootKey(w.name) ? [secretEnv('DEW_ROOT_KEY', 'dew-root-key', 'DEW_ROOT_KEY')] : [])]
      : []),
  ];
}

function probesOf(w: Workload): Obj {
  const port = w.name === 'gateway' ? GATEWAY_PORT : HEALTH_PORT;
  return {
    startupProbe: { httpGet: { path: '/health', port }, periodSeconds: 2, failureThreshold: 90 },
    readinessProbe: { httpGet: { path: '/ready', port }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
    livenessProbe: { httpGet: { path: '/health', port }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
  };
}

function deployment(w: Workload): Obj {
  const labels = labelsOf(w.name);
  const ports = w.name === 'gateway' ? [{ name: 'http', containerPort: GATEWAY_PORT }] : [{ name: 'health', containerPort: HEALTH_PORT }];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `dew-${w.name}`, labels },
    spec: {
      replicas: w.replicas,
      // A volume one pod mounts at a time: the old pod goes before the new one starts.
      ...(w.storage ? { strategy: { type: 'Recreate' } } : {}),
      selector: { matchLabels: { app: `dew-${w.name}` } },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: w.name,
              image: 'dew',
              command: ['node', '--enable-source-maps', ...nodeFlagsOf(w.name), `services/${w.name}/dist/main.js`],
              ports,
              env: envOf(w),
              resources: { requests: { cpu: w.cpu[0], memory: w.memory[0] }, limits: { cpu: w.cpu[1], memory: w.memory[1] } },
              ...probesOf(w),
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: [
                { name: 'data', mountPath: DATA_DIR },
                { name: 'tmp', mountPath: '/tmp' },
                { name: 'nats-ca', mountPath: NATS_CA_DIR, readOnly: true },
              ],
            },
          ],
          volumes: [
            w.storage ? { name: 'data', persistentVolumeClaim: { claimName: `dew-${w.name}-data` } } : { name: 'data', emptyDir: {} },
            { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
            { name: 'nats-ca', secret: { secretName: 'dew-nats-tls', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          ],
        },
      },
    },
  };
}

const claim = (w: Workload): Obj => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: `dew-${w.name}-data`, labels: labelsOf(w.name) },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: w.storage } } },
});

/** A replicated service keeps one pod through a voluntary disruption (a node drain). */
const disruptionBudget = (w: Workload): Obj => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: `dew-${w.name}`, labels: labelsOf(w.name) },
  spec: { minAvailable: 1, selector: { matchLabels: { app: `dew-${w.name}` } } },
});

/** The objects of k8s/base/services.yaml, in a stable order. */
export function serviceObjects(): Obj[] {
  return WORKLOADS.flatMap((w) => [deployment(w), ...(w.storage ? [claim(w)] : []), ...(w.replicas > 1 ? [disruptionBudget(w)] : [])]);
}

/** The bus services the generated Deployments cover, to check against the permission table. */
export const workloadNames = (): string[] => WORKLOADS.map((w) => w.name);
