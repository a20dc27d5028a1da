import { join } from 'node:path';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { HsmInstance } from '@dew/hsm-domain';
import { systemContext } from '@dew/messaging';
import { Clock, PINO } from '@dew/nest-kit';
import { RestartBackoff } from '@dew/nats-server';
import { HsmInstanceSets } from '../instances/instance-sets.js';
import { HsmProvisioningConfig } from '../provisioning-config.js';
import { NodeLauncher, type NodeSpec, type RunningNode } from './node-launcher.js';
import { SealedFiles } from './sealed-files.js';

/**
 * Keeps the node processes in line with the instance sets: a Running instance has its two nodes,
 * any other (Frozen, deleted, failed) has none. A node that cannot be started fails the creation
 * with the cause; a node that exits on its own is restarted after a backoff (docs/hsm.md, "Node
 * restarts"). With launching turned off nothing is started.
 */
@Injectable()
export class NodeSupervisor implements OnModuleDestroy {
  readonly #running = new Map<string, readonly RunningNode[]>();
  readonly #backoff = new RestartBackoff();
  readonly #restarts = new Set<NodeJS.Timeout>();
  #pass: Promise<void> = Promise.resolve();

  constructor(
    private readonly sets: HsmInstanceSets,
    private readonly launcher: NodeLauncher,
    private readonly config: HsmProvisioningConfig,
    private readonly files: SealedFiles,
    private readonly clock: Clock,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  /** The nodes of an instance, as started. */
  nodesOf(instanceId: string): readonly RunningNode[] {
    return this.#running.get(instanceId) ?? [];
  }

  /** Restarts of the node in the last minute (monitoring shows them). */
  recentRestarts(instanceId: string, nodeId: 'a' | 'b'): number {
    return this.#backoff.recent(`${instanceId}/${nodeId}`, Date.now());
  }

  reconcile(): Promise<void> {
    return this.#serially(() => this.reconcileOnce(), 'hsm node reconcile failed');
  }

  async onModuleDestroy(): Promise<void> {
    for (const t of this.#restarts) clearTimeout(t);
    this.#restarts.clear();
    await this.#pass;
    // Unlisted first: a node stopped on purpose must not look crashed to #watch.
    const all = [...this.#running.values()].flat();
    this.#running.clear();
    await Promise.all(all.map((n) => n.stop()));
  }

  private async reconcileOnce(): Promise<void> {
    const wanted = new Map<string, { projectId: string; instance: HsmInstance }>();
    for (const set of this.sets.all()) {
      for (const instance of set.instances.values()) if (instance.status === 'Running' && instance.addresses) wanted.set(instance.id, { projectId: set.projectId, instance });
    }
    for (const [instanceId, nodes] of this.#running) {
      if (wanted.has(instanceId)) continue;
      this.#running.delete(instanceId);
      await Promise.all(nodes.map((n) => n.stop()));
    }
    if (!this.config.launchNodes) return;
    for (const [instanceId, { projectId, instance }] of wanted) {
      if (this.#running.has(instanceId)) continue;
      await this.startNodes(projectId, instance);
    }
  }

  private async startNodes(projectId: string, instance: HsmInstance): Promise<void> {
    const a = instance.addresses;
    const ukey = instance.ukey;
    if (!a || !ukey) return;
    const spec = (nodeId: 'a' | 'b', address: string, peerAddress: string): NodeSpec => ({
      instanceId: instance.id, projectId, nodeId, address, peerAddress, floatingAddress: a.floating, dataDir: join(this.files.instanceDir(instance.id), nodeId),
      ukeyPublicKey: ukey.publicKey,
    });
    const started: RunningNode[] = [];
    try {
      started.push(await this.launcher.start(spec('a', a.nodeA, a.nodeB)));
      started.push(await this.launcher.start(spec('b', a.nodeB, a.nodeA)));
      this.#running.set(instance.id, started);
      for (const n of started) this.#backoff.forget(`${instance.id}/${n.spec.nodeId}`);
      for (const n of started) this.#watch(n);
    } catch (err) {
      await Promise.all(started.map((n) => n.stop()));
      const cause = `node ${started.length === 0 ? 'A' : 'B'} did not start: ${(err as Error).message}`;
      this.log.warn({ instanceId: instance.id, cause }, 'hsm creation failed');
      await this.sets.execute(systemContext(`fail-hsm-${instance.id}`, projectId), { type: 'FailHsmCreation', instanceId: instance.id, cause, now: this.clock.now() }, projectId);
    }
  }

  #serially(step: () => Promise<void>, failure: string): Promise<void> {
    this.#pass = this.#pass.then(step).catch((err) => this.log.error({ err }, failure));
    return this.#pass;
  }

  /** A node still listed when it exits was not stopped by this service: it crashed or was killed. */
  #watch(node: RunningNode): void {
    void node.exited.then((code) => {
      if (!this.#isCurrent(node)) return;
      const key = `${node.spec.instanceId}/${node.spec.nodeId}`;
      const delayMs = this.#backoff.next(key, Date.now());
      this.log.warn({ instanceId: node.spec.instanceId, nodeId: node.spec.nodeId, code, restartInMs: delayMs }, 'hsm node exited; restarting it');
      const timer = setTimeout(() => {
        this.#restarts.delete(timer);
        void this.#serially(() => this.#restart(node), 'hsm node restart failed');
      }, delayMs);
      this.#restarts.add(timer);
    });
  }

  async #restart(old: RunningNode): Promise<void> {
    if (!this.#isCurrent(old)) return;
    const fresh = await this.launcher.start(old.spec).catch((err: Error) => {
      this.log.warn({ instanceId: old.spec.instanceId, nodeId: old.spec.nodeId, reason: err.message }, 'hsm node restart failed; retrying');
      this.#watch(old);
      return undefined;
    });
    if (!fresh) return;
    const nodes = this.#running.get(old.spec.instanceId) ?? [];
    this.#running.set(old.spec.instanceId, nodes.map((n) => (n === old ? fresh : n)));
    this.#watch(fresh);
  }

  #isCurrent(node: RunningNode): boolean {
    return this.#running.get(node.spec.instanceId)?.includes(node) ?? false;
  }
}
