import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pkcs11Token } from '../token/pkcs11-token.js';
import type { ReplicatedKeys } from '../ha/replicated-keys.js';
import type { ReloadableServerCredentials } from '../api/tls-credentials.js';
import type { RecordCall } from '../api/call-audit.js';
import { P11KitServer } from '@dew/hsm-client';
import { Pkcs11Port } from './pkcs11-port.js';
import { KeySweep, type Report, type UnmirroredKey } from './key-sweep.js';

const RESTART_DELAY_MS = 1000;

export interface Pkcs11RemotingOptions {
  /** The PKCS#11 module of the node's token (SoftHSM2) and the token's label. */
  readonly provider: string;
  readonly tokenLabel: string;
  /** Floating address and PKCS#11 port. */
  readonly host: string;
  readonly port: number;
  readonly credentials: ReloadableServerCredentials;
  readonly isRevoked: (serialHex: string) => boolean;
  readonly token: Pkcs11Token;
  readonly keys: ReplicatedKeys;
  readonly report: Report;
  /** The audit trail: keys the sweep finds created or destroyed are traced (docs/hsm.md, "Traces"). */
  readonly recordCall: RecordCall;
  readonly sweepEveryMs?: number;
}

/**
 * PKCS#11 for applications while this node is active (docs/hsm-appliance.md "PKCS#11 (p11-kit
 * remoting)"): p11-kit server over the node's own token on a unix socket in the node's private
 * directory, the mutual-TLS port that leads to it, and the sweep that mirrors what applications
 * create and destroy.
 */
export class Pkcs11Remoting {
  #server: P11KitServer;
  #restartTimer: NodeJS.Timeout | undefined;
  #stopping = false;

  private constructor(
    server: P11KitServer,
    private readonly port: Pkcs11Port,
    private readonly sweep: KeySweep,
    private readonly sweepTimer: NodeJS.Timeout,
    private readonly startServer: () => Promise<P11KitServer>,
    private readonly report: Report,
    private readonly socketDir: string,
  ) {
    this.#server = server;
    this.#supervise();
  }

  static async start(o: Pkcs11RemotingOptions): Promise<Pkcs11Remoting> {
    // The configuration the node's own SoftHSM was loaded with (main.ts): p11-kit must open the same token.
    const softhsmConf = process.env['SOFTHSM2_CONF'];
    if (!softhsmConf) throw new Error('SOFTHSM2_CONF is not set, so the token p11-kit should serve is unknown');
    // A unix socket path holds at most 107 bytes and data directories can be deeper: the socket
    // lives in a private (0700) temporary directory of its own, removed when remoting stops.
    const dir = await mkdtemp(join(tmpdir(), 'dew-p11-'));
    const socketPath = join(dir, 'p11-kit.sock');
    const sweep = new KeySweep(o.token, o.keys, o.report, o.recordCall);
    const startServer = () => P11KitServer.start({ socketPath, provider: o.provider, softhsmConf, tokenLabel: o.tokenLabel });
    const server = await startServer();
    let port: Pkcs11Port;
    try {
      port = await Pkcs11Port.listen({
        host: o.host, port: o.port, credentials: o.credentials, isRevoked: o.isRevoked, socketPath,
        onConnectionClosed: () => void sweep.request(),
      });
    } catch (err) {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
    const sweepTimer = setInterval(() => void sweep.request(), o.sweepEveryMs ?? 1000);
    void sweep.request();
    o.report('pkcs11-serving', { port: o.port, p11KitServerPid: server.pid });
    return new Pkcs11Remoting(server, port, sweep, sweepTimer, startServer, o.report, dir);
  }

  get unmirrored(): readonly UnmirroredKey[] {
    return this.sweep.unmirrored;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    clearInterval(this.sweepTimer);
    clearTimeout(this.#restartTimer);
    await this.port.close();
    await this.#server.stop();
    await this.sweep.settled();
    await rm(this.socketDir, { recursive: true, force: true });
  }

  // The port stays open meanwhile: a connection in the gap is closed at once, and the application reconnects.
  #supervise(): void {
    void this.#server.exited.then((how) => {
      if (this.#stopping) return;
      this.report('pkcs11-server-exited', { ...how });
      this.#restartSoon();
    });
  }

  #restartSoon(): void {
    this.#restartTimer = setTimeout(() => void this.startServer().then((server) => {
      if (this.#stopping) return server.stop();
      this.#server = server;
      this.report('pkcs11-serving', { port: this.port.port, p11KitServerPid: server.pid });
      this.#supervise();
    }, (err: Error) => {
      this.report('pkcs11-failed', { reason: err.message });
      if (!this.#stopping) this.#restartSoon();
    }), RESTART_DELAY_MS);
  }
}
