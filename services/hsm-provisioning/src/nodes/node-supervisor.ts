import { join } from 'node:path';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { HsmInstance } from '@dew/hsm-domain';
import { systemContext } from '@dew/messaging';
import { Clock, PINO } from '@dew/nest-kit';
import { HsmInstanceSets } from '../instances/instance-sets.js';
import { HsmProvisioningConfig } from '../provisioning-config.js';
import { NodeLauncher, type NodeSpec, type RunningNode } from './node-launcher.js';
import { SealedFiles } from './sealed-files.js';

/**
 * Keeps the node processes in line with the instance sets: a Running instance has its two nodes,
 * any other (Frozen, deleted, failed) has none. A node that cannot be started fails the creation
 * with the cause. With launching turned off (no node program built) nothing is started.
 */
@Injectable()
export class NodeSupervisor implements OnModuleDestroy {
  readonly #running = new Map<string, readonly RunningNode[]>();
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

  reconcile(): Promise<void> {
    this.#pass = this.#pass.then(() => this.reconcileOnce()).catch((err) => this.log.error({ err }, 'hsm node reconcile failed'));
    return this.#pass;
  }

  async onModuleDestroy(): Promise<void> {
    await this.#pass;
    for (const nodes of this.#running.values()) await Promise.all(nodes.map((n) => n.stop()));
    this.#running.clear();
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
    } catch (err) {
      await Promise.all(started.map((n) => n.stop()));
      const cause = `node ${started.length === 0 ? 'A' : 'B'} did not start: ${(err as Error).message}`;
      this.log.warn({ instanceId: instance.id, cause }, 'hsm creation failed');
      await this.sets.execute(systemContext(`fail-hsm-${instance.id}`, projectId), { type: 'FailHsmCreation', instanceId: instance.id, cause, now: this.clock.now() }, projectId);
    }
  }
}
