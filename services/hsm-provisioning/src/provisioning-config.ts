import type { NodeBus } from './nodes/node-launcher.js';

/** The service's own settings (main.ts reads them from the environment: docs/hsm.md, "Configuration"). */
export class HsmProvisioningConfig {
  constructor(
    /** Usable hosts of a subnet seen for the first time (DEW_HSM_SUBNET_HOSTS, 253 by default). */
    readonly subnetHosts: number,
    /** The node program (DEW_HSM_NODE_MAIN). */
    readonly nodeMain: string,
    /** Spawning is on unless DEW_HSM_LAUNCH_NODES=0 (docs/hsm.md, "Configuration"). */
    readonly launchNodes: boolean,
    /** Where each node keeps its token: `<dataDir>/hsm/<instance>/<node>`. */
    readonly dataDir: string,
    /** The bus and the `hsm-node` NATS user the nodes connect as (DEW_HSM_NODE_NATS_USER/_PASS from the runner). */
    readonly nodeBus: NodeBus,
  ) {}
}
