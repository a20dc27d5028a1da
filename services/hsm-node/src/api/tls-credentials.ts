import * as grpc from '@grpc/grpc-js';
import { createSecureContext, type SecureContextOptions, type TlsOptions } from 'node:tls';

export interface TlsMaterial {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
  /** The instance CA's CRL: a revoked client certificate fails the TLS handshake. */
  readonly crl?: string;
}

/**
 * Server credentials whose certificate and CRL can be replaced while serving (grpc-js applies
 * the new secure context to new handshakes). With `requireClientCertificate` a client without a
 * certificate of the instance CA, or with a revoked one, is refused at the handshake.
 */
export class ReloadableServerCredentials extends grpc.ServerCredentials {
  constructor(material: TlsMaterial, requireClientCertificate: boolean) {
    super({ requestCert: requireClientCertificate, rejectUnauthorized: requireClientCertificate }, contextOf(material));
  }

  /** Throws, changing nothing, when Node cannot build a TLS context of `material` (e.g. a CRL it cannot parse). */
  update(material: TlsMaterial): void {
    const options = contextOf(material);
    // grpc-js and the PKCS#11 port would otherwise take a context they cannot use, and refuse every new connection.
    createSecureContext(options);
    this.updateSecureContextOptions(options);
  }

  /** The same policy for a plain TLS server (the PKCS#11 port): its options as they are now. */
  tlsServerOptions(): TlsOptions {
    return { ...this._getConstructorOptions(), ...this._getSecureContextOptions() };
  }

  /** Calls `listener` with each later update (a new CRL); returns the way to stop listening. */
  watch(listener: (options: SecureContextOptions) => void): () => void {
    const watcher = (options: SecureContextOptions | null): void => {
      if (options) listener(options);
    };
    this._addWatcher(watcher);
    return () => this._removeWatcher(watcher);
  }

  override _equals(other: grpc.ServerCredentials): boolean {
    return this === other;
  }
}

function contextOf(m: TlsMaterial): SecureContextOptions {
  return { ca: m.ca, cert: m.cert, key: m.key, ...(m.crl !== undefined ? { crl: m.crl } : {}), minVersion: 'TLSv1.2' };
}
