import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { K8S_NATS_USERS, NATS_TLS_DIR } from './nats-config.js';
import { passwordEnvVar } from '../nats-users.js';

// Render + schema validation of every kustomization (k8s/README.md, "Validation"): Debian's
// kubectl renders, the kubernetes-models packages validate each object, nats-server checks the config.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const KUSTOMIZATIONS = ['k8s/overlays/dev', 'k8s/overlays/prod', 'k8s/hsm-instance'];

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  [field: string]: unknown;
}

function render(dir: string): K8sObject[] {
  const out = execFileSync('kubectl', ['kustomize', join(root, dir)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(out).map((d) => d.toJS() as K8sObject);
}

/** The model class of an object's kind (`apps/v1` + `Deployment` → kubernetes-models/apps/v1/Deployment); none: an unknown kind. */
async function modelOf(o: K8sObject): Promise<new (data: object) => { validate(): void }> {
  const module = (await import(`kubernetes-models/${o.apiVersion}/${o.kind}`).catch(() => {
    throw new Error(`unknown kind ${o.apiVersion}/${o.kind}`);
  })) as Record<string, new (data: object) => { validate(): void }>;
  const model = module[o.kind];
  if (!model) throw new Error(`no model for ${o.apiVersion}/${o.kind}`);
  return model;
}

/** The refusals of every object, one line each (empty: all valid). */
async function refusals(objects: readonly K8sObject[]): Promise<string[]> {
  const found: string[] = [];
  for (const o of objects) {
    try {
      const Model = await modelOf(o);
      new Model(o).validate();
    } catch (err) {
      found.push(`${o.kind}/${o.metadata?.name}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return found;
}

describe('k8s manifests', () => {
  const rendered = new Map(KUSTOMIZATIONS.map((k) => [k, render(k)]));
  const renderedOf = (dir: string): K8sObject[] => rendered.get(dir) ?? [];

  it.each(KUSTOMIZATIONS)('%s: renders, and every object is valid against the Kubernetes schemas', async (dir) => {
    expect(renderedOf(dir).length).toBeGreaterThan(5);
    expect(await refusals(renderedOf(dir))).toEqual([]);
  });

  it('prod: a Deployment per service with probes, autoscaling for gateway and kms only, NATS a StatefulSet of 3', () => {
    const prod = renderedOf('k8s/overlays/prod');
    const deployments = prod.filter((o) => o.kind === 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['dew-audit', 'dew-csms', 'dew-gateway', 'dew-hsm-provisioning', 'dew-iam', 'dew-kms', 'dew-kps']);
    for (const d of deployments) {
      const [c] = (d as unknown as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } }).spec.template.spec.containers;
      expect([d.metadata.name, Boolean(c?.readinessProbe && c.livenessProbe), (c?.securityContext as { readOnlyRootFilesystem?: boolean } | undefined)?.readOnlyRootFilesystem]).toEqual([d.metadata.name, true, true]);
    }
    expect(prod.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((h) => h.metadata.name).sort()).toEqual(['dew-gateway', 'dew-kms']);
    expect(prod.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'dew-nats')).toMatchObject({ spec: { replicas: 3 } });
  });

  it('planted invalid field (replicas "two"; a container without its image name): the validator refuses each', async () => {
    const prod = structuredClone(renderedOf('k8s/overlays/prod'));
    const kms = prod.find((o) => o.kind === 'Deployment' && o.metadata.name === 'dew-kms') as unknown as { spec: { replicas: unknown; template: { spec: { containers: { name?: string }[] } } } };
    const gateway = prod.find((o) => o.kind === 'Deployment' && o.metadata.name === 'dew-gateway') as unknown as typeof kms;
    kms.spec.replicas = 'two';
    delete gateway.spec.template.spec.containers[0]?.name;
    const found = await refusals(prod);
    expect(found).toEqual([expect.stringMatching(/^Deployment\/dew-gateway: .*name/), expect.stringMatching(/^Deployment\/dew-kms: .*replicas must be integer/)].sort());
  });

  it('unknown kind: refused, not passed over', async () => {
    expect(await refusals([{ apiVersion: 'v1', kind: 'Sekret', metadata: { name: 'x' } }])).toEqual(['Sekret/x: unknown kind v1/Sekret']);
  });

  it('rendered NATS config: nats-server -t accepts it with the TLS files and password variables in place', () => {
    const map = renderedOf('k8s/overlays/prod').find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('dew-nats-config')) as unknown as { data: Record<string, string> };
    const dir = mkdtempSync(join(tmpdir(), 'dew-k8s-nats-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=dew-nats', '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.crt')], { stdio: 'ignore' });
      execFileSync('cp', [join(dir, 'tls.crt'), join(dir, 'ca.crt')]);
      const config = join(dir, 'nats.conf');
      writeFileSync(config, (map.data['nats.conf'] ?? '').replaceAll(`${NATS_TLS_DIR}/`, `${dir}/`).replace('store_dir: "/data"', `store_dir: "${join(dir, 'store')}"`));
      const env = { PATH: process.env.PATH ?? '', POD_NAME: 'dew-nats-0', ...Object.fromEntries(K8S_NATS_USERS.map((u) => [passwordEnvVar(u), 'test-password'])) };
      const ok = spawnSync('nats-server', ['-t', '-c', config], { env, encoding: 'utf8' });
      expect([ok.status, `${ok.stdout}${ok.stderr}`]).toEqual([0, expect.stringContaining('configuration file')]);
      // The check is real: one password variable missing fails it.
      const missing = spawnSync('nats-server', ['-t', '-c', config], { env: { ...env, DEW_NATS_PASS_KMS: undefined }, encoding: 'utf8' });
      expect(missing.status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
