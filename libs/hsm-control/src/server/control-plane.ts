import * as grpc from '@grpc/grpc-js';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { hsmControlService } from '../proto.js';
import type { Admission } from './calls.js';
import { leaseService } from './lease-service.js';
import { mirrorService } from './mirror-service.js';
import { IGNORED_REPORTS, reportsService, type NodeReports } from './reports-service.js';
import { stateService } from './state-service.js';
import { ensureHsmStores } from './stores.js';
import { IssuanceRelay } from './issuance-service.js';

/** The control server's own TLS material (PEM): the control CA, and its certificate and key. */
export interface ControlServerTls {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/**
 * The HsmControl server (docs/hsm-appliance.md "Control plane"): nodes hold no NATS credentials;
 * this process does their lease, state and mirror operations, each within the instance its
 * caller's client certificate names. TLS refuses a client without a certificate of the control CA.
 */
export class ControlPlane {
  #server: grpc.Server | undefined;
  /** Certificate requests to the instances' active nodes (provisioning's, for KMS). */
  readonly issuance = new IssuanceRelay();

  /**
   * `admits`: when given, a certificate must also pass it (provisioning admits each node's current
   * one only). `reports`: where the nodes' health and call records go.
   */
  constructor(private readonly nc: NatsConnection, private readonly admits?: Admission, private readonly reports: NodeReports = IGNORED_REPORTS) {}

  /** Binds `host:port` (0: a free port) and returns the port. */
  async listen(host: string, port: number, tls: ControlServerTls): Promise<number> {
    const kv = await ensureHsmStores(this.nc);
    const server = new grpc.Server();
    server.addService(hsmControlService().service, {
      ...leaseService(this.nc, this.admits),
      ...stateService(kv, this.admits),
      ...mirrorService(this.nc, jetstream(this.nc), await jetstreamManager(this.nc), this.admits),
      ...reportsService(this.reports, this.admits),
      ...this.issuance.service(this.admits),
    });
    const creds = grpc.ServerCredentials.createSsl(Buffer.from(tls.ca), [{ private_key: Buffer.from(tls.key), cert_chain: Buffer.from(tls.cert) }], true);
    const bound = await new Promise<number>((resolve, reject) => server.bindAsync(`${host}:${port}`, creds, (err, p) => (err ? reject(err) : resolve(p))));
    this.#server = server;
    return bound;
  }

  /** Ends every call at once (watches and mirror streams included): nodes reconnect to the next server. */
  stop(): void {
    this.#server?.forceShutdown();
    this.#server = undefined;
  }
}
