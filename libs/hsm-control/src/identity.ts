export type NodeId = 'a' | 'b';

/** Who a control-plane caller is: read from its verified client certificate only. */
export interface NodeIdentity {
  readonly instanceId: string;
  readonly nodeId: NodeId;
}

const INSTANCE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const PREFIX = 'hsm-node:';

/**
 * The subject common name of a node's control certificate, `hsm-node:<instance>:<node>`. The
 * instance id has no `.`, `*` or `>`, so it is one key token and one subject token.
 */
export function nodeCommonName(id: NodeIdentity): string {
  if (!INSTANCE_ID.test(id.instanceId)) throw new Error(`instance id must match ${INSTANCE_ID.source}, got ${JSON.stringify(id.instanceId)}`);
  return `${PREFIX}${id.instanceId}:${id.nodeId}`;
}

/** The identity a common name states, or undefined when it is not a node's. */
export function parseNodeCommonName(cn: string): NodeIdentity | undefined {
  if (!cn.startsWith(PREFIX)) return undefined;
  const [instanceId, nodeId, ...rest] = cn.slice(PREFIX.length).split(':');
  if (rest.length || instanceId === undefined || !INSTANCE_ID.test(instanceId) || (nodeId !== 'a' && nodeId !== 'b')) return undefined;
  return { instanceId, nodeId };
}
