import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { backdated, certificate, name, normalSerial, pem, randomSerial, type Usage } from '@dew/x509';
import { nodeCommonName, type NodeIdentity } from '../identity.js';

/** The CA's key and certificate in PEM, for the owner to keep sealed (never in clear on disk). */
export interface ControlCaMaterial {
  readonly keyPem: string;
  readonly certPem: string;
}

/** A certificate the CA issued, the fresh private key it certifies (PEM) and its serial (hex). */
export interface IssuedCredentials {
  readonly cert: string;
  readonly key: string;
  readonly serial: string;
}

const ORGANIZATION = 'DEW HSM control plane';
const CA_NAME = name('DEW HSM control CA', ORGANIZATION);
export const CONTROL_SERVER_NAME = 'hsm-control';
const VALID_YEARS = 10;

/**
 * The control plane's certificate authority (docs/hsm-appliance.md "Control plane"): a P-256 key
 * in the provisioning process, its self-signed certificate, and the leaf certificates it issues:
 * the control server's, and one per node stating `hsm-node:<instance>:<node>` as its common name.
 */
export class ControlCa {
  private constructor(private readonly key: KeyObject, readonly certPem: string, private readonly spki: Buffer) {}

  static create(now = new Date()): ControlCa {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    const der = certificate({
      serial: randomSerial(), issuer: CA_NAME, issuerSpki: spki, subject: CA_NAME, subjectSpki: spki,
      notBefore: backdated(now), notAfter: yearsAfter(now), usage: 'ca',
    }, (tbs) => sign('sha256', tbs, privateKey));
    return new ControlCa(privateKey, pem('CERTIFICATE', der), spki);
  }

  static from(m: ControlCaMaterial): ControlCa {
    const key = createPrivateKey(m.keyPem);
    return new ControlCa(key, m.certPem, createPublicKey(key).export({ type: 'spki', format: 'der' }));
  }

  material(): ControlCaMaterial {
    return { keyPem: this.key.export({ type: 'pkcs8', format: 'pem' }).toString(), certPem: this.certPem };
  }

  /** A node's client certificate: the only place the control plane learns who a caller is. */
  issueNode(id: NodeIdentity, now = new Date()): IssuedCredentials {
    return this.#issue(nodeCommonName(id), 'client', [], now);
  }

  /** The control server's certificate, for the IPv4 addresses it listens on. */
  issueServer(ipAddresses: readonly string[], now = new Date()): IssuedCredentials {
    return this.#issue(CONTROL_SERVER_NAME, 'server', ipAddresses, now);
  }

  #issue(commonName: string, usage: Exclude<Usage, 'ca'>, ipAddresses: readonly string[], now: Date): IssuedCredentials {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const serial = randomSerial();
    const der = certificate({
      serial, issuer: CA_NAME, issuerSpki: this.spki, subject: name(commonName, ORGANIZATION), subjectSpki: publicKey.export({ type: 'spki', format: 'der' }),
      notBefore: backdated(now), notAfter: yearsAfter(now), usage, ipAddresses,
    }, (tbs) => sign('sha256', tbs, this.key));
    return { cert: pem('CERTIFICATE', der), key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), serial: normalSerial(serial.toString('hex')) };
  }
}

function yearsAfter(now: Date): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + VALID_YEARS);
  return d;
}
