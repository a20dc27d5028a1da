import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { ControlCa, ControlPlane, type ControlCaMaterial, type ControlEndpoint, type NodeIdentity, type RelayedCertificate } from '@dew/hsm-control';
import { PINO, STREAMS_CONNECTION } from '@dew/nest-kit';
import { HsmProvisioningConfig } from '../provisioning-config.js';
import { SealedFiles } from '../nodes/sealed-files.js';
import { ApplianceReports } from './appliance-reports.js';

/** Loopback only: the nodes run on this host, and nothing else may reach the control plane. */
export const CONTROL_HOST = '127.0.0.1';
const CA_FILE = 'control-ca';

/** A node's control credentials and the serial that admits them (until the node stops). */
export interface NodeControlCredentials extends ControlEndpoint {
  readonly serial: string;
}

const key = (id: NodeIdentity): string => `${id.instanceId}:${id.nodeId}`;

/**
 * The control plane the nodes reach their instance's shared state through (docs/hsm-appliance.md
 * "Control plane"), started with the service when it launches nodes (so a store or port problem
 * stops the service rather than failing an instance's creation). Its CA is made once and kept
 * sealed under the root key like the PINs (`<dataDir>/hsm/control-ca.sealed`, SealedFiles); each
 * node launch gets a fresh certificate, and only a node's latest one is admitted, until it stops.
 */
@Injectable()
export class NodeControl implements OnModuleInit, OnModuleDestroy {
  readonly #current = new Map<string, string>();
  #started: Promise<{ ca: ControlCa; address: string }> | undefined;
  #plane: ControlPlane | undefined;

  constructor(
    private readonly config: HsmProvisioningConfig,
    private readonly files: SealedFiles,
    @Inject(STREAMS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(PINO) private readonly log: Logger,
    private readonly reports: ApplianceReports,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.launchNodes) await this.#ready();
  }

  /** The control address and a fresh certificate for a node about to start; its earlier one stops being admitted. */
  async credentialsFor(id: NodeIdentity): Promise<NodeControlCredentials> {
    const { ca, address } = await this.#ready();
    const issued = ca.issueNode(id);
    this.#current.set(key(id), issued.serial);
    return { address, ca: ca.certPem, ...issued };
  }

  /** A node stopped: its certificate is admitted no more. */
  forget(id: NodeIdentity, serial: string): void {
    if (this.#current.get(key(id)) === serial) this.#current.delete(key(id));
  }

  /**
   * Has the instance's active node certify a public key (KMS's access certificate,
   * docs/hsm-appliance.md): relayed over the node's control connection; rejects with
   * `IssuanceFailed` when no active node is connected or answers, or the node refuses.
   */
  async issueThroughActiveNode(instanceId: string, commonName: string, publicKeyPem: string): Promise<RelayedCertificate> {
    await this.#ready();
    return this.#plane!.issuance.issue(instanceId, commonName, publicKeyPem);
  }

  onModuleDestroy(): void {
    this.#plane?.stop();
  }

  /** Started once; a start that failed is tried again by the next caller. */
  #ready(): Promise<{ ca: ControlCa; address: string }> {
    this.#started ??= this.#start().catch((err: unknown) => {
      this.#started = undefined;
      throw err;
    });
    return this.#started;
  }

  async #start(): Promise<{ ca: ControlCa; address: string }> {
    const ca = await this.#ca();
    const plane = new ControlPlane(this.nc, (caller, serial) => this.#current.get(key(caller)) === serial, this.reports);
    const port = await plane.listen(CONTROL_HOST, this.config.controlPort, { ca: ca.certPem, ...ca.issueServer([CONTROL_HOST]) });
    this.#plane = plane;
    const address = `${CONTROL_HOST}:${port}`;
    this.log.info({ address }, 'hsm control plane listening');
    return { ca, address };
  }

  /** Made once, then opened from its sealed file: nodes launched before a restart keep trusting the server. */
  async #ca(): Promise<ControlCa> {
    const sealed = await this.files.read(CA_FILE);
    if (sealed) return ControlCa.from(JSON.parse(sealed.toString('utf8')) as ControlCaMaterial);
    const ca = ControlCa.create();
    await this.files.write([CA_FILE], Buffer.from(JSON.stringify(ca.material())));
    return ca;
  }
}
