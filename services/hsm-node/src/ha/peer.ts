import type { NodeId } from '@dew/hsm-control';

/** The other node of the instance. */
export const peerOf = (id: NodeId): NodeId => (id === 'a' ? 'b' : 'a');
