/**
 * The port through which provisioning starts appliance nodes (docs/hsm.md, "Provisioning ↔ node
 * contract"). One instance has two nodes, `a` and `b`; the floating address belongs to whichever
 * node holds the instance's lease.
 */
export type NodeId = 'a' | 'b';

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

/** The environment a node process gets: the contract of docs/hsm.md, one variable per field. */
export function nodeEnvironment(spec: NodeSpec, natsUrl: string): Record<string, string> {
  return {
    DEW_HSM_INSTANCE_ID: spec.instanceId,
    DEW_HSM_PROJECT_ID: spec.projectId,
    DEW_HSM_NODE_ID: spec.nodeId,
    DEW_HSM_NODE_ADDRESS: spec.address,
    DEW_HSM_PEER_ADDRESS: spec.peerAddress,
    DEW_HSM_FLOATING_ADDRESS: spec.floatingAddress,
    DEW_HSM_DATA_DIR: spec.dataDir,
    DEW_NATS_URL: natsUrl,
  };
}
