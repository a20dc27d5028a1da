import { connect } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { spliceSockets } from '@dew/hsm-client';
import type { ReloadableServerCredentials } from '../api/tls-credentials.js';
import { PendingHandshakes } from './pending-handshakes.js';

export interface Pkcs11PortOptions {
  readonly host: string;
  readonly port: number;
  /** The application port's credentials: instance-CA client certificates, CRL, same updates. */
  readonly credentials: ReloadableServerCredentials;
  readonly isRevoked: (serialHex: string) => boolean;
  /** The p11-kit server's socket each accepted connection is joined to. */
  readonly socketPath: string;
  readonly onConnectionClosed: () => void;
}

// Each authenticated connection is a p11-kit-remote process on the node: bounded like a connection pool.
export const MAX_CONNECTIONS = 64;
/** A connection that has not completed its TLS handshake by then is closed (Node's default: 120 s). */
export const HANDSHAKE_TIMEOUT_MS = 5_000;

/**
 * The PKCS#11 port on the floating address: TLS with exactly the application port's client
 * policy, each accepted connection piped to a new connection on p11-kit server's socket. Node's
 * TLS server checks chain and CRL at the handshake and destroys a refused connection; a new CRL
 * also closes the open connections of certificates it revokes.
 */
export class Pkcs11Port {
  readonly #open = new Set<TLSSocket>();
  #unwatch: () => void = () => undefined;

  private constructor(private readonly server: Server, private readonly o: Pkcs11PortOptions) {}

  get port(): number {
    return this.o.port;
  }

  static async listen(o: Pkcs11PortOptions): Promise<Pkcs11Port> {
    // Only authenticated connections count against MAX_CONNECTIONS: unauthenticated ones are
    // bounded apart and by time, so idle sockets cannot block the port (docs/hsm-appliance.md "PKCS#11").
    const server = createServer({ ...o.credentials.tlsServerOptions(), handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
    const port = new Pkcs11Port(server, o);
    const pending = new PendingHandshakes();
    server.on('connection', (socket) => pending.arrived(socket));
    server.on('secureConnection', (tls) => {
      pending.authenticated(tls);
      port.#accept(tls);
    });
    // A refused or timed-out handshake is the client's problem, not the node's; the socket is not
    // closed by Node on its own (a handshake timeout would otherwise leave it open).
    server.on('tlsClientError', (_err, tls) => tls.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, o.host, () => resolve());
    });
    port.#unwatch = o.credentials.watch((options) => {
      server.setSecureContext(options);
      for (const tls of port.#open) if (port.#revoked(tls)) tls.destroy();
    });
    return port;
  }

  async close(): Promise<void> {
    this.#unwatch();
    const closed = new Promise((resolve) => this.server.close(resolve));
    for (const tls of this.#open) tls.destroy();
    await closed;
  }

  #accept(tls: TLSSocket): void {
    if (this.#revoked(tls) || this.#open.size >= MAX_CONNECTIONS) {
      tls.destroy();
      return;
    }
    this.#open.add(tls);
    const local = connect(this.o.socketPath);
    spliceSockets(tls, local, () => {
      this.#open.delete(tls);
      this.o.onConnectionClosed();
    });
  }

  #revoked(tls: TLSSocket): boolean {
    // A connection already closing has no peer certificate left (null): nothing to refuse.
    const serial = (tls.getPeerCertificate() as ReturnType<TLSSocket['getPeerCertificate']> | null)?.serialNumber;
    return serial !== undefined && this.o.isRevoked(serial);
  }
}
