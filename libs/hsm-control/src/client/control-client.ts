import * as grpc from '@grpc/grpc-js';
import { hsmControlService, type ControlEndpoint } from '../proto.js';

type Unary = (req: object, meta: grpc.Metadata, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res: unknown) => void) => void;
type ServerStream = (req: object, meta: grpc.Metadata, opts: grpc.CallOptions) => grpc.ClientReadableStream<unknown>;

/**
 * A node's channel to the control plane, over mutual TLS with its control certificate. Its own
 * connections (closed with it), re-dialled within 50–500 ms after the control plane restarts.
 */
export class ControlClient {
  readonly #client: grpc.Client;

  constructor(endpoint: ControlEndpoint, private readonly timeoutMs = 5000) {
    const Service = hsmControlService();
    this.#client = new Service(endpoint.address, grpc.credentials.createSsl(Buffer.from(endpoint.ca), Buffer.from(endpoint.key), Buffer.from(endpoint.cert)), {
      'grpc.use_local_subchannel_pool': 1,
      'grpc.initial_reconnect_backoff_ms': 50,
      'grpc.min_reconnect_backoff_ms': 50,
      'grpc.max_reconnect_backoff_ms': 500,
    });
  }

  /** `timeoutMs` shortens the client's deadline for calls that must fail fast (lease renewals). */
  call<T>(method: string, req: object, timeoutMs = this.timeoutMs): Promise<T> {
    const fn = (this.#client as unknown as Record<string, Unary>)[method]!.bind(this.#client);
    return new Promise((resolve, reject) => fn(req, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => (err ? reject(err) : resolve(res as T))));
  }

  stream(method: string, req: object): grpc.ClientReadableStream<unknown> {
    return (this.#client as unknown as Record<string, ServerStream>)[method]!.call(this.#client, req, new grpc.Metadata(), {});
  }

  close(): void {
    this.#client.close();
  }
}
