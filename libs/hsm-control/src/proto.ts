import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** `src/` and `dist/` both sit one level below the package root. */
const PROTO_PATH = fileURLToPath(new URL('../proto/hsm-control.proto', import.meta.url));

let loaded: grpc.ServiceClientConstructor | undefined;

/** The HsmControl service: bytes as Buffer, 64-bit sequences as numbers, absent fields defaulted. */
export function hsmControlService(): grpc.ServiceClientConstructor {
  if (loaded) return loaded;
  const definition = protoLoader.loadSync(PROTO_PATH, { keepCase: false, longs: Number, enums: String, defaults: true });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as { dew: { hsm: { control: { v1: { HsmControl: grpc.ServiceClientConstructor } } } } };
  loaded = pkg.dew.hsm.control.v1.HsmControl;
  return loaded;
}

/** Where a node reaches the control plane and the mutual-TLS material it does so with (PEM). */
export interface ControlEndpoint {
  readonly address: string;
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}
