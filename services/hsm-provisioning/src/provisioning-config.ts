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
    /** The control plane's loopback port (DEW_HSM_CONTROL_PORT; 0, the default: a free one chosen at start). */
    readonly controlPort: number,
  ) {}
}

/** DEW_HSM_CONTROL_PORT: absent or empty is 0 (a free port); anything else must be a port number. */
export function controlPortFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65_535) throw new Error(`DEW_HSM_CONTROL_PORT must be a port from 0 to 65535, got ${JSON.stringify(value)}`);
  return port;
}
