import { connect } from 'node:tls';

export interface TlsIdentity {
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

export type HandshakeOutcome = 'http2-served' | 'p11-kit-served' | 'closed-after-handshake' | `error ${string}`;

/**
 * Opens a raw TLS connection to a node's port as a gRPC client would (ALPN h2), or as p11-kit's
 * client module would (it sends its protocol version byte, the server answers with its own), and
 * reports how it ended. A node that accepts a gRPC client starts HTTP/2 at once (its SETTINGS frame arrives);
 * Node's TLS server checks the client certificate (chain, CRL) when the handshake completes and
 * destroys a refused connection there, before a single HTTP/2 byte — without a TLS alert, so
 * the client sees the connection closed (TLS 1.3) or reset (TLS 1.2).
 */
export function tlsHandshake(host: string, port: number, ca: Buffer, id: TlsIdentity, protocol: 'h2' | 'p11-kit' = 'h2'): Promise<HandshakeOutcome> {
  return new Promise((resolve) => {
    const socket = connect({
      host, port, ca, ...(id.cert ? { cert: id.cert } : {}), ...(id.key ? { key: id.key } : {}),
      ...(protocol === 'h2' ? { ALPNProtocols: ['h2'] } : {}), checkServerIdentity: () => undefined,
    });
    let settled = false;
    const done = (outcome: HandshakeOutcome): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(outcome);
    };
    if (protocol === 'p11-kit') socket.once('secureConnect', () => socket.write(Buffer.from([0])));
    socket.once('data', () => done(protocol === 'h2' ? 'http2-served' : 'p11-kit-served'));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNRESET' ? 'closed-after-handshake' : `error ${err.code ?? err.message}`));
    socket.once('close', () => done('closed-after-handshake'));
  });
}
