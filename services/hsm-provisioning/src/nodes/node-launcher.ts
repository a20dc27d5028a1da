import type { ControlEndpoint, NodeId, NodeLaunchSecrets } from '@dew/hsm-control';

/**
 * The port through which provisioning starts appliance nodes (docs/hsm.md, "Provisioning ↔ node
 * contract"). One instance has two nodes, `a` and `b`; the floating address belongs to whichever
 * node holds the instance's lease.
 */
export type { NodeId };

/**
 * The application port (mutual TLS) every node serves on its instance's floating address; the
 * admin port is the next one. Fixed: each instance has a floating address of its own.
 */
export const HSM_APPLICATION_PORT = 25696;

export interface NodeSpec {
  readonly instanceId: string;
  readonly projectId: string;
  readonly nodeId: NodeId;
  /** This node's own address in the subnet. */
  readonly address: string;
  /** The other node's address. */
  readonly peerAddress: string;
  /** The instance's floating address: the active node binds it. */
  readonly floatingAddress: string;
  /** The node's private directory (its token and state). */
  readonly dataDir: string;
  /** The administrator's UKey (SPKI PEM): the only key the node lets initialise the instance. */
  readonly ukeyPublicKey: string;
}

/**
 * The PINs of a node's two tokens (node-pins.ts; docs/hsm-appliance.md "Tokens"): the application
 * token's and the system token's. Never logged, never in events.
 */
export interface TokenPins {
  readonly tokenPin: string;
  readonly soPin: string;
  readonly systemPin: string;
  readonly systemSoPin: string;
}

export interface RunningNode {
  readonly spec: NodeSpec;
  /** The process id, for figures read from /proc. */
  readonly pid: number;
  /** Resolves with the exit code (null: killed by a signal) when the process ends. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

export abstract class NodeLauncher {
  abstract start(spec: NodeSpec): Promise<RunningNode>;
}

/**
 * The environment a node process gets: what services/hsm-node/src/config.ts reads (docs/hsm.md).
 * Nothing secret: the PINs and the control key reach the node on its stdin (`launchSecrets`).
 */
export function nodeEnvironment(spec: NodeSpec, controlAddress: string): Record<string, string> {
  return {
    HSM_INSTANCE_ID: spec.instanceId,
    HSM_NODE_ID: spec.nodeId,
    HSM_NODE_ADDRESS: spec.address,
    HSM_FLOATING_ADDRESS: spec.floatingAddress,
    HSM_PORT: String(HSM_APPLICATION_PORT),
    HSM_DATA_DIR: spec.dataDir,
    HSM_UKEY_PUBLIC_KEY: spec.ukeyPublicKey,
    HSM_CONTROL_ADDRESS: controlAddress,
  };
}

/** The one JSON line a node reads from its stdin (`NodeLaunchSecrets` of @dew/hsm-control). */
export function launchSecrets(pins: TokenPins, control: ControlEndpoint): NodeLaunchSecrets {
  return {
    tokenPin: pins.tokenPin, soPin: pins.soPin, systemPin: pins.systemPin, systemSoPin: pins.systemSoPin,
    controlCa: control.ca, controlCert: control.cert, controlKey: control.key };
}
