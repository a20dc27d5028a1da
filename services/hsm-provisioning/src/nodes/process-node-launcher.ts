import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { PINO } from '@dew/nest-kit';
import { HsmProvisioningConfig } from '../provisioning-config.js';
import { NodeControl } from '../control/node-control.js';
import { launchSecrets, NodeLauncher, nodeEnvironment, type NodeSpec, type RunningNode } from './node-launcher.js';
import { NodePins } from './node-pins.js';

const STOP_GRACE_MS = 5_000;

/**
 * Starts each node as a child process: `setpriv --pdeathsig KILL -- node <nodeMain>` with the contract's environment, and its
 * PINs and control credentials written to its stdin (a pipe only it reads), then closed.
 */
@Injectable()
export class ProcessNodeLauncher extends NodeLauncher {
  constructor(
    private readonly config: HsmProvisioningConfig,
    private readonly pins: NodePins,
    private readonly control: NodeControl,
    @Inject(PINO) private readonly log: Logger,
  ) {
    super();
  }

  async start(spec: NodeSpec): Promise<RunningNode> {
    // `node <missing file>` spawns fine and exits at once: without this the node would count as started.
    if (!existsSync(this.config.nodeMain)) throw new Error(`the node program ${this.config.nodeMain} does not exist`);
    mkdirSync(spec.dataDir, { recursive: true, mode: 0o700 });
    const identity = { instanceId: spec.instanceId, nodeId: spec.nodeId };
    const control = await this.control.credentialsFor(identity);
    const secrets = launchSecrets(await this.pins.of(spec.instanceId), control);
    // Under `setpriv --pdeathsig KILL` (util-linux): the kernel kills the node when this service
    // dies, even by SIGKILL, so no orphan keeps an instance's PINs and keys in memory, holds its
    // token files or competes with the nodes the next start launches. setpriv execs node: same pid.
    const child = spawn('setpriv', ['--pdeathsig', 'KILL', '--', process.execPath, this.config.nodeMain], {
      env: { PATH: process.env.PATH ?? '', ...nodeEnvironment(spec, control.address) },
      stdio: ['pipe', 'inherit', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    void exited.then(() => this.control.forget(identity, control.serial));
    // A node that dies before reading its stdin closes the pipe: its exit tells, not an EPIPE here.
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(`${JSON.stringify(secrets)}\n`);
    await Promise.race([once(child, 'spawn'), once(child, 'error').then(([err]) => Promise.reject(err as Error))]);
    if (child.pid === undefined) throw new Error(`node ${spec.nodeId} of ${spec.instanceId} did not start`);
    this.log.info({ instanceId: spec.instanceId, nodeId: spec.nodeId, pid: child.pid }, 'hsm node started');
    return {
      spec,
      pid: child.pid,
      exited,
      stop: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      },
    };
  }
}
