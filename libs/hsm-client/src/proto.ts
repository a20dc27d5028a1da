import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** The shared hsm.proto; `src/` and `dist/` both sit one level below the package root. */
export const HSM_PROTO_PATH = fileURLToPath(new URL('../proto/hsm.proto', import.meta.url));

export interface HsmProto {
  readonly Hsm: grpc.ServiceClientConstructor;
  readonly HsmAdmin: grpc.ServiceClientConstructor;
}

let loaded: HsmProto | undefined;

/** Field names in camelCase, bytes as Buffer, 64-bit integers as numbers, absent fields defaulted. */
export function loadHsmProto(): HsmProto {
  if (loaded) return loaded;
  const definition = protoLoader.loadSync(HSM_PROTO_PATH, { keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as { dew: { hsm: { v1: HsmProto } } };
  loaded = pkg.dew.hsm.v1;
  return loaded;
}

/**
 * A channel with a subchannel pool of its own: close() ends its connections at once, where the
 * process-wide pool keeps them open until its periodic sweep (and keeps the process alive).
 */
const OWN_CONNECTIONS: grpc.ChannelOptions = { 'grpc.use_local_subchannel_pool': 1 };

/** Channel options of the SDK's clients: own connections, and a restarted address re-dialled
 * within 50–300 ms instead of grpc's default 1–120 s backoff (a failover takes about 2 s). */
export const FAILOVER_CHANNEL: grpc.ChannelOptions = {
  ...OWN_CONNECTIONS,
  'grpc.initial_reconnect_backoff_ms': 50,
  'grpc.min_reconnect_backoff_ms': 50,
  'grpc.max_reconnect_backoff_ms': 300,
};
