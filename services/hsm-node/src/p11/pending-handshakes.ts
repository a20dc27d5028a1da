import type { Socket } from 'node:net';

/** Connections in their TLS handshake from one source address; a new one beyond closes its oldest. */
export const PENDING_PER_ADDRESS = 16;
/** Connections in their handshake at all; a new one beyond closes the oldest. */
export const PENDING_IN_ALL = 256;

const keyOf = (s: { remoteAddress?: string | undefined; remotePort?: number | undefined }) => `${s.remoteAddress ?? ''}:${s.remotePort ?? ''}`;

/**
 * The PKCS#11 port's connections that have not authenticated yet (docs/hsm-appliance.md "PKCS#11"):
 * bounded per source address and in all. The newest is kept and the oldest closed, so idle
 * sockets held open cannot keep a client that completes its handshake out.
 */
export class PendingHandshakes {
  /** In arrival order, by remote address and port. */
  readonly #pending = new Map<string, Socket>();

  /** A raw TCP connection arrived. */
  arrived(socket: Socket): void {
    const key = keyOf(socket);
    const sameAddress = [...this.#pending.values()].filter((s) => s.remoteAddress === socket.remoteAddress);
    if (sameAddress.length >= PENDING_PER_ADDRESS) this.#close(sameAddress[0]!);
    if (this.#pending.size >= PENDING_IN_ALL) this.#close(this.#pending.values().next().value!);
    this.#pending.set(key, socket);
    socket.once('close', () => {
      if (this.#pending.get(key) === socket) this.#pending.delete(key);
    });
  }

  /** The connection from `remote` completed its handshake. */
  authenticated(remote: { remoteAddress?: string | undefined; remotePort?: number | undefined }): void {
    this.#pending.delete(keyOf(remote));
  }

  #close(socket: Socket): void {
    this.#pending.delete(keyOf(socket));
    socket.destroy();
  }
}
